package org.bookslakehouse.gold;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.spark.sql.SparkSession;
import org.bookslakehouse.TestLake;
import org.bookslakehouse.lake.DeltaVersions;
import org.bookslakehouse.lake.LakeLayout;
import org.bookslakehouse.pipeline.LakeTable;
import org.bookslakehouse.pipeline.StreamRunner;
import org.bookslakehouse.pipeline.TableRun;
import org.bookslakehouse.pipeline.TaskGraph;
import org.bookslakehouse.pipeline.TaskListener;
import org.bookslakehouse.tables.Tables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, item 1: verify finds every gold table equal to its recompute after a run, also while
 * silver is ahead of gold (a run in progress), and reports damaged gold rows as missing, extra or
 * differing keys.
 */
class GoldVerifierTest {
  private static final String BOOKS =
      "\"ISBN\";\"Book-Title\";\"Book-Author\";\"Year-Of-Publication\";\"Publisher\";"
          + "\"Image-URL-S\";\"Image-URL-M\";\"Image-URL-L\"\r\n";
  private static final String USERS = "\"User-ID\";\"Location\";\"Age\"\r\n";
  private static final String RATINGS = "\"User-ID\";\"ISBN\";\"Book-Rating\"\r\n";
  private static SparkSession spark;

  @TempDir Path dir;

  @BeforeAll
  static void startSpark() {
    spark = TestLake.spark();
  }

  private static String book(String isbn, String title, String author, String publisher) {
    return String.format(
        "\"%s\";\"%s\";\"%s\";\"1990\";\"%s\";\"s\";\"m\";\"l\"\r\n",
        isbn, title, author, publisher);
  }

  private static void run(TestLake lake, Predicate<LakeTable> which) {
    StreamRunner runner = new StreamRunner(spark, lake.settings());
    List<LakeTable> tables = Tables.registry().ordered().stream().filter(which).toList();
    for (TableRun run : new TaskGraph(tables, 3).run(runner::run, TaskListener.NONE)) {
      assertThat(run.succeeded()).as(run.table() + ": " + run.message()).isTrue();
    }
  }

  private static Map<String, GoldVerifier.Check> verify(TestLake lake) {
    GoldVerifier verifier = new GoldVerifier(spark, LakeLayout.of(lake.settings()));
    Map<String, GoldVerifier.Check> checks = new TreeMap<>();
    GoldTables.all().forEach(table -> checks.put(table.name(), verifier.check(table)));
    return checks;
  }

  private static void sql(TestLake lake, String table, String statement) {
    spark.sql(
        statement.replace(
            "TABLE", "delta.`" + LakeLayout.of(lake.settings()).tablePath(table) + "`"));
  }

  @Test
  void verifyMatchesDuringARunAndFindsDamagedRows() throws IOException {
    TestLake lake = new TestLake(dir);
    LakeLayout layout = LakeLayout.of(lake.settings());
    lake.land(
        "books",
        "day-1.csv",
        BOOKS
            + book("0571056865", "Lord of the Flies", "Golding", "Faber")
            + book("0140283331", "Brighton Rock", "Graham Greene", "Penguin"));
    lake.land(
        "users",
        "day-1.csv",
        USERS
            + "\"1\";\"york, yorkshire, united kingdom\";\"25\"\r\n"
            + "\"2\";\"lyon, rhone, france\";NULL\r\n");
    lake.land(
        "ratings",
        "day-1.csv",
        RATINGS + "\"1\";\"0571056865\";\"8\"\r\n" + "\"2\";\"0140283331\";\"6\"\r\n");
    run(lake, t -> true);
    assertThat(verify(lake).values())
        .allSatisfy(c -> assertThat(c.matches()).as(c.toString()).isTrue());

    // A run in progress: day 2 reached silver, not gold yet. A recompute from the current silver
    // tables would differ (a new book, a changed rating); the one from the consumed versions does
    // not.
    lake.land("books", "day-2.csv", BOOKS + book("0000000019", "Late Book", "Greene", "Vintage"));
    lake.land("ratings", "day-2.csv", RATINGS + "\"1\";\"0571056865\";\"2\"\r\n");
    run(lake, t -> !(t instanceof GoldTable));
    GoldBookStats bookStats = new GoldBookStats();
    assertThat(bookStats.compute(new Silver(spark, layout), null).count()).isEqualTo(3);
    Map<String, GoldVerifier.Check> during = verify(lake);
    assertThat(during.values()).allSatisfy(c -> assertThat(c.matches()).as(c.toString()).isTrue());
    assertThat(during.get(GoldBookStats.NAME).rows()).isEqualTo(2);

    // The gold task wrote its MERGE but died before its checkpoint commit: the table is a batch
    // ahead of the committed checkpoint, and verify follows the table.
    run(lake, t -> t instanceof GoldTable);
    Path commits =
        Path.of(java.net.URI.create(layout.checkpointPath(GoldBookStats.NAME))).resolve("commits");
    long last =
        DeltaVersions.streamBatch(
            spark.sparkContext().hadoopConfiguration(),
            layout.tablePath(GoldBookStats.NAME),
            DeltaVersions.latest(
                spark.sparkContext().hadoopConfiguration(), layout.tablePath(GoldBookStats.NAME)));
    Files.delete(commits.resolve(Long.toString(last)));
    GoldVerifier.Check ahead = verify(lake).get(GoldBookStats.NAME);
    assertThat(ahead.matches()).as(ahead.toString()).isTrue();
    assertThat(ahead.rows()).isEqualTo(3);

    // Damage: a changed value, a deleted row, a row that should not exist.
    sql(lake, GoldBookStats.NAME, "UPDATE TABLE SET avg_rating = 9.5 WHERE isbn = '0140283331'");
    sql(lake, GoldReaderStats.NAME, "DELETE FROM TABLE WHERE user_id = 2");
    sql(
        lake,
        GoldPublisherYearStats.NAME,
        "INSERT INTO TABLE (publisher, year, books_count) VALUES ('Nobody', 1990, 1)");
    Map<String, GoldVerifier.Check> damaged = verify(lake);
    GoldVerifier.Check books = damaged.get(GoldBookStats.NAME);
    assertThat(books.matches()).isFalse();
    assertThat(List.of(books.missing(), books.extra(), books.differing()))
        .containsExactly(0L, 0L, 1L);
    assertThat(books.examples())
        .containsExactly("differing isbn=0140283331: avg_rating 9.5 (recompute 6.0)");
    GoldVerifier.Check readers = damaged.get(GoldReaderStats.NAME);
    assertThat(List.of(readers.missing(), readers.extra(), readers.differing()))
        .containsExactly(1L, 0L, 0L);
    assertThat(readers.examples()).containsExactly("missing user_id=2");
    GoldVerifier.Check publishers = damaged.get(GoldPublisherYearStats.NAME);
    assertThat(List.of(publishers.missing(), publishers.extra(), publishers.differing()))
        .containsExactly(0L, 1L, 0L);
    assertThat(publishers.examples()).containsExactly("extra publisher=Nobody, year=1990");
    assertThat(damaged.get(GoldAuthorStats.NAME).matches()).isTrue();
  }
}
