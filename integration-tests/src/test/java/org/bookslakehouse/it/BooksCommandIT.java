package org.bookslakehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged command end to end: the README's demo, and the full real BX-Users file. */
class BooksCommandIT {
  private static final List<String> GOLD =
      List.of(
          "gold_book_stats",
          "gold_author_stats",
          "gold_reader_stats",
          "gold_publisher_year_stats",
          "gold_country_stats",
          "gold_age_group_stats");

  private static final List<String> SILVER =
      List.of(
          "silver_books",
          "silver_books_quarantine",
          "silver_users",
          "silver_users_quarantine",
          "silver_ratings",
          "silver_ratings_quarantine",
          "silver_ratings_deletions");

  /** Per gold table: its rows and an order-free checksum of their values. */
  private static final String GOLD_FINGERPRINT = fingerprint(GOLD);

  /** The same for every silver and gold table. */
  private static final String ALL_FINGERPRINT =
      fingerprint(Stream.concat(SILVER.stream(), GOLD.stream()).toList());

  private static String fingerprint(List<String> tables) {
    return String.join(
        " UNION ALL ",
        tables.stream()
            .map(
                t ->
                    "SELECT '"
                        + t
                        + "' AS t, count(*) AS n, sum(CAST(hash(*) AS BIGINT)) AS h FROM "
                        + t)
            .toList());
  }

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

    operateTheLake(landing);
  }

  /**
   * Issue 5 on the lake of the three runs above: the history, the status, the lock, and backfill by
   * reset reproducing every table.
   */
  private void operateTheLake(Path landing) throws Exception {
    // The history: one row per run and task; its rows read and quarantined account for the tables.
    BooksProcess.Result history =
        BooksProcess.run(
            work,
            "sql",
            "--format",
            "csv",
            "SELECT (SELECT count(DISTINCT run_id) FROM pipeline_runs) AS runs,"
                + " (SELECT count(*) FROM pipeline_runs) AS tasks,"
                + " (SELECT count_if(status = 'SUCCEEDED') FROM pipeline_runs) AS succeeded,"
                + " (SELECT sum(rows_read) FROM pipeline_runs WHERE task = 'bronze_ratings')"
                + " = (SELECT count(*) FROM bronze_ratings) AS bronze_read,"
                + " (SELECT sum(rows_quarantined) FROM pipeline_runs WHERE task = 'silver_ratings')"
                + " = (SELECT count(*) FROM silver_ratings_quarantine) AS quarantined,"
                + " (SELECT min(size(quarantined_by_reason)) FROM pipeline_runs"
                + " WHERE rows_quarantined > 0) > 0 AS by_reason,"
                + " (SELECT min(version_after - version_before) FROM pipeline_runs) >= 0"
                + " AS versions");
    assertThat(history.exitCode()).as(history.err()).isZero();
    assertThat(history.out().lines())
        .containsExactly(
            "runs,tasks,succeeded,bronze_read,quarantined,by_reason,versions",
            "3,39,39,true,true,true,true");

    // The status: every table's last run succeeded, nothing waits; a file that lands waits.
    BooksProcess.Result status = BooksProcess.run(work, "status", "--format", "csv");
    assertThat(status.exitCode()).as(status.err()).isZero();
    assertThat(status.out().lines().filter(l -> l.startsWith("bronze_") || l.startsWith("gold_")))
        .hasSize(10)
        .allSatisfy(
            l ->
                assertThat(l)
                    .contains(",SUCCEEDED,")
                    .containsPattern(",0 (files|upstream versions),"));
    Path late = landing.resolve("users/late.csv");
    Files.writeString(late, "\"User-ID\";\"Location\";\"Age\"\r\n\"999999\";\"x, y, z\";NULL\r\n");
    BooksProcess.Result waiting = BooksProcess.run(work, "status", "--format", "csv");
    assertThat(waiting.out().lines().filter(l -> l.startsWith("bronze_users,")))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains(",1 file,");
    Files.delete(late);

    // One writer per table: a live holder of silver_users' lock refuses a run of every table and a
    // reset of silver_users, saying who holds it and what to do.
    Path lock = work.resolve("lake/books/_books/locks/silver_users.lock");
    Files.createDirectories(lock.getParent());
    Files.writeString(
        lock,
        String.format(
            "{\"runId\":\"held-by-the-test\",\"command\":\"run\",\"host\":\"%s\",\"pid\":%d,"
                + "\"startedAt\":\"%s\",\"heartbeatAt\":\"%s\"}",
            java.net.InetAddress.getLocalHost().getHostName(),
            ProcessHandle.current().pid(),
            Instant.now(),
            Instant.now()));
    BooksProcess.Result refused = BooksProcess.run(work, "run");
    assertThat(refused.exitCode()).as(refused.out() + refused.err()).isEqualTo(3);
    assertThat(refused.err())
        .contains("writes silver_users: run held-by-the-test")
        .contains("Wait for it to end");
    BooksProcess.Result refusedReset = BooksProcess.run(work, "reset", "silver_users");
    assertThat(refusedReset.exitCode()).isEqualTo(3);
    Files.delete(lock);

    // Backfill by reset: a silver table and a bronze table (whose silver reader loses its
    // checkpoint too) reprocess from their upstreams; every silver and gold table ends as it was.
    BooksProcess.Result before = BooksProcess.run(work, "sql", "--format", "csv", ALL_FINGERPRINT);
    assertThat(before.out().lines()).hasSize(SILVER.size() + GOLD.size() + 1);
    // Damage a silver row in place (same lineage, another value): the reset stream re-applies
    // cleansing to every bronze row and repairs it.
    BooksProcess.Result damage =
        BooksProcess.run(
            work,
            "sql",
            "UPDATE silver_ratings SET rating = (rating + 3) % 11 WHERE user_id = 43842 AND isbn = '0739432540'");
    assertThat(damage.exitCode()).as(damage.out() + damage.err()).isZero();
    assertThat(BooksProcess.run(work, "sql", "--format", "csv", ALL_FINGERPRINT).out())
        .isNotEqualTo(before.out());
    BooksProcess.Result resetSilver = BooksProcess.run(work, "reset", "silver_ratings");
    assertThat(resetSilver.exitCode()).as(resetSilver.out() + resetSilver.err()).isZero();
    BooksProcess.Result resetBronze = BooksProcess.run(work, "reset", "bronze_books");
    assertThat(resetBronze.out()).contains("silver_books").contains("bronze_books");
    assertThat(Files.exists(work.resolve("lake/books/checkpoints/silver_ratings"))).isFalse();
    assertThat(Files.exists(work.resolve("lake/books/tables/bronze_books"))).isFalse();
    BooksProcess.Result rerun = BooksProcess.run(work, "run", "--as-of", "2004-10-31");
    assertThat(rerun.exitCode()).as(rerun.out() + rerun.err()).isZero();
    assertThat(rerun.out()).contains("silver_ratings").contains("batches 1");
    BooksProcess.Result after = BooksProcess.run(work, "sql", "--format", "csv", ALL_FINGERPRINT);
    assertThat(after.out()).isEqualTo(before.out());
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
