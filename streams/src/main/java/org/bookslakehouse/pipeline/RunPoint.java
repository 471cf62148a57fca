package org.bookslakehouse.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bookslakehouse.lake.DeltaVersions;
import org.bookslakehouse.lake.LakeLayout;
import org.bookslakehouse.lake.TableIdentity;

/**
 * The moment a run ended: per table, the Delta table (its id) and version it had then, found in
 * {@code pipeline_runs}. A run's rows record the tables their tasks wrote ({@link
 * RunHistory#TABLE_VERSIONS}); a table the run did not write is as the last row before the run's
 * end left it. So one id names the moment of a whole Databricks job run, whose tasks each record
 * their own tables.
 *
 * <p>{@link #read} reads a table as it was then, by Delta time travel, and refuses (with what, why
 * and how to fix) when that is no longer possible: the table was created anew since (a reset: its
 * versions count from 0 again, so the same number names other data), or VACUUM or the log cleanup
 * removed what that version needs.
 */
public final class RunPoint {
  private final String runId;
  private final Map<String, TableIdentity> tables;

  private RunPoint(String runId, Map<String, TableIdentity> tables) {
    this.runId = runId;
    this.tables = tables;
  }

  /** The moment run {@code runId} ended, from the lake's pipeline_runs. */
  public static RunPoint of(SparkSession spark, LakeLayout layout, String runId) {
    String path = layout.tablePath(RunHistory.TABLE);
    if (DeltaVersions.latest(spark.sparkContext().hadoopConfiguration(), path) < 0) {
      throw new IllegalArgumentException(
          String.format(
              "Run '%s' is unknown: the lake %s has no run history (%s) yet. Fix: run books run"
                  + " first.",
              runId, layout.lake(), RunHistory.TABLE));
    }
    Dataset<Row> history = spark.read().format("delta").load(path);
    boolean recorded = List.of(history.schema().fieldNames()).contains(RunHistory.TABLE_VERSIONS);
    List<Row> runs =
        history
            .selectExpr(
                "run_id",
                "coalesce(ended_at, run_started_at) AS ended",
                recorded ? RunHistory.TABLE_VERSIONS : "CAST(NULL AS MAP<STRING, BIGINT>)",
                recorded ? RunHistory.TABLE_IDS : "CAST(NULL AS MAP<STRING, STRING>)")
            .collectAsList();
    List<Row> mine = runs.stream().filter(r -> r.getString(0).equals(runId)).toList();
    if (mine.isEmpty()) {
      throw new IllegalArgumentException(
          String.format(
              "Run '%s' is not in %s. Fix: name a run id it holds, e.g. the last runs: books sql"
                  + " \"SELECT run_id, min(run_started_at) AS started FROM %s WHERE command ="
                  + " 'run' GROUP BY run_id ORDER BY started DESC LIMIT 5\"",
              runId, RunHistory.TABLE, RunHistory.TABLE));
    }
    if (mine.stream().allMatch(r -> r.isNullAt(2))) {
      throw new RunPointException(
          String.format(
              "Run '%s' was recorded before books-lakehouse recorded each table's version in %s"
                  + " (column %s), so the moment it ended cannot be found. Fix: name a later run.",
              runId, RunHistory.TABLE, RunHistory.TABLE_VERSIONS));
    }
    Timestamp end =
        mine.stream().map(r -> r.getTimestamp(1)).max(Timestamp::compareTo).orElseThrow();
    return new RunPoint(runId, tablesAt(runs, end));
  }

  /**
   * Each table's identity and version as the last run that recorded it by {@code end} left it (of
   * two at the same moment, the higher version).
   */
  private static Map<String, TableIdentity> tablesAt(List<Row> runs, Timestamp end) {
    Map<String, TableIdentity> tables = new TreeMap<>();
    Map<String, Timestamp> when = new TreeMap<>();
    for (Row row : runs) {
      Timestamp ended = row.getTimestamp(1);
      if (row.isNullAt(2) || ended.after(end)) {
        continue;
      }
      Map<String, Long> versions = row.getJavaMap(2);
      Map<String, String> ids = row.isNullAt(3) ? Map.of() : row.getJavaMap(3);
      for (Map.Entry<String, Long> table : versions.entrySet()) {
        Timestamp seen = when.get(table.getKey());
        TableIdentity known = tables.get(table.getKey());
        boolean later =
            seen == null
                || ended.after(seen)
                || (ended.equals(seen) && table.getValue() > known.version());
        if (later && ids.containsKey(table.getKey())) {
          when.put(table.getKey(), ended);
          tables.put(table.getKey(), new TableIdentity(ids.get(table.getKey()), table.getValue()));
        }
      }
    }
    return tables;
  }

