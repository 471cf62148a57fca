package org.bookslakehouse.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.delta.tables.DeltaTable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.Trigger;
import org.bookslakehouse.AgedLog;
import org.bookslakehouse.TestLake;
import org.bookslakehouse.lake.DeltaVersions;
import org.bookslakehouse.lake.LakeLayout;
import org.bookslakehouse.lake.TableIdentity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Operator code on a lake whose first log files Delta has cleaned up: an upstream table written,
 * its log aged past the log retention and cleaned by Delta's own checkpoint, a stream reading it.
 */
class AgedLakeTest {
  private static SparkSession spark;

  @TempDir Path dir;
  private LakeLayout layout;
  private String upstream;

  @BeforeAll
  static void startSpark() {
    spark = TestLake.spark();
  }

  @BeforeEach
  void agedUpstream() throws Exception {
    layout = LakeLayout.of(new TestLake(dir).settings());
    upstream = layout.tablePath("up");
    append(upstream, 0);
    stream("up", "down");
    append(upstream, 1);
    stream("up", "down");
    ageAndCleanUp(upstream);
  }

  /**
   * Ages the table's log past the default log retention (30 days) and commits until Delta writes a
   * checkpoint, which cleans the aged log files up, version 0's among them.
   */
  private static void ageAndCleanUp(String table) {
    spark.sql(
        "ALTER TABLE delta.`" + table + "` SET TBLPROPERTIES ('delta.checkpointInterval' = '2')");
    AgedLog.age(table, Duration.ofDays(60));
    for (int day = 10; day < 13 && AgedLog.hasFirstCommit(table); day++) {
      append(table, day);
    }
    assertThat(AgedLog.hasFirstCommit(table)).as("Delta cleaned up version 0").isFalse();
  }

  private static void append(String table, int day) {
    spark
        .range(day * 10L, day * 10L + 10)
        .toDF("id")
        .write()
        .format("delta")
        .mode("append")
        .save(table);
  }

  /** Streams table {@code from} into table {@code to} once (AvailableNow). */
  private void stream(String from, String to) throws TimeoutException, StreamingQueryException {
    streamInto(spark.readStream().format("delta").load(layout.tablePath(from)), to);
  }

  /** Streams the ids of table {@code from}'s change feed into table {@code to} once. */
  private void changeFeed(String from, String to) throws Exception {
    streamInto(
        spark
            .readStream()
            .format("delta")
            .option("readChangeFeed", "true")
            .load(layout.tablePath(from))
            .select("id"),
        to);
  }

  private void streamInto(Dataset<Row> source, String to)
      throws TimeoutException, StreamingQueryException {
    source
        .writeStream()
        .format("delta")
        .option("checkpointLocation", layout.checkpointPath(to))
        .trigger(Trigger.AvailableNow())
        .start(layout.tablePath(to))
        .awaitTermination();
  }

  @Test
  void statusTellsWhereAStreamStandsAfterItsUpstreamsFirstLogFilesWereCleanedUp() {
    long latest = DeltaVersions.latest(spark.sparkContext().hadoopConfiguration(), upstream);

    CheckpointState state = CheckpointState.of(spark, layout, new FakeTable("down", "up"), "none");

    assertThat(state.position()).isEqualTo("batch 1: up up to v1");
    assertThat(state.waitingCount()).isEqualTo(latest - 1);
  }

  @Test
  void aStreamWhosePositionTheLogNoLongerKeepsSaysWhatHappenedAndHowToRebuild() throws Exception {
    String once = layout.tablePath("once");
    append(once, 0);
    // Its only batch read the table's first snapshot: going on needs that version's log.
    stream("once", "once_reader");
    ageAndCleanUp(once);

    assertThatThrownBy(() -> stream("once", "once_reader"))
        .satisfies(
            e ->
                assertThat(Failures.describe("once_reader", e))
                    .contains("older than what the lake still keeps")
                    .contains("books reset once_reader --downstream"));
  }

