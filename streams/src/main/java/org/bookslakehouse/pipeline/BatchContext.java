package org.bookslakehouse.pipeline;

import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.bookslakehouse.config.Settings;

/**
 * One micro-batch as a table sees it: its input, its settings, and an idempotent writer.
 *
 * <p>{@link #append} passes the stream's id as Delta's {@code txnAppId} and the batch id as {@code
 * txnVersion}: a batch that is run again after its write committed (the process died before the
 * checkpoint did) is skipped by Delta instead of being written twice. The stream id lives in the
 * checkpoint, so a reset checkpoint gets a new id and its replayed batches are written.
 */
public final class BatchContext {
  private final SparkSession spark;
  private final Settings settings;
  private final String tablePath;
  private final Dataset<Row> input;
  private final long batchId;
  private final String appId;
  private final Map<String, LongAccumulator> counters = new TreeMap<>();
  private final Map<String, Long> counts = new TreeMap<>();

  BatchContext(
      SparkSession spark,
      Settings settings,
      String tablePath,
      Dataset<Row> input,
      long batchId,
      String appId) {
    this.spark = spark;
    this.settings = settings;
    this.tablePath = tablePath;
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

  public String tablePath() {
    return tablePath;
  }

  /** A counter the batch's tasks add to; its total is reported with the run. */
  public LongAccumulator counter(String name) {
    return counters.computeIfAbsent(name, n -> spark.sparkContext().longAccumulator(n));
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

  /** Appends the rows to the table, once per batch whatever the retries. */
  public void append(Dataset<Row> rows) {
    rows.write()
        .format("delta")
        .mode("append")
        .option("txnAppId", appId)
        .option("txnVersion", batchId)
        .save(tablePath);
  }
}
