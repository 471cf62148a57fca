package org.bookslakehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.bookslakehouse.pipeline.TableRegistry;
import org.bookslakehouse.tables.Tables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6, parts 3 and 4, on one lake: three daily drops (the sample, day 2, day 3 with updates,
 * deletions, late books and bad rows), several runs killed with SIGKILL at named points of a
 * micro-batch and run again; after each day every gold table equals what the {@link Oracle}
 * computes from the landed files alone, silver holds one row per key, bronze every landed record
 * once, and the quarantines every rejected (file, line) once.
 */
class ScenarioIT {
  private static final String AS_OF = "2004-11-01";
  private static final int AS_OF_YEAR = 2004;

  /** The exit code of a process killed by SIGKILL (128 + 9). */
  private static final int KILLED = 137;

  @TempDir Path work;

  private LakeLocation lake;
  private LandedDays days;
  private final List<String> killPoints = new ArrayList<>();

  private LakeReader reader;

  @BeforeEach
  void lake() {
    lake = new AzuriteLake();
    days = new LandedDays(lake, AS_OF_YEAR);
    reader = new LakeReader(lake);
  }

  @AfterEach
  void stopReader() {
    reader.close();
  }

  @Test
  void threeDaysWithKilledRunsEndAsTheOracleSays() throws Exception {
    land("samples/landing", "2004-10-30T06:00:00Z");
    // Day 1: killed during a bronze batch, then between silver_ratings' MERGE and its checkpoint
    // commit, then between a gold MERGE and its checkpoint commit; each rerun takes over the lock.
    // The first two run just the tasks up to their kill point, as Databricks tasks do.
    killedAt("bronze_ratings:before-write", false, "bronze_ratings");
    killedAt(
        "silver_ratings:after-write",
        true,
        "bronze_ratings",
        "bronze_ratings_deleted",
        "silver_ratings");
    killedAt("gold_author_stats:after-write", true);
    String day1 = run();
    assertThat(day1).contains("did not end");
    assertLakeAsTheOracleSays();
    assertTheBlobsAreInTheContainers();

    // Day 2: killed during silver_books' batch, before its MERGE.
    land("samples/drops/day-2", "2004-10-31T06:00:00Z");
    killedAt("silver_books:before-write", false);
    assertThat(run()).contains("did not end");
    assertLakeAsTheOracleSays();
    List<String> day2 = reader.lines(TrustChecks.STATEMENT);

    // Day 3: uninterrupted.
    land("samples/drops/day-3", "2004-11-01T06:00:00Z");
    assertThat(run()).doesNotContain("did not end");
    assertLakeAsTheOracleSays();
    assertThat(killPoints).hasSize(4);

    new Operations().check();
    new TrustChecks(work, lake, reader, days, day2).check();
  }

