package org.bookslakehouse.pipeline;

import com.google.common.base.Preconditions;
import io.delta.tables.DeltaMergeBuilder;
import io.delta.tables.DeltaTable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;
import org.bookslakehouse.config.Settings;
import org.bookslakehouse.lake.BatchKeys;
import org.bookslakehouse.lake.Broadcast;
import org.bookslakehouse.lake.DeltaVersions;
import org.bookslakehouse.lake.LakeLayout;

/**
 * One micro-batch as a table sees it: its input, its settings, and an idempotent writer.
 *
 * <p>{@link #append} passes the stream's id as Delta's {@code txnAppId} and the batch id as {@code
 * txnVersion}: a batch that is run again after its write committed (the process died before the
 * checkpoint did) is skipped by Delta instead of being written twice. The stream id lives in the
 * checkpoint, so a reset checkpoint gets a new id and its replayed batches are written.
 */
public final class BatchContext {
  private static final String TXN_APP_ID = "spark.databricks.delta.write.txnAppId";
  private static final String TXN_VERSION = "spark.databricks.delta.write.txnVersion";

  private final SparkSession spark;
  private final Settings settings;
  private final LakeLayout layout;
  private final String table;
  private final Dataset<Row> input;
  private final long batchId;
  private final String appId;
  private final Map<String, LongAccumulator> counters = new TreeMap<>();
  private final Map<String, Long> counts = new TreeMap<>();
  private long rows = -1;

  BatchContext(
      SparkSession spark,
      Settings settings,
      LakeLayout layout,
      String table,
      Dataset<Row> input,
      long batchId,
      String appId) {
    this.spark = spark;
    this.settings = settings;
    this.layout = layout;
    this.table = table;
    this.input = input;
    this.batchId = batchId;
    this.appId = appId;
  }

  public SparkSession spark() {
    return spark;
  }

  public Settings settings() {
    return settings;
  }

  public Dataset<Row> input() {
    return input;
  }

  public long batchId() {
    return batchId;
  }

  /** Where the lake's tables are. */
  public LakeLayout layout() {
    return layout;
  }

  /** The path of the table this batch writes. */
  public String tablePath() {
    return layout.tablePath(table);
  }

  /** A counter the batch's tasks add to; its total is reported with the run. */
  public LongAccumulator counter(String name) {
    return counters.computeIfAbsent(name, n -> spark.sparkContext().longAccumulator(n));
  }

  /** A counter of the metric the batch's tasks add to; its total is reported with the run. */
  public LongAccumulator counter(Metric metric) {
    return counter(metric.key());
  }

  /** Adds to a metric known on the driver. */
  public void count(Metric metric, long value) {
    count(metric.key(), value);
  }

  /** Adds to a count known on the driver. */
  public void count(String name, long value) {
    counts.merge(name, value, Long::sum);
  }

  /** The counts of this batch, the counters' totals included. */
  Map<String, Long> counts() {
    Map<String, Long> all = new TreeMap<>(counts);
    counters.forEach((name, acc) -> all.merge(name, acc.value(), Long::sum));
    return all;
  }

  /** Records how many rows this batch brings, once its task has counted them. */
  public void counted(long rows) {
    this.rows = rows;
  }

  /**
   * Starts a MERGE of {@code source} (as {@code s}) into {@code target} (as {@code t}) on {@code
   * on}, a condition that includes the equality of {@code keys}. When the batch was counted and is
   * small ({@link Broadcast#isSmall}), the source is broadcast and the MERGE reads only the target
   * rows whose key values the source has ({@link BatchKeys}): on a table with deletion vectors,
   * neither the join that finds the matches nor the one that writes them shuffles the whole table.
   */
  public DeltaMergeBuilder merge(
      DeltaTable target, Dataset<Row> source, String on, List<String> keys) {
    if (!Broadcast.isSmall(rows)) {
      return target.as("t").merge(source.as("s"), on);
    }
    checkKeyTypes(target.toDF().schema(), source.schema(), keys);
    Column condition = functions.expr(on).and(BatchKeys.among(source, keys));
    return target.as("t").merge(Broadcast.ifAtMost(source, rows).as("s"), condition);
  }

  /**
   * Checks that each key column has the same type in the MERGE's source and target. Note: {@link
   * BatchKeys} compares the source's values with the target's as Java objects, so a key typed
   * otherwise on the two sides (an int against a long) would match no row.
   */
  private void checkKeyTypes(StructType target, StructType source, List<String> keys) {
    for (String key : keys) {
      DataType sourceType = source.apply(key).dataType();
      DataType targetType = target.apply(key).dataType();
      Preconditions.checkArgument(
          sourceType.equals(targetType),
          "A MERGE of %s's batch: key column %s is %s in the batch and %s in the target table;"
              + " cast the batch's column to the table's type",
          table,
          key,
          sourceType.simpleString(),
          targetType.simpleString());
    }
  }

  /** Appends the rows to this batch's table, once per batch whatever the retries. */
  public void append(Dataset<Row> rows) {
    appendTo(table, rows);
  }

  /** Appends the rows to the named table, once per batch whatever the retries. */
  public void appendTo(String target, Dataset<Row> rows) {
    rows.write()
        .format("delta")
        .mode("append")
        .option("txnAppId", appId)
        .option("txnVersion", batchId)
        .save(layout.tablePath(target));
  }

  /** Replaces the named table's rows with these, once per batch whatever the retries. */
  public void replace(String target, Dataset<Row> rows) {
    rows.write()
        .format("delta")
        .mode("overwrite")
        .option("txnAppId", appId)
        .option("txnVersion", batchId)
        .save(layout.tablePath(target));
  }

  /**
   * Runs a MERGE into the named table once per batch whatever the retries (Delta reads the
   * transaction identifier from the session confs for MERGE), and returns the metrics of its
   * commit: empty when the batch had already been merged.
   */
  public Map<String, Long> mergeOnce(String target, Function<DeltaTable, DeltaMergeBuilder> merge) {
    String path = layout.tablePath(target);
    DeltaTable delta = DeltaTable.forPath(spark, path);
    long before = DeltaVersions.latest(spark.sparkContext().hadoopConfiguration(), path);
    spark.conf().set(TXN_APP_ID, appId);
    spark.conf().set(TXN_VERSION, String.valueOf(batchId));
    try {
      merge.apply(delta).execute();
    } finally {
      spark.conf().unset(TXN_APP_ID);
      spark.conf().unset(TXN_VERSION);
    }
    long after = DeltaVersions.latest(spark.sparkContext().hadoopConfiguration(), path);
    if (after == before) {
      return Map.of();
    }
    // This batch's MERGE made the version after the one before (one writer per table).
    return DeltaVersions.commitMetrics(spark.sparkContext().hadoopConfiguration(), path, after);
  }

  /** Reports a MERGE's metrics: rows inserted, updated, deleted, copied; files added, removed. */
  public void countMerge(Map<String, Long> metrics) {
    Metric.ofMerge(metrics).forEach(this::count);
  }
}
