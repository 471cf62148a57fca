package org.bookslakehouse.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.bookslakehouse.TestLake;
import org.bookslakehouse.lake.LakeCatalog;
import org.bookslakehouse.lake.LakeLayout;
import org.bookslakehouse.lake.TableProperties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** books maintain on a table as a daily MERGE leaves it: many small files, deleted rows. */
class MaintenanceTest {
  private static final Maintenance.Policy SQUEEZED =
      new Maintenance.Policy(10, Duration.ZERO, true);
  private static SparkSession spark;

  @TempDir Path dir;
  private LakeLayout layout;
  private String table;

  @BeforeAll
  static void startSpark() {
    spark = TestLake.spark();
  }

  @BeforeEach
  void aTableOfTwelveDays() {
    layout = LakeLayout.of(new TestLake(dir).settings());
    table = layout.tablePath("silver_things");
    appendDays(0, 12);
    spark.sql(
        "ALTER TABLE delta.`"
            + table
            + "` SET TBLPROPERTIES ('delta.enableDeletionVectors' = 'true')");
    DeltaTable.forPath(spark, table).delete("id % 10 = 0");
  }

  /**
   * Appends days {@code from} to {@code to - 1}, each a file of 100 new rows (ids {@code day * 100}
   * on), as a daily MERGE leaves them. The option creates the table with deletion vectors on; the
   * later appends leave the table's property as it is.
   */
  private void appendDays(int from, int to) {
    for (int day = from; day < to; day++) {
      spark
          .range(day * 100L, day * 100L + 100)
          .selectExpr("id", "id % 7 AS value")
          .coalesce(1)
          .write()
          .format("delta")
          .mode("append")
          .option("delta.enableDeletionVectors", "true")
          .save(table);
    }
  }

  private long liveFiles() {
    return DeltaTable.forPath(spark, table).detail().select("numFiles").first().getLong(0);
  }

  private List<Row> rows(String path) {
    return spark.read().format("delta").load(path).orderBy("id").collectAsList();
  }

  @Test
  void compactsASmallFiledTableVacuumsWhatItRemovedAndKeepsItsRows() throws IOException {
    List<Row> before = rows(table);
    assertThat(liveFiles()).isEqualTo(12);

    TableRun run = new Maintenance(spark, layout, SQUEEZED).maintain("silver_things");

    assertThat(run.succeeded()).as(run.message()).isTrue();
    assertThat(run.count("files_before")).isEqualTo(12);
    assertThat(run.count("compacted_files")).isEqualTo(12);
    assertThat(run.count("files_after")).isEqualTo(1).isEqualTo(liveFiles());
    assertThat(run.count("bytes_removed")).isPositive();
    // VACUUM (retention squeezed to 0) deleted the twelve files the compaction removed.
    try (Stream<Path> files = Files.list(Path.of(URI.create(table)))) {
      assertThat(files.filter(f -> f.toString().endsWith(".parquet"))).hasSize(1);
    }
    assertThat(rows(table)).isEqualTo(before);
  }