  @Test
  void aChangeFeedStreamWhoseVersionTheLogNoLongerKeepsSaysWhatHappenedAndHowToRebuild()
      throws Exception {
    String feed = layout.tablePath("feed");
    spark
        .range(0, 10)
        .toDF("id")
        .write()
        .format("delta")
        .option("delta.enableChangeDataFeed", "true")
        .save(feed);
    changeFeed("feed", "feed_reader");
    // A second batch: the stream stands past its initial snapshot, as a daily gold stream does.
    append(feed, 1);
    changeFeed("feed", "feed_reader");
    // The log is cleaned up to a checkpoint after the version the stream stands at: Delta's
    // change feed source cannot rebuild that version's snapshot (DELTA_EMPTY_DIRECTORY).
    ageAndCleanUp(feed);
    append(feed, 20);

    assertThatThrownBy(() -> changeFeed("feed", "feed_reader"))
        .satisfies(
            e ->
                assertThat(Failures.describe("feed_reader", e))
                    .contains("older than what the lake still keeps")
                    .contains("books reset feed_reader --downstream"));
  }

  @Test
  void theDeltaLogReaderAgreesWithDeltasHistoryAfterLogCleanup() {
    Row last = DeltaTable.forPath(spark, upstream).history(1).first();
    long version = last.getLong(last.fieldIndex("version"));
    Map<String, String> metrics = last.getJavaMap(last.fieldIndex("operationMetrics"));

    assertThat(DeltaVersions.latest(spark.sparkContext().hadoopConfiguration(), upstream))
        .isEqualTo(version);
    assertThat(
            DeltaVersions.commitMetrics(
                spark.sparkContext().hadoopConfiguration(), upstream, version))
        .containsEntry("numOutputRows", Long.parseLong(metrics.get("numOutputRows")))
        .containsEntry("numFiles", Long.parseLong(metrics.get("numFiles")));
  }

  @Test
  void theChecksumReaderAgreesWithDescribeDetailAfterLogCleanup() {
    Row detail = DeltaTable.forPath(spark, upstream).detail().first();
    long version = DeltaVersions.latest(spark.sparkContext().hadoopConfiguration(), upstream);

    assertThat(AgedLog.hasFirstCommit(upstream)).isFalse();
    assertThat(
            DeltaVersions.metadata(spark.sparkContext().hadoopConfiguration(), upstream, version))
        .hasValueSatisfying(
            metadata -> {
              assertThat(metadata.id()).isEqualTo(detail.getString(detail.fieldIndex("id")));
              assertThat(metadata.properties())
                  .isEqualTo(detail.getJavaMap(detail.fieldIndex("properties")))
                  .containsEntry("delta.checkpointInterval", "2");
            });
    assertThat(TableIdentity.of(spark, upstream))
        .contains(new TableIdentity(detail.getString(detail.fieldIndex("id")), version));
  }

  @Test
  void aVersionWithoutItsChecksumHasNoMetadataFromTheLog() {
    long version = DeltaVersions.latest(spark.sparkContext().hadoopConfiguration(), upstream);

    assertThat(
            DeltaVersions.metadata(
                spark.sparkContext().hadoopConfiguration(), upstream, version + 1))
        .isEmpty();
  }

  @Test
  void withoutItsChecksumATablesMetadataComesFromDescribeDetail() throws Exception {
    Row detail = DeltaTable.forPath(spark, upstream).detail().first();
    long version = DeltaVersions.latest(spark.sparkContext().hadoopConfiguration(), upstream);
    org.apache.hadoop.fs.Path checksum =
        new org.apache.hadoop.fs.Path(upstream, String.format("_delta_log/%020d.crc", version));
    assertThat(
            checksum
                .getFileSystem(spark.sparkContext().hadoopConfiguration())
                .delete(checksum, false))
        .isTrue();

    assertThat(
            DeltaVersions.metadata(spark.sparkContext().hadoopConfiguration(), upstream, version))
        .isEmpty();
    assertThat(TableIdentity.metadata(spark, upstream, version))
        .isEqualTo(
            new DeltaVersions.TableMetadata(
                detail.getString(detail.fieldIndex("id")),
                detail.getJavaMap(detail.fieldIndex("properties"))));
  }
}