  public String runId() {
    return runId;
  }

  /** The tables recorded at this moment, by name. */
  public Map<String, TableIdentity> tables() {
    return Collections.unmodifiableMap(tables);
  }

  /** The table and version it was at this moment. */
  public TableIdentity table(String table) {
    TableIdentity identity = tables.get(table);
    if (identity == null) {
      throw new RunPointException(
          String.format(
              "%s did not exist when run %s ended (no run had recorded it by then). Fix: leave it"
                  + " out, or name a later run.",
              table, runId));
    }
    return identity;
  }

  /**
   * The table's identity now, after checking that it is the table this moment recorded: a table
   * created anew since (a reset, a lost folder) is refused, not read.
   */
  public TableIdentity sameTableNow(SparkSession spark, LakeLayout layout, String table) {
    TableIdentity then = table(table);
    Optional<TableIdentity> now = TableIdentity.of(spark, layout.tablePath(table));
    if (now.isEmpty()) {
      throw new RunPointException(
          String.format(
              "%s no longer exists in the lake (it was at version %d when run %s ended), so it"
                  + " cannot be read as it was then. Fix: leave it out, or run books run to"
                  + " build it anew (its history then starts anew).",
              table, then.version(), runId));
    }
    if (!now.get().id().equals(then.id())) {
      throw new RunPointException(
          String.format(
              "%s was created anew since run %s ended (a reset or rebuild of its folder: table id"
                  + " %s then, %s now). Its history starts anew, so its version %d now names"
                  + " other data: refused rather than read the wrong table. Fix: name a run that"
                  + " ended after the reset, or leave %s out.",
              table, runId, then.id(), now.get().id(), then.version(), table));
    }
    return now.get();
  }

  /** The table as it was at this moment, after {@link #sameTableNow}. */
  public Dataset<Row> read(SparkSession spark, LakeLayout layout, String table) {
    sameTableNow(spark, layout, table);
    return readVersion(spark, layout, table, table(table).version(), "run " + runId);
  }

  /**
   * One version of a table, checked to be readable: its log entry is still there (Delta keeps
   * entries {@code delta.logRetentionDuration}, 30 days) and so is every data file it needs (VACUUM
   * deletes files removed longer ago than its retention, 7 days by default).
   *
   * @param moment what the version stands for, for the message ("run X", "2004-11-01")
   */
  public static Dataset<Row> readVersion(
      SparkSession spark, LakeLayout layout, String table, long version, String moment) {
    String path = layout.tablePath(table);
    Dataset<Row> rows;
    String[] files;
    try {
      rows = spark.read().format("delta").option("versionAsOf", version).load(path);
      files = rows.inputFiles();
    } catch (RuntimeException e) {
      throw new RunPointException(
          String.format(
              "Cannot read %s at version %d (%s): %s. Delta keeps a table's log entries for"
                  + " delta.logRetentionDuration (30 days here), so a moment that old can no longer"
                  + " be read. Fix: name a later moment.",
              table, version, moment, firstLine(e)));
    }
    try {
      FileSystem fs = new Path(path).getFileSystem(spark.sparkContext().hadoopConfiguration());
      long missing = 0;
      String example = null;
      for (String file : files) {
        if (!fs.exists(new Path(file))) {
          missing++;
          example = example == null ? file : example;
        }
      }
      if (missing > 0) {
        throw new RunPointException(
            String.format(
                "Cannot read %s at version %d (%s): VACUUM has removed %d of the %d data files"
                    + " that version needs (e.g. %s). VACUUM deletes files removed from the table"
                    + " longer ago than its retention (books maintain: 7 days by default). Fix:"
                    + " name a moment within the retention; to keep older moments, run books"
                    + " maintain with a longer --retention.",
                table, version, moment, missing, files.length, example));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot check the files of " + table + " at version " + version + ": " + e.getMessage(),
          e);
    }
    return rows;
  }

  private static String firstLine(Throwable e) {
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    return message.lines().findFirst().orElse(message).strip();
  }
}