  /**
   * Maintaining a small table costs a few Spark tasks. Note: Delta's VACUUM lists the table in as
   * many tasks as Spark's partition discovery parallelism (10000 by default): about 25 s a table on
   * 2 cores, whatever its size, until the session set it.
   */
  @Test
  void maintainingASmallTableRunsAFewSparkTasksNotThousands() throws TimeoutException {
    AtomicInteger tasks = new AtomicInteger();
    SparkListener counter =
        new SparkListener() {
          @Override
          public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
            tasks.incrementAndGet();
          }
        };
    spark.sparkContext().addSparkListener(counter);
    try {
      TableRun run = new Maintenance(spark, layout, SQUEEZED).maintain("silver_things");
      spark.sparkContext().listenerBus().waitUntilEmpty();

      assertThat(run.succeeded()).as(run.message()).isTrue();
      assertThat(tasks.get()).isBetween(1, 200);
    } finally {
      spark.sparkContext().removeSparkListener(counter);
    }
  }

  @Test
  void leavesATableWithFewFilesWorthRewritingAsItIs() {
    TableRun run =
        new Maintenance(spark, layout, new Maintenance.Policy(13, Duration.ZERO, true))
            .maintain("silver_things");

    assertThat(run.count("compaction_candidates")).isEqualTo(12);
    assertThat(run.count("compacted_files")).isZero();
    assertThat(run.count("files_after")).isEqualTo(12);
  }

  @Test
  void aStreamGoesOnFromItsCheckpointAfterCompactionAndVacuumWithTheSameRows() throws Exception {
    String copy = layout.tablePath("gold_copy");
    stream(table, copy);
    new Maintenance(spark, layout, SQUEEZED).maintain("silver_things");
    spark
        .range(5000, 5100)
        .selectExpr("id", "id % 7 AS value")
        .write()
        .format("delta")
        .mode("append")
        .save(table);

    stream(table, copy);

    // The stream read the append and nothing of the compaction (its commit changes no data).
    assertThat(rows(copy)).isEqualTo(rows(table)).hasSize(1200 - 120 + 100);
  }

  @Test
  void aStreamWhoseUnreadFilesVacuumDeletedSaysWhatHappenedAndHowToRebuild() throws Exception {
    String copy = layout.tablePath("gold_copy");
    stream(table, copy);
    // Two more days land; maintenance compacts them with the rest and, its retention squeezed,
    // deletes their files before the reader has read them.
    appendDays(12, 14);
    TableRun maintained = new Maintenance(spark, layout, SQUEEZED).maintain("silver_things");
    assertThat(maintained.count("compacted_files")).isEqualTo(14);

    assertThatThrownBy(() -> stream(table, copy))
        .satisfies(
            e ->
                assertThat(Failures.describe("gold_copy", e))
                    .contains("older than what the lake still keeps")
                    .contains("data files it was to read were removed by VACUUM")
                    .contains("books reset gold_copy --downstream"));
  }

  private void stream(String from, String to) throws Exception {
    spark
        .readStream()
        .format("delta")
        .option("ignoreDeletes", "true")
        .load(from)
        .writeStream()
        .format("delta")
        .option("checkpointLocation", layout.checkpointPath("gold_copy"))
        .trigger(Trigger.AvailableNow())
        .start(to)
        .awaitTermination();
  }

  @Test
  void aRetentionShorterThanDeltaAllowsIsRefusedWithoutTheOverride() {
    assertThatThrownBy(() -> new Maintenance.Policy(10, Duration.ofDays(1), false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--allow-short-retention");
    assertThat(new Maintenance.Policy(10, Duration.ofDays(7), false).retention())
        .isEqualTo(Duration.ofDays(7));
  }

  @Test
  void aTableOfALakeBuiltBeforeGetsTheRetentionPropertiesOnItsNextRun() {
    String old = layout.tablePath("silver_old");
    LakeCatalog catalog = new LakeCatalog(spark, layout);
    catalog.ensureDatabase();
    // As the code before created it: registered, no retention properties.
    DeltaTable.createIfNotExists(spark)
        .tableName(layout.qualified("silver_old"))
        .location(old)
        .addColumn("id", DataTypes.LongType)
        .property("delta.enableChangeDataFeed", "true")
        .execute();
    assertThat(DeltaTable.forPath(spark, old).detail().select("properties").first().getJavaMap(0))
        .doesNotContainKey(TableProperties.LOG_RETENTION);

    catalog.createIfMissing(
        "silver_old",
        new StructType().add("id", DataTypes.LongType),
        Map.of("delta.enableChangeDataFeed", "true"));

    Map<String, String> properties =
        DeltaTable.forPath(spark, old).detail().select("properties").first().getJavaMap(0);
    assertThat(properties).containsAllEntriesOf(TableProperties.RETENTION);
    assertThat(properties).containsEntry("delta.enableChangeDataFeed", "true");

    // Every later run finds them set and commits nothing.
    long version = DeltaTable.forPath(spark, old).history(1).first().getLong(0);
    catalog.createIfMissing(
        "silver_old",
        new StructType().add("id", DataTypes.LongType),
        Map.of("delta.enableChangeDataFeed", "true"));
    assertThat(DeltaTable.forPath(spark, old).history(1).first().getLong(0)).isEqualTo(version);
  }
}