  /** The landed files and every table and checkpoint, listed by the storage API (not by Hadoop). */
  private void assertTheBlobsAreInTheContainers() throws Exception {
    Azurite azurite = ((AzuriteLake) lake).azurite();
    Map<String, Long> landing = azurite.blobs(AzuriteLake.LANDING_CONTAINER);
    Path sample = BooksProcess.ROOT.resolve("samples/landing");
    try (Stream<Path> files = Files.walk(sample)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String blob = AzuriteLake.landingBlob(sample.relativize(file).toString());
        assertThat(landing).as(blob).containsEntry(blob, Files.size(file));
      }
    }
    Map<String, Long> blobs = azurite.blobs(AzuriteLake.LAKE_CONTAINER);
    TableRegistry registry = Tables.registry();
    for (String table : registry.allTableNames()) {
      String prefix = "books/tables/" + table + "/";
      assertThat(blobs).as(table).containsKey(prefix + "_delta_log/00000000000000000000.json");
    }
    for (String table : List.of("bronze_books", "silver_ratings", "gold_author_stats")) {
      assertThat(blobs.keySet())
          .as(table + " data files")
          .anyMatch(b -> b.startsWith("books/tables/" + table + "/") && b.endsWith(".parquet"));
    }
    for (String table : registry.names()) {
      String checkpoint = "books/checkpoints/" + table + "/";
      assertThat(blobs)
          .as(checkpoint)
          .containsKeys(checkpoint + "metadata", checkpoint + "commits/0");
    }
    assertThat(blobs)
        .containsKey("books/tables/pipeline_runs/_delta_log/00000000000000000000.json");
  }

  /**
   * Issue 5 on the scenario's lake: the run history, the status, the locks, backfill by reset
   * (reproducing every table, repairing a damaged silver row). A run with nothing new is
   * GoldIncrementalTest's last day.
   */
  private final class Operations {
    private final Azurite azurite = ((AzuriteLake) lake).azurite();

    void check() throws Exception {
      history();
      status();
      locks();
      reset();
    }

    /** One row per completed run and task; rows read and quarantined account for the tables. */
    private void history() throws Exception {
      List<String> history =
          reader.lines(
              "SELECT (SELECT count(DISTINCT run_id) FROM pipeline_runs) AS runs,"
                  + " (SELECT count(*) FROM pipeline_runs) AS tasks,"
                  + " (SELECT count_if(status IN ('SUCCEEDED', 'SKIPPED'))"
                  + " FROM pipeline_runs) AS succeeded,"
                  // The last run (day 3) read exactly day 3's ratings, and its silver_ratings
                  // quarantined exactly day 3's rows of the quarantine.
                  + " (SELECT max_by(rows_read, run_started_at) FROM pipeline_runs WHERE task ="
                  + " 'bronze_ratings') = (SELECT count(*) FROM bronze_ratings WHERE _source_file"
                  + " LIKE '%day-3%') AS bronze_read,"
                  + " (SELECT max_by(rows_quarantined, run_started_at) FROM pipeline_runs WHERE"
                  + " task = 'silver_ratings') = (SELECT count(*) FROM silver_ratings_quarantine"
                  + " WHERE _source_file LIKE '%day-3%') AS quarantined,"
                  + " (SELECT min(size(quarantined_by_reason)) FROM pipeline_runs"
                  + " WHERE rows_quarantined > 0) > 0 AS by_reason,"
                  + " (SELECT min(version_after - version_before) FROM pipeline_runs) >= 0"
                  + " AS versions");
      // Killed runs leave no rows: the completed runs are day 1's, day 2's and day 3's last.
      assertThat(history).containsExactly("3,39,39,true,true,true,true");
    }

    /** Every table's last run succeeded; a file that landed since waits, nothing else does. */
    private void status() throws Exception {
      String late = AzuriteLake.landingBlob("users/late.csv");
      azurite.upload(
          "\"User-ID\";\"Location\";\"Age\"\r\n".getBytes(StandardCharsets.ISO_8859_1),
          AzuriteLake.LANDING_CONTAINER,
          late);
      BooksProcess.Result status = command("status", "--format", "csv");
      azurite.delete(AzuriteLake.LANDING_CONTAINER, late);
      assertThat(status.exitCode()).as(status.err()).isZero();
      List<String> tasks =
          status
              .out()
              .lines()
              .filter(l -> l.startsWith("bronze_") || l.startsWith("gold_"))
              .toList();
      assertThat(tasks)
          .hasSize(10)
          .allSatisfy(l -> assertThat(l).containsPattern(",(SUCCEEDED|SKIPPED),"));
      assertThat(tasks)
          .filteredOn(l -> l.startsWith("bronze_users,"))
          .singleElement(InstanceOfAssertFactories.STRING)
          .contains(",1 file,");
      assertThat(tasks)
          .filteredOn(l -> !l.startsWith("bronze_users,"))
          .allSatisfy(l -> assertThat(l).containsPattern(",0 (files|upstream versions),"));
    }

    /** A live holder of silver_users' lock refuses a run of every table. */
    private void locks() throws Exception {
      String lock = "books/_books/locks/silver_users.lock";
      azurite.upload(
          String.format(
                  "{\"runId\":\"held-by-the-test\",\"command\":\"run\",\"host\":\"%s\","
                      + "\"pid\":%d,\"startedAt\":\"%s\",\"heartbeatAt\":\"%s\"}",
                  InetAddress.getLocalHost().getHostName(),
                  ProcessHandle.current().pid(),
                  Instant.now(),
                  Instant.now())
              .getBytes(StandardCharsets.UTF_8),
          AzuriteLake.LAKE_CONTAINER,
          lock);
      BooksProcess.Result refused = command("run", "--as-of", AS_OF);
      assertThat(refused.exitCode()).as(refused.out() + refused.err()).isEqualTo(3);
      assertThat(refused.err())
          .contains("writes silver_users: run held-by-the-test")
          .contains("Wait for it to end");
      azurite.delete(AzuriteLake.LAKE_CONTAINER, lock);
    }

    /**
     * A damaged silver row, then a silver and a bronze reset (whose silver reader loses its
     * checkpoint too) and a run: every silver and gold table is as it was, the damage repaired.
     */
    private void reset() throws Exception {
      List<String> before = reader.lines(LakeLines.fingerprint());
      List<String> damage =
          reader.lines(
              "UPDATE delta.`"
                  + reader.path("silver_ratings")
                  + "` SET rating = (rating + 3) % 11"
                  + " WHERE user_id = 43842 AND isbn = '0739432540'");
      assertThat(damage).as("rows the UPDATE changed").containsExactly("1");

      BooksProcess.Result silver = command("reset", "silver_ratings");
      assertThat(silver.exitCode()).as(silver.out() + silver.err()).isZero();
      BooksProcess.Result bronze = command("reset", "bronze_books");
      assertThat(bronze.exitCode()).as(bronze.out() + bronze.err()).isZero();
      assertThat(bronze.out()).contains("silver_books").contains("bronze_books");
      Map<String, Long> blobs = azurite.blobs(AzuriteLake.LAKE_CONTAINER);
      assertThat(blobs.keySet())
          .noneMatch(b -> b.startsWith("books/checkpoints/silver_ratings/"))
          .noneMatch(b -> b.startsWith("books/checkpoints/silver_books/"))
          .noneMatch(b -> b.startsWith("books/tables/bronze_books/"))
          .anyMatch(b -> b.startsWith("books/checkpoints/gold_book_stats/"));

      assertThat(run()).contains("silver_ratings");
      assertThat(reader.lines(LakeLines.fingerprint())).isEqualTo(before);
    }

    private BooksProcess.Result command(String... command) throws Exception {
      List<String> args = args(command);
      return BooksProcess.runWithEnv(work, lake.environment(), args.toArray(String[]::new));
    }
  }

  private void land(String drop, String landedAt) throws Exception {
    days.land(drop, landedAt);
  }

  private List<String> args(String... command) {
    List<String> args = new ArrayList<>(List.of(command));
    args.addAll(List.of("--landing", lake.landing(), "--lake", lake.lake()));
    return args;
  }

  /** A run killed at the point: it dies by SIGKILL there, having taken over the last one's lock. */
  private void killedAt(String point, boolean afterAKill, String... tables) throws Exception {
    Map<String, String> env = new TreeMap<>(lake.environment());
    env.put("BOOKS_KILL_AT", point);
    List<String> args = args("run", "--as-of", AS_OF);
    args.addAll(1, List.of(tables));
    BooksProcess.Result run = BooksProcess.runWithEnv(work, env, args.toArray(String[]::new));
    assertThat(run.exitCode()).as(point + "\n" + run.out() + run.err()).isEqualTo(KILLED);
    assertThat(run.out()).contains(point + " reached");
    if (afterAKill) {
      assertThat(run.out()).contains("did not end");
    }
    killPoints.add(point);
  }

  private String run() throws Exception {
    List<String> args = args("run", "--as-of", AS_OF);
    BooksProcess.Result run =
        BooksProcess.runWithEnv(work, lake.environment(), args.toArray(String[]::new));
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    return run.out();
  }

  private void assertLakeAsTheOracleSays() throws Exception {
    days.assertLakeAsTheOracleSays(reader);
  }
}
