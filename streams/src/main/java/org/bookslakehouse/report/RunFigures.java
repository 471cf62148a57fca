package org.bookslakehouse.report;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bookslakehouse.lake.DeltaVersions;
import org.bookslakehouse.lake.LakeLayout;
import org.bookslakehouse.pipeline.RunHistory;

/**
 * The figures of the report, read from {@code pipeline_runs}: the runs of {@code books run} in
 * order, and per run the rows in and out per layer, the rows quarantined by reason, and the tasks'
 * durations; per table the last run that changed it.
 *
 * @param runs run id to when it started, oldest first
 * @param rowsByLayer run id to layer (bronze, silver, gold) to rows read and written
 * @param quarantinedByReason run id to reason to rows quarantined
 * @param durations run id to task to seconds
 * @param lastChange table to the last run that changed it (a new Delta version)
 */
public record RunFigures(
    Map<String, Timestamp> runs,
    Map<String, Map<String, InOut>> rowsByLayer,
    Map<String, Map<String, Long>> quarantinedByReason,
    Map<String, Map<String, Double>> durations,
    Map<String, Change> lastChange) {

  /** Rows a layer's tasks read and wrote in one run. */
  public record InOut(long in, long out) {}

  /** The run that last changed a table. */
  public record Change(String runId, Timestamp runStartedAt, long version) {}

  private static final String VIEW = "books_report_runs";
  private static final String RUNS = "command = 'run'";

  /** Reads the figures; all empty when the lake has no run history yet. */
  public static RunFigures read(SparkSession spark, LakeLayout layout) {
    RunFigures figures =
        new RunFigures(
            new LinkedHashMap<>(),
            new LinkedHashMap<>(),
            new LinkedHashMap<>(),
            new LinkedHashMap<>(),
            new TreeMap<>());
    String path = layout.tablePath(RunHistory.TABLE);
    if (DeltaVersions.latest(spark.sparkContext().hadoopConfiguration(), path) < 0) {
      return figures;
    }
    spark.read().format("delta").load(path).createOrReplaceTempView(VIEW);
    for (Row row :
        sql(
            spark,
            "SELECT run_id, min(run_started_at) AS started FROM %s WHERE %s GROUP BY run_id"
                + " ORDER BY started, run_id")) {
      figures.runs.put(row.getString(0), row.getTimestamp(1));
      figures.rowsByLayer.put(row.getString(0), new TreeMap<>());
      figures.quarantinedByReason.put(row.getString(0), new TreeMap<>());
      figures.durations.put(row.getString(0), new TreeMap<>());
    }
    for (Row row :
        sql(
            spark,
            "SELECT run_id, split(task, '_')[0], sum(rows_read), sum(rows_written) FROM %s"
                + " WHERE %s GROUP BY 1, 2")) {
      figures
          .rowsByLayer
          .get(row.getString(0))
          .put(row.getString(1), new InOut(row.getLong(2), row.getLong(3)));
    }
    for (Row row :
        sql(
            spark,
            "SELECT run_id, reason, sum(n) FROM %s LATERAL VIEW explode(quarantined_by_reason)"
                + " q AS reason, n WHERE %s GROUP BY 1, 2")) {
      figures.quarantinedByReason.get(row.getString(0)).put(row.getString(1), row.getLong(2));
    }
    for (Row row : sql(spark, "SELECT run_id, task, duration_s FROM %s WHERE %s")) {
      figures.durations.get(row.getString(0)).put(row.getString(1), row.getDouble(2));
    }
    for (Row row :
        sql(
            spark,
            "SELECT task, max_by(run_id, run_started_at), max(run_started_at),"
                + " max_by(version_after, run_started_at) FROM %s"
                + " WHERE %s AND version_after > version_before GROUP BY task")) {
      figures.lastChange.put(
          row.getString(0), new Change(row.getString(1), row.getTimestamp(2), row.getLong(3)));
    }
    return figures;
  }

  private static List<Row> sql(SparkSession spark, String template) {
    return new ArrayList<>(spark.sql(String.format(template, VIEW, RUNS)).collectAsList());
  }
}
