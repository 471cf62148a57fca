package org.bookslakehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged command end to end: the README's demo, and the full real BX-Users file. */
class BooksCommandIT {
  /** Per gold table: its rows and an order-free checksum of their values. */
  private static final String GOLD_FINGERPRINT =
      String.join(
          " UNION ALL ",
          Stream.of(
                  "gold_book_stats",
                  "gold_author_stats",
                  "gold_reader_stats",
                  "gold_publisher_year_stats",
                  "gold_country_stats",
                  "gold_age_group_stats")
              .map(
                  t ->
                      "SELECT '"
                          + t
                          + "' AS t, count(*) AS n, sum(CAST(hash(*) AS BIGINT)) AS h FROM "
                          + t)
              .toList());

  @TempDir Path work;

  @Test
  void sampleThenDayTwoThenNothingNewAndANewProcessQueriesEveryTableByName() throws Exception {
    Path landing = work.resolve("landing");
    copyTree(BooksProcess.ROOT.resolve("samples/landing"), landing, "2004-10-30T06:00:00Z");

    BooksProcess.Result day1 = BooksProcess.run(work, "run", "--as-of", "2004-10-31");
    assertThat(day1.exitCode()).as(day1.out() + day1.err()).isZero();
    assertThat(day1.out()).contains("gold_book_stats").doesNotContain("FAILED");

    BooksProcess.Result tables =
        BooksProcess.run(work, "sql", "--format", "csv", "SHOW TABLES IN books");
    assertThat(tables.exitCode()).as(tables.err()).isZero();
    assertThat(tables.out().lines())
        .startsWith("namespace,tableName,isTemporary")
        .contains(
            "books,bronze_users,false",
            "books,silver_ratings_quarantine,false",
            "books,gold_author_stats,false",
            "books,gold_age_group_stats,false");

    // Day 2 lands later than day 1, as a daily drop does.
    copyTree(BooksProcess.ROOT.resolve("samples/drops/day-2"), landing, "2004-10-31T06:00:00Z");
    BooksProcess.Result day2 = BooksProcess.run(work, "run", "--as-of", "2004-10-31");
    assertThat(day2.exitCode()).as(day2.out() + day2.err()).isZero();

    // samples/drops/day-2/CHANGES.md: the author fix, the move, the later duplicate, the deletion.
    BooksProcess.Result silver =
        BooksProcess.run(
            work,
            "sql",
            "--format",
            "csv",
            "SELECT (SELECT author FROM silver_books WHERE isbn = '3596214629') AS author,"
                + " (SELECT country FROM silver_users WHERE user_id = 276953) AS country,"
                + " (SELECT city FROM silver_users WHERE user_id = 278860) AS city,"
                + " (SELECT count(*) FROM silver_ratings WHERE user_id = 44252"
                + " AND isbn = '0316666343') AS deleted,"
                + " (SELECT count(*) FROM gold_author_stats WHERE author_key = 'golding') AS old,"
                + " (SELECT count(*) FROM gold_reader_stats"
                + " WHERE user_id = 276953 AND country = 'united kingdom') AS moved");
    assertThat(silver.exitCode()).as(silver.err()).isZero();
    assertThat(silver.out().lines())
        .containsExactly(
            "author,country,city,deleted,old,moved", "William Golding,united kingdom,köln,0,0,1");

    // Every gold table, kept current incrementally, equals its full recompute.
    BooksProcess.Result incremental =
        BooksProcess.run(work, "sql", "--format", "csv", GOLD_FINGERPRINT);
    assertThat(incremental.exitCode()).as(incremental.err()).isZero();
    BooksProcess.Result rebuild =
        BooksProcess.run(work, "rebuild", "gold", "--as-of", "2004-10-31");
    assertThat(rebuild.exitCode()).as(rebuild.out() + rebuild.err()).isZero();
    BooksProcess.Result full = BooksProcess.run(work, "sql", "--format", "csv", GOLD_FINGERPRINT);
    assertThat(full.out()).isEqualTo(incremental.out());
    assertThat(full.out().lines()).hasSize(7);

    BooksProcess.Result idle = BooksProcess.run(work, "run", "--as-of", "2004-10-31");
    assertThat(idle.exitCode()).isZero();
    assertThat(idle.out()).contains("(unchanged)").doesNotContain(" -> ");
  }

  /** Copies a drop into the landing zone, every file landed at the given instant. */
  private static void copyTree(Path from, Path to, String landedAt) throws IOException {
    FileTime time = FileTime.from(Instant.parse(landedAt));
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Path target = to.resolve(from.relativize(file).toString());
        Files.createDirectories(target.getParent());
        Files.copy(file, target);
        Files.setLastModifiedTime(target, time);
      }
    }
  }

  @Test
  void fullRealUsersFileLandsAsEveryRecordNoneRescued() throws Exception {
    Path users = BooksProcess.ROOT.resolve("../shared/data/book-crossing/BX-Users.csv.gz");
    if (!Files.exists(users)) {
      // CI and every developer have ../shared beside the checkout; a plain clone does not.
      Assumptions.assumeFalse(
          System.getenv("CI") == null, "../shared/data/book-crossing is not beside the checkout");
      throw new AssertionError("CI must have ../shared/data/book-crossing/BX-Users.csv.gz");
    }
    Path landing = work.resolve("landing/users");
    Files.createDirectories(landing);
    Files.copy(users, landing.resolve("BX-Users.csv.gz"));

    BooksProcess.Result run = BooksProcess.run(work, "run", "bronze_users");
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();

    BooksProcess.Result counts =
        BooksProcess.run(
            work,
            "sql",
            "--format",
            "csv",
            "SELECT count(*) AS records, count(_rescued_data) AS rescued,"
                + " count(DISTINCT user_id) AS users FROM books.bronze_users");
    assertThat(counts.exitCode()).as(counts.err()).isZero();
    assertThat(counts.out().lines()).containsExactly("records,rescued,users", "278858,0,278858");
  }
}
