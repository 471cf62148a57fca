package org.bookslakehouse.pipeline;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.bookslakehouse.lake.DeltaVersions;
import org.bookslakehouse.lake.LakeCatalog;
import org.bookslakehouse.lake.LakeLayout;
import org.bookslakehouse.lake.TableIdentity;

/**
 * The run history: the Delta table {@code pipeline_runs}, one row per run and task with its times,
 * status, error, rows read and written, rows quarantined by reason, Delta versions before and
 * after, and MERGE metrics. A run writes its rows in one append when it ends, so a run that was
 * killed has none; the next run notes the killed run it took the lock over from.
 */
public final class RunHistory {
  public static final String TABLE = "pipeline_runs";

  /** The prefix of the counts that give quarantined rows by reason. */
  /** The column of the versions of the tables a task wrote, when it ended. */
  public static final String TABLE_VERSIONS = "table_versions";

  /** The column of the Delta table ids of those tables. */
  public static final String TABLE_IDS = "table_ids";

  private static final StructType SCHEMA =
      new StructType()
          .add("run_id", DataTypes.StringType, false)
          .add("run_started_at", DataTypes.TimestampType, false)
          .add("command", DataTypes.StringType, false)
          .add("task", DataTypes.StringType, false)
          .add("status", DataTypes.StringType, false)
          .add("started_at", DataTypes.TimestampType, true)
          .add("ended_at", DataTypes.TimestampType, true)
          .add("duration_s", DataTypes.DoubleType, false)
          .add("batches", DataTypes.IntegerType, false)
          .add("rows_read", DataTypes.LongType, false)
          .add("rows_written", DataTypes.LongType, false)
          .add("rows_quarantined", DataTypes.LongType, false)
          .add("quarantined_by_reason", mapOfCounts(), false)
          .add("version_before", DataTypes.LongType, true)
          .add("version_after", DataTypes.LongType, true)
          .add("merge_metrics", mapOfCounts(), false)
          .add("counts", mapOfCounts(), false)
          .add("error", DataTypes.StringType, true)
          // Added with issue 15 (null in older rows): per table the task wrote, its version and
          // Delta table id when the task ended; RunPoint finds a run's moment from them.
          .add(
              TABLE_VERSIONS,
              DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType, false),
              true)
          .add(
              TABLE_IDS,
              DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType, false),
              true);

  private final SparkSession spark;
  private final LakeLayout layout;

  public RunHistory(SparkSession spark, LakeLayout layout) {
    this.spark = spark;
    this.layout = layout;
  }

  /** The schema of {@code pipeline_runs} as this version writes it. */
  public static StructType schema() {
    return SCHEMA;
  }

  /** Creates and registers the table where it does not exist yet. */
  public void ensureTable() {
    LakeCatalog catalog = new LakeCatalog(spark, layout);
    catalog.ensureDatabase();
    catalog.createIfMissing(TABLE, SCHEMA, Map.of());
  }

  /** A task's run as a row of the history, for a task that writes no table (verify). */
  public static Row row(
      String runId, Instant runStartedAt, String command, TableRun run, Instant startedAt) {
    return row(runId, runStartedAt, command, run, startedAt, null);
  }

  /**
   * A task's run as a row of the history, with the identity and version of each table it wrote when
   * it ended ({@code null}: none recorded).
   */
  public static Row row(
      String runId,
      Instant runStartedAt,
      String command,
      TableRun run,
      Instant startedAt,
      Map<String, TableIdentity> tables) {
    Map<String, Long> versions = null;
    Map<String, String> ids = null;
    if (tables != null) {
      versions = new TreeMap<>();
      ids = new TreeMap<>();
      for (Map.Entry<String, TableIdentity> table : tables.entrySet()) {
        versions.put(table.getKey(), table.getValue().version());
        ids.put(table.getKey(), table.getValue().id());
      }
    }
    Map<String, Long> byReason = new TreeMap<>();
    Map<String, Long> merge = new TreeMap<>();
    Map<String, Long> other = new TreeMap<>();
    run.counts()
        .forEach(
            (name, value) -> {
              Optional<String> reason = Metric.quarantineReason(name);
              if (reason.isPresent()) {
                byReason.put(reason.get(), value);
              } else if (name.startsWith(Metric.MERGE_PREFIX)) {
                merge.put(name.substring(Metric.MERGE_PREFIX.length()), value);
              } else {
                other.put(name, value);
              }
            });
    boolean ran = run.status() != TableRun.Status.BLOCKED;
    // Spark converts a java.util.Map in a Row to a map value.
    return RowFactory.create(
        runId,
        Timestamp.from(runStartedAt),
        command,
        run.table(),
        run.status().name(),
        ran ? Timestamp.from(startedAt) : null,
        ran ? Timestamp.from(startedAt.plus(run.duration())) : null,
        run.duration().toMillis() / 1000.0,
        run.batches(),
        rowsRead(run.counts()),
        rowsWritten(run),
        run.count(Metric.QUARANTINED),
        byReason,
        run.versionBefore() < 0 ? null : run.versionBefore(),
        run.versionAfter() < 0 ? null : run.versionAfter(),
        merge,
        other,
        run.message().isEmpty() || run.succeeded() ? null : run.message(),
        versions,
        ids);
  }

  /**
   * The identity and latest version of the tables a task writes (the table and its side tables),
   * those that exist: what {@link #row} records so that a run's moment can be found again.
   */
  public static Map<String, TableIdentity> written(
      SparkSession spark, LakeLayout layout, LakeTable table) {
    Map<String, TableIdentity> written = new TreeMap<>();
    List<String> names = new ArrayList<>();
    names.add(table.name());
    table.sideTables().forEach(side -> names.add(side.name()));
    for (String name : names) {
      TableIdentity.of(spark, layout.tablePath(name)).ifPresent(t -> written.put(name, t));
    }
    return written;
  }

  /** Rows read: landed rows for bronze, rows in for silver, affected keys for gold. */
  public static long rowsRead(Map<String, Long> counts) {
    for (Metric metric : Metric.READ) {
      if (counts.containsKey(metric.key())) {
        return counts.get(metric.key());
      }
    }
    return 0;
  }

  /** Rows written: appended rows for bronze; rows a MERGE inserted, updated or deleted. */
  static long rowsWritten(TableRun run) {
    if (run.counts().containsKey(Metric.ROWS.key())
        && !run.counts().containsKey(Metric.MERGE_INSERTED.key())) {
      return run.count(Metric.ROWS);
    }
    return Metric.MERGE_CHANGES.stream().mapToLong(run::count).sum();
  }

  /**
   * The last recorded run of each task: task, status, when it ended, error. Empty when nothing was
   * recorded yet.
   */
  public Map<String, Row> lastRuns() {
    Map<String, Row> last = new TreeMap<>();
    if (DeltaVersions.latest(spark.sparkContext().hadoopConfiguration(), layout.tablePath(TABLE))
        < 0) {
      return last;
    }
    spark
        .read()
        .format("delta")
        .load(layout.tablePath(TABLE))
        .createOrReplaceTempView("books_pipeline_runs");
    for (Row row :
        spark
            .sql(
                "SELECT task, status, date_format(coalesce(ended_at, run_started_at), 'yyyy-MM-dd HH:mm:ss'),"
                    + " error FROM (SELECT *, row_number()"
                    + " OVER (PARTITION BY task ORDER BY run_started_at DESC) AS n FROM"
                    + " books_pipeline_runs) WHERE n = 1")
            .collectAsList()) {
      last.put(row.getString(0), row);
    }
    return last;
  }

  /** Appends the rows of one run. */
  public void append(List<Row> rows) {
    if (rows.isEmpty()) {
      return;
    }
    ensureTable();
    spark
        .createDataFrame(new ArrayList<>(rows), SCHEMA)
        .coalesce(1)
        .write()
        .format("delta")
        .mode("append")
        // Note: a lake built before table_versions existed gets the new columns here.
        .option("mergeSchema", "true")
        .save(layout.tablePath(TABLE));
  }

  private static org.apache.spark.sql.types.MapType mapOfCounts() {
    return DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType, false);
  }
}
