package org.bookslakehouse.silver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bookslakehouse.TestLake;
import org.bookslakehouse.bronze.BronzeTable;
import org.bookslakehouse.bronze.BxSource;
import org.bookslakehouse.config.Settings;
import org.bookslakehouse.lake.LakeLayout;
import org.bookslakehouse.pipeline.LakeTable;
import org.bookslakehouse.pipeline.Reset;
import org.bookslakehouse.pipeline.StreamRunner;
import org.bookslakehouse.pipeline.TableRun;
import org.bookslakehouse.tables.Tables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bronze and silver streams together, on small drops whose expected outcome is plain to see. */
class SilverStreamTest {
  private static final String RATINGS = "\"User-ID\";\"ISBN\";\"Book-Rating\"\r\n";
  private static final String DELETIONS = "\"User-ID\";\"ISBN\"\r\n";
  private static final String USERS = "\"User-ID\";\"Location\";\"Age\"\r\n";
  private static SparkSession spark;

  @TempDir Path dir;

  @BeforeAll
  static void startSpark() {
    spark = TestLake.spark();
  }

  private static Map<String, TableRun> runAll(TestLake lake) {
    StreamRunner runner = new StreamRunner(spark, lake.settings());
    Map<String, TableRun> runs = new TreeMap<>();
    // Bronze and silver only: gold has tests of its own, and its streams would double the time.
    for (LakeTable table : Tables.registry().ordered()) {
      if (table.name().startsWith("gold_")) {
        continue;
      }
      TableRun run = runner.run(table);
      assertThat(run.status())
          .as(run.table() + ": " + run.message())
          .isNotEqualTo(TableRun.Status.FAILED);
      runs.put(table.name(), run);
    }
    return runs;
  }

  private static Dataset<Row> table(TestLake lake, String name) {
    return spark.read().format("delta").load(LakeLayout.of(lake.settings()).tablePath(name));
  }

  private static Map<String, Integer> ratings(TestLake lake) {
    Map<String, Integer> result = new TreeMap<>();
    for (Row row : table(lake, "silver_ratings").collectAsList()) {
      result.put(row.getAs("user_id") + "/" + row.getAs("isbn"), row.<Integer>getAs("rating"));
    }
    return result;
  }

  private static String rating(int user, String isbn, int value) {
    return String.format("\"%d\";\"%s\";\"%d\"\r\n", user, isbn, value);
  }

  @Test
  void laterFilesAndLaterRowsWinAndAnOlderFileLandingLateChangesNothing() throws IOException {
    TestLake lake = new TestLake(dir);
    lake.land(
        "ratings",
        "day-1.csv",
        RATINGS
            + rating(1, "0155061224", 5)
            + rating(1, "0155061224", 6)
            + rating(2, "034545104X", 3));
    runAll(lake);
    assertThat(ratings(lake))
        .containsExactlyInAnyOrderEntriesOf(Map.of("1/0155061224", 6, "2/034545104X", 3));

    lake.land("ratings", "day-2.csv", RATINGS + rating(2, "034545104-x", 9));
    Path late =
        lake.land(
            "ratings",
            "day-0-late.csv",
            RATINGS + rating(1, "0155061224", 1) + rating(2, "034545104X", 1));
    Files.setLastModifiedTime(
        late, java.nio.file.attribute.FileTime.fromMillis(1_000_000_000_000L));
    Map<String, TableRun> runs = runAll(lake);

    assertThat(ratings(lake))
        .containsExactlyInAnyOrderEntriesOf(Map.of("1/0155061224", 6, "2/034545104X", 9));
    TableRun silver = runs.get("silver_ratings");
    assertThat(silver.count("rows_in")).isEqualTo(3);
    assertThat(silver.count("accepted")).isEqualTo(1);
    assertThat(silver.count("superseded")).isEqualTo(2);
  }

  @Test
  void deletionWinsWhenNewestAndARatingAddedAgainAfterItComesBack() throws IOException {
    TestLake lake = new TestLake(dir);
    lake.land(
        "ratings", "day-1.csv", RATINGS + rating(7, "0155061224", 8) + rating(7, "0002005018", 4));
    runAll(lake);

    lake.land(
        "ratings-deleted",
        "day-2.csv",
        DELETIONS + "\"7\";\"0155061224\"\r\n\"9\";\"0002005018\"\r\n");
    Map<String, TableRun> day2 = runAll(lake);
    assertThat(ratings(lake)).containsExactlyInAnyOrderEntriesOf(Map.of("7/0002005018", 4));
    assertThat(day2.get("silver_ratings").count("merge_deleted")).isEqualTo(1);

    // An older file landing late must not bring the deleted rating back ...
    Path late = lake.land("ratings", "day-0.csv", RATINGS + rating(7, "0155061224", 2));
    Files.setLastModifiedTime(
        late, java.nio.file.attribute.FileTime.fromMillis(1_000_000_000_000L));
    runAll(lake);
    assertThat(ratings(lake)).containsExactlyInAnyOrderEntriesOf(Map.of("7/0002005018", 4));

    // ... but a newer rating does.
    lake.land("ratings", "day-3.csv", RATINGS + rating(7, "0155061224", 10));
    runAll(lake);
    assertThat(ratings(lake))
        .containsExactlyInAnyOrderEntriesOf(Map.of("7/0002005018", 4, "7/0155061224", 10));
  }

