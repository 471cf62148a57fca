package org.bookslakehouse.bronze;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bookslakehouse.TestLake;
import org.bookslakehouse.config.Settings;
import org.bookslakehouse.lake.LakeLayout;
import org.bookslakehouse.pipeline.CheckpointState;
import org.bookslakehouse.pipeline.StreamRunner;
import org.bookslakehouse.pipeline.TableRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BronzeStreamTest {
  private static final String USERS_HEADER = "\"User-ID\";\"Location\";\"Age\"\r\n";
  private static final String RATINGS_HEADER = "\"User-ID\";\"ISBN\";\"Book-Rating\"\r\n";
  private static SparkSession spark;

  @TempDir Path dir;

  @BeforeAll
  static void startSpark() {
    spark = TestLake.spark();
  }

  private static String users(int from, int to) {
    StringBuilder text = new StringBuilder(USERS_HEADER);
    for (int id = from; id <= to; id++) {
      text.append(
          String.format("\"%d\";\"city %d, state, country\";\"%d\"\r\n", id, id, 20 + id % 50));
    }
    return text.toString();
  }

  private static Dataset<Row> table(TestLake lake, String name) {
    return spark.read().format("delta").load(LakeLayout.of(lake.settings()).tablePath(name));
  }

  @Test
  void eachRunAppendsOnlyTheNewFilesAndAnIdleRunWritesNothing() throws IOException {
    TestLake lake = new TestLake(dir);
    StreamRunner runner = new StreamRunner(spark, lake.settings());
    BronzeTable users = new BronzeTable(BxSource.USERS);
    lake.land("users", "day-1.csv", users(1, 30));

    TableRun first = runner.run(users);
    assertThat(first.status()).isEqualTo(TableRun.Status.SUCCEEDED);
    assertThat(first.count("rows")).isEqualTo(30);

    lake.land("users", "day-2.csv.gz", users(31, 40));
    TableRun second = runner.run(users);
    assertThat(second.count("files")).isEqualTo(1);
    assertThat(second.count("rows")).isEqualTo(10);

    TableRun idle = runner.run(users);
    assertThat(idle.status()).isEqualTo(TableRun.Status.SKIPPED);
    assertThat(idle.succeeded()).isTrue();
    assertThat(idle.batches()).isZero();
    assertThat(idle.versionAfter())
        .isEqualTo(idle.versionBefore())
        .isEqualTo(second.versionAfter());

    Dataset<Row> bronze = table(lake, "bronze_users");
    assertThat(bronze.count()).isEqualTo(40);
    assertThat(bronze.select("user_id").distinct().count()).isEqualTo(40);
    assertThat(bronze.where("_source_file LIKE '%day-2.csv.gz'").count()).isEqualTo(10);
    assertThat(bronze.where("_rescued_data IS NOT NULL").count()).isZero();
    Row row = bronze.where("user_id = '31'").head();
    assertThat(row.<Long>getAs("_line_number")).isEqualTo(2L);
    assertThat(row.<Object>getAs("_file_modification_time")).isNotNull();
    assertThat(row.<Object>getAs("_ingested_at")).isNotNull();
  }

  @Test
  void batchReplayedAfterItsCommitIsNotWrittenTwice() throws IOException {
    TestLake lake = new TestLake(dir);
    StreamRunner runner = new StreamRunner(spark, lake.settings());
    BronzeTable users = new BronzeTable(BxSource.USERS);
    lake.land("users", "day-1.csv", users(1, 25));
    TableRun first = runner.run(users);
    assertThat(first.count("rows")).isEqualTo(25);

    // The process died after the Delta commit and before the checkpoint's commit file: Spark runs
    // batch 0 again with the same id, and the transaction identifier makes Delta skip it.
    Path commit =
        dir.resolve("lake")
            .resolve(lake.settings().database())
            .resolve("checkpoints/bronze_users/commits/0");
    Files.delete(commit);
    Files.deleteIfExists(commit.resolveSibling(".0.crc"));

    TableRun replay = runner.run(users);
    assertThat(replay.status()).isEqualTo(TableRun.Status.SUCCEEDED);
    assertThat(replay.batches()).isEqualTo(1);
    assertThat(replay.versionAfter()).isEqualTo(first.versionAfter());
    assertThat(table(lake, "bronze_users").count()).isEqualTo(25);
  }

  @Test
  void maxFilesPerTriggerSplitsARunIntoBatchesAndKeepsEveryRow() throws IOException {
    TestLake base = new TestLake(dir);
    var settings =
        new org.bookslakehouse.config.Settings(
            base.settings().landing(),
            base.settings().lake(),
            base.settings().database(),
            base.settings().asOf(),
            java.util.OptionalInt.of(1),
            base.settings().master());
    for (int day = 0; day < 3; day++) {
      base.land("users", "day-" + day + ".csv", users(day * 10 + 1, day * 10 + 10));
    }

    TableRun run = new StreamRunner(spark, settings).run(new BronzeTable(BxSource.USERS));

    assertThat(run.batches()).isEqualTo(3);
    assertThat(run.count("rows")).isEqualTo(30);
    assertThat(table(base, "bronze_users").count()).isEqualTo(30);
  }

  @Test
  void badRowsAndBadHeadersAreRescuedNotLost() throws IOException {
    TestLake lake = new TestLake(dir);
    lake.land(
        "ratings",
        "good-and-bad.csv",
        RATINGS_HEADER + "\"1\";\"034545104X\";\"0\"\r\n\"2\";\"0155061224\"\r\n");
    lake.land("ratings", "wrong-header.csv", USERS_HEADER + "\"3\";\"x, y, z\";\"20\"\r\n");
    lake.land(
        "ratings", "commas.csv", "\"User-ID\",\"ISBN\",\"Book-Rating\"\r\n\"4\",\"1\",\"5\"\r\n");

    TableRun run = new StreamRunner(spark, lake.settings()).run(new BronzeTable(BxSource.RATINGS));

    assertThat(run.status()).isEqualTo(TableRun.Status.SUCCEEDED);
    assertThat(run.count("rows")).isEqualTo(4);
    assertThat(run.count("rescued")).isEqualTo(3);
    List<Row> rescued =
        table(lake, "bronze_ratings")
            .where("_rescued_data IS NOT NULL")
            .orderBy("_source_file")
            .select("_source_file", "_rescued_data", "user_id")
            .collectAsList();
    assertThat(rescued)
        .extracting(r -> r.getString(0).replaceAll(".*/", ""))
        .containsExactly("commas.csv", "good-and-bad.csv", "wrong-header.csv");
    assertThat(rescued).extracting(r -> r.getString(2)).containsOnlyNulls();
    assertThat(rescued.get(0).getString(1)).contains("','-delimited");
    assertThat(rescued.get(1).getString(1)).contains("2 fields where the header has 3");
    assertThat(rescued.get(2).getString(1)).contains("missing [ISBN, Book-Rating]");
  }

  @Test
  void corruptGzipStopsOnlyItsTableWithAnErrorNamingTheFile() throws IOException {
    TestLake lake = new TestLake(dir);
    StreamRunner runner = new StreamRunner(spark, lake.settings());
    lake.land("users", "good.csv", users(1, 5));
    byte[] gzip = gzipped(users(6, 5000));
    lake.land("users", "broken.csv.gz", Arrays.copyOf(gzip, gzip.length / 2));
    lake.land("ratings", "fine.csv", RATINGS_HEADER + "\"1\";\"034545104X\";\"0\"\r\n");

    TableRun users = runner.run(new BronzeTable(BxSource.USERS));
    TableRun ratings = runner.run(new BronzeTable(BxSource.RATINGS));

    assertThat(users.status()).isEqualTo(TableRun.Status.FAILED);
    assertThat(users.message())
        .contains("broken.csv.gz")
        .contains("Nothing of the batch that holds it was written")
        .contains("Fix:");
    assertThat(table(lake, "bronze_users").count()).isZero();
    assertThat(ratings.status()).isEqualTo(TableRun.Status.SUCCEEDED);
    assertThat(table(lake, "bronze_ratings").count()).isEqualTo(1);

    // What the message says to do works: move the file away, run again, the good file lands.
    try (Stream<Path> files = Files.list(lake.landing("users"))) {
      assertThat(files).hasSize(2);
    }
    Files.move(lake.landing("users").resolve("broken.csv.gz"), dir.resolve("broken.csv.gz"));
    TableRun retried = runner.run(new BronzeTable(BxSource.USERS));
    assertThat(retried.status()).isEqualTo(TableRun.Status.SUCCEEDED);
    assertThat(retried.count("files")).isEqualTo(1);
    assertThat(retried.count("rows")).isEqualTo(5);
    assertThat(table(lake, "bronze_users").count()).isEqualTo(5);
  }

  @Test
  void aMovedLandingZoneFailsWithWhatToDo() throws IOException {
    TestLake lake = new TestLake(dir);
    BronzeTable users = new BronzeTable(BxSource.USERS);
    lake.land("users", "day-1.csv", users(1, 5));
    assertThat(new StreamRunner(spark, lake.settings()).run(users).count("rows")).isEqualTo(5);

    // The operator moves the landing zone and lands the next day there.
    Path moved = dir.resolve("landing-moved");
    Files.move(dir.resolve("landing"), moved);
    Files.writeString(moved.resolve("users/day-2.csv"), users(6, 8));
    Settings elsewhere = lake.withLanding(moved);
    TableRun run = new StreamRunner(spark, elsewhere).run(users);

    assertThat(run.status()).isEqualTo(TableRun.Status.FAILED);
    assertThat(run.message())
        .contains("landing zone moved")
        .contains(moved.resolve("users").toUri().getPath().replaceAll("/$", ""))
        .contains(dir.resolve("landing/users/day-1.csv").toUri().getPath())
        .contains("books reset TABLE");
    assertThat(table(lake, "bronze_users").count()).isEqualTo(5);
  }

  @Test
  void landedFilesAreCsvOrCsvGzInAnyCaseAndHiddenOnesAreNeitherReadNorCountedAsWaiting()
      throws IOException {
    TestLake lake = new TestLake(dir);
    BronzeTable users = new BronzeTable(BxSource.USERS);
    lake.land("users", "DAY-1.CSV.GZ", gzipped(users(1, 4)));
    lake.land("users", "day-2.Csv", users(5, 6).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    lake.land("users", ".day-3.csv", users(7, 9).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    lake.land("users", "_day-4.csv.gz", gzipped(users(10, 12)));

    TableRun run = new StreamRunner(spark, lake.settings()).run(users);

    assertThat(run.status()).as(run.message()).isEqualTo(TableRun.Status.SUCCEEDED);
    assertThat(run.count("files")).isEqualTo(2);
    Dataset<Row> bronze = table(lake, "bronze_users");
    assertThat(
            bronze
                .where("_rescued_data IS NULL")
                .select("user_id")
                .as(Encoders.STRING())
                .collectAsList())
        .containsExactlyInAnyOrder("1", "2", "3", "4", "5", "6");
    assertThat(bronze.count()).isEqualTo(6);
    // books status: nothing waits, the hidden files are no landed files.
    CheckpointState state =
        CheckpointState.of(spark, LakeLayout.of(lake.settings()), users, lake.settings().landing());
    assertThat(state.waitingCount()).as(state.waiting()).isZero();
  }

  private static byte[] gzipped(String text) throws IOException {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(bytes)) {
      out.write(text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    }
    return bytes.toByteArray();
  }
}
