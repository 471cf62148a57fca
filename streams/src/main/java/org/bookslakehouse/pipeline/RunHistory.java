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

/**
 * The run history: the Delta table {@code pipeline_runs}, one row per run and task with its times,
 * status, error, rows read and written, rows quarantined by reason, Delta versions before and
 * after, and MERGE metrics. A run writes its rows in one append when it ends, so a run that was
 * killed has none; the next run notes the killed run it took the lock over from.
 */
public final class RunHistory {
  public static final String TABLE = "pipeline_runs";

  /** The prefix of the counts that give quarantined rows by reason. */
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
          .add("error", DataTypes.StringType, true);

  private final SparkSession spark;
  private final LakeLayout layout;

  public RunHistory(SparkSession spark, LakeLayout layout) {
    this.spark = spark;
    this.layout = layout;
  }

  /** Creates and registers the table where it does not exist yet. */
  public void ensureTable() {
    LakeCatalog catalog = new LakeCatalog(spark, layout);
    catalog.ensureDatabase();
    catalog.createIfMissing(TABLE, SCHEMA, Map.of());
  }

  /** A task's run as a row of the history. */
  public static Row row(
      String runId, Instant runStartedAt, String command, TableRun run, Instant startedAt) {
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
        run.message().isEmpty() || run.succeeded() ? null : run.message());
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
        .save(layout.tablePath(TABLE));
  }

  private static org.apache.spark.sql.types.MapType mapOfCounts() {
    return DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType, false);
  }
}