  @Test
  void invalidRowsAreQuarantinedWithEveryReasonAndUpdatesKeepOneRowPerKey() throws IOException {
    TestLake lake = new TestLake(dir);
    lake.land(
        "users",
        "day-1.csv",
        USERS
            + "\"10\";\"lyon, rh&#244;ne, france\";\"44\"\r\n"
            + "\"abc\";\"nowhere\";\"20\"\r\n"
            + "\"11\";\"porto\";\"300\"\r\n");
    lake.land(
        "ratings",
        "day-1.csv",
        RATINGS + "\"x\";\"12345\";\"11\"\r\n" + rating(10, "0155061224", 0));
    runAll(lake);

    lake.land("users", "day-2.csv", USERS + "\"10\";\"berlin, berlin, germany\";\"45\"\r\n");
    runAll(lake);

    List<Row> users = table(lake, "silver_users").orderBy("user_id").collectAsList();
    assertThat(users).hasSize(2);
    assertThat(users.get(0).<String>getAs("country")).isEqualTo("germany");
    assertThat(users.get(0).<Integer>getAs("age")).isEqualTo(45);
    assertThat(users.get(1).<String>getAs("city")).isEqualTo("porto");
    assertThat(users.get(1).<Integer>getAs("age")).isNull();

    Row badUser = table(lake, "silver_users_quarantine").head();
    assertThat(badUser.<String>getAs("user_id")).isEqualTo("abc");
    assertThat(badUser.getList(badUser.fieldIndex("_reasons")).toString()).contains("'abc'");
    Row badRating = table(lake, "silver_ratings_quarantine").head();
    assertThat(badRating.getList(badRating.fieldIndex("_reasons"))).hasSize(3);
    assertThat(badRating.<String>getAs("_source_file")).endsWith("day-1.csv");
    assertThat(badRating.<Long>getAs("_line_number")).isEqualTo(2L);
  }

  @Test
  void batchReplayedAfterItsMergeCommittedIsNotAppliedTwice() throws IOException {
    TestLake lake = new TestLake(dir);
    lake.land(
        "users", "day-1.csv", USERS + "\"1\";\"a, b, c\";\"20\"\r\n\"zz\";\"d, e, f\";\"30\"\r\n");
    Map<String, TableRun> first = runAll(lake);
    long silverVersion = first.get("silver_users").versionAfter();

    // The process died after silver's MERGE (and quarantine append) committed, before the
    // checkpoint recorded the batch: Spark runs the batch again with the same id.
    Path commits =
        dir.resolve("lake")
            .resolve(lake.settings().database())
            .resolve("checkpoints/silver_users/commits");
    Files.delete(commits.resolve("0"));
    TableRun replay = new StreamRunner(spark, lake.settings()).run(new SilverUsers());

    assertThat(replay.batches()).isEqualTo(1);
    assertThat(replay.versionAfter()).isEqualTo(silverVersion);
    assertThat(table(lake, "silver_users").count()).isEqualTo(1);
    assertThat(table(lake, "silver_users_quarantine").count()).isEqualTo(1);
  }

  @Test
  void resetCheckpointGetsANewStreamIdSoItsReplayedBatchesAreApplied() throws IOException {
    TestLake lake = new TestLake(dir);
    lake.land("users", "day-1.csv", USERS + "\"1\";\"a, b, c\";\"20\"\r\n");
    runAll(lake);
    Path checkpoint =
        dir.resolve("lake").resolve(lake.settings().database()).resolve("checkpoints/silver_users");
    try (Stream<Path> files = Files.walk(checkpoint)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }

    TableRun rerun = new StreamRunner(spark, lake.settings()).run(new SilverUsers());

    assertThat(rerun.batches()).isEqualTo(1);
    assertThat(rerun.versionAfter()).isGreaterThan(rerun.versionBefore());
    assertThat(table(lake, "silver_users").count()).isEqualTo(1);
  }

  @Test
  void aResetOverAMovedLandingZoneLeavesTheQuarantineAsIfBuiltOnceAndEveryRowAccountedFor()
      throws IOException {
    TestLake lake = new TestLake(dir);
    lake.land(
        "users",
        "day-1.csv",
        USERS
            + "\"1\";\"a, b, c\";\"20\"\r\n\"zz\";\"d, e, f\";\"30\"\r\n"
            + "\"1\";\"a, b, x\";\"21\"\r\n\"-4\";\"g, h, i\";\"40\"\r\n");
    runAll(lake);
    assertThat(table(lake, "silver_users_quarantine").count()).isEqualTo(2);

    // The operator moves the landing zone, then resets the bronze table and what is downstream
    // (as the moved-landing error says) and runs again over the new place.
    Path moved = dir.resolve("landing-moved");
    Files.move(dir.resolve("landing"), moved);
    Settings elsewhere = lake.withLanding(moved);
    Reset.apply(
        spark.sparkContext().hadoopConfiguration(),
        LakeLayout.of(elsewhere),
        Reset.plan(Tables.registry(), "bronze_users", true));
    StreamRunner runner = new StreamRunner(spark, elsewhere);
    assertThat(runner.run(new BronzeTable(BxSource.USERS)).status())
        .isEqualTo(TableRun.Status.SUCCEEDED);
    TableRun silver = runner.run(new SilverUsers());

    // The quarantine holds the two rejected rows once, under the paths they were read from now.
    Dataset<Row> quarantine = table(lake, "silver_users_quarantine");
    assertThat(quarantine.count()).isEqualTo(2);
    assertThat(quarantine.where("_source_file LIKE '%/landing-moved/users/day-1.csv'").count())
        .isEqualTo(2);
    // bronze rows = silver current + superseded + quarantined, and the quarantine is what was
    // quarantined.
    long bronze = table(lake, "bronze_users").count();
    assertThat(bronze).isEqualTo(4);
    assertThat(silver.count("rows_in")).isEqualTo(bronze);
    assertThat(silver.count("accepted") + silver.count("superseded") + silver.count("quarantined"))
        .isEqualTo(bronze);
    assertThat(silver.count("quarantined")).isEqualTo(quarantine.count());
    assertThat(table(lake, "silver_users").count()).isEqualTo(1);
    assertThat(table(lake, "silver_users").head().<String>getAs("country")).isEqualTo("x");
  }

  @Test
  void sampleDataIsAccountedForRowByRowAndAnIdleRunCommitsNothing() throws IOException {
    TestLake lake = new TestLake(dir);
    Path samples = Path.of("..", "samples", "landing").toAbsolutePath().normalize();
    List<Path> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(samples)) {
      walk.filter(Files::isRegularFile).sorted().forEach(files::add);
    }
    for (Path file : files) {
      lake.land(
          file.getParent().getFileName().toString(),
          file.getFileName().toString(),
          Files.readAllBytes(file));
    }

    Map<String, TableRun> runs = runAll(lake);

    for (String silver : List.of("silver_books", "silver_users", "silver_ratings")) {
      TableRun run = runs.get(silver);
      assertThat(run.count("rows_in"))
          .as(silver + " accounts for every row in")
          .isEqualTo(run.count("accepted") + run.count("superseded") + run.count("quarantined"))
          .isPositive();
      assertThat(table(lake, silver + "_quarantine").count()).isEqualTo(run.count("quarantined"));
    }
    assertThat(runs.get("silver_books").count("rows_in"))
        .isEqualTo(table(lake, "bronze_books").count());
    assertThat(runs.get("silver_users").count("rows_in"))
        .isEqualTo(table(lake, "bronze_users").count());
    assertThat(runs.get("silver_ratings").count("rows_in"))
        .isEqualTo(
            table(lake, "bronze_ratings").count() + table(lake, "bronze_ratings_deleted").count());
    assertThat(table(lake, "silver_books").count())
        .isEqualTo(runs.get("silver_books").count("accepted"));
    assertThat(table(lake, "silver_books").select("isbn").distinct().count())
        .isEqualTo(table(lake, "silver_books").count());

    Map<String, TableRun> idle = runAll(lake);
    assertThat(idle.values())
        .allSatisfy(
            run -> {
              assertThat(run.batches()).as(run.table()).isZero();
              assertThat(run.versionAfter()).as(run.table()).isEqualTo(run.versionBefore());
              assertThat(run.status()).as(run.table()).isEqualTo(TableRun.Status.SKIPPED);
            });
  }
}
