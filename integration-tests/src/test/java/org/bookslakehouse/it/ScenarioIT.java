package org.bookslakehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
  private final List<Oracle.Drop> landed = new ArrayList<>();
  private final List<String> killPoints = new ArrayList<>();

  @BeforeEach
  void lake() {
    lake = new LocalLake(work);
  }

  @Test
  void threeDaysWithKilledRunsEndAsTheOracleSays() throws Exception {
    land("samples/landing", "2004-10-30T06:00:00Z");
    // Day 1: killed during a bronze batch, then between silver_ratings' MERGE and its checkpoint
    // commit, then between a gold MERGE and its checkpoint commit; each rerun takes over the lock.
    killedAt("bronze_ratings:before-write", false);
    killedAt("silver_ratings:after-write", true);
    killedAt("gold_author_stats:after-write", true);
    String day1 = run();
    assertThat(day1).contains("did not end");
    assertLakeAsTheOracleSays();

    // Day 2: killed during silver_books' batch, before its MERGE.
    land("samples/drops/day-2", "2004-10-31T06:00:00Z");
    killedAt("silver_books:before-write", false);
    assertThat(run()).contains("did not end");
    assertLakeAsTheOracleSays();

    // Day 3: uninterrupted.
    land("samples/drops/day-3", "2004-11-01T06:00:00Z");
    assertThat(run()).doesNotContain("did not end");
    assertLakeAsTheOracleSays();
    assertThat(killPoints).hasSize(4);
  }

  private void land(String drop, String landedAt) throws Exception {
    Path folder = BooksProcess.ROOT.resolve(drop);
    lake.land(folder, Instant.parse(landedAt));
    landed.add(new Oracle.Drop(folder, Instant.parse(landedAt)));
  }

  private List<String> args(String... command) {
    List<String> args = new ArrayList<>(List.of(command));
    args.addAll(List.of("--landing", lake.landing(), "--lake", lake.lake()));
    return args;
  }

  /** A run killed at the point: it dies by SIGKILL there, having taken over the last one's lock. */
  private void killedAt(String point, boolean afterAKill) throws Exception {
    Map<String, String> env = new TreeMap<>(lake.environment());
    env.put("BOOKS_KILL_AT", point);
    List<String> args = args("run", "--as-of", AS_OF);
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
    Oracle oracle = Oracle.of(landed, AS_OF_YEAR);
    List<String> args = args("sql", "--format", "csv");
    args.add(LakeLines.statement());
    BooksProcess.Result sql =
        BooksProcess.runWithEnv(work, lake.environment(), args.toArray(String[]::new));
    assertThat(sql.exitCode()).as(sql.err()).isZero();
    Map<String, List<String>> actual = LakeLines.parse(sql.out());

    oracle
        .gold()
        .forEach(
            (table, expected) ->
                assertThat(actual.getOrDefault(table, List.of()))
                    .as("%s after %d days", table, landed.size())
                    .containsExactlyInAnyOrderElementsOf(expected));
    // Silver: one row per key, as many keys as the oracle has; quarantines: each (file, line) once.
    assertThat(actual.get("silver_books")).containsExactly(twice(oracle.books.size()));
    assertThat(actual.get("silver_users")).containsExactly(twice(oracle.users.size()));
    assertThat(actual.get("silver_ratings")).containsExactly(twice(oracle.ratings.size()));
    for (String quarantine :
        List.of(
            "silver_books_quarantine", "silver_users_quarantine", "silver_ratings_quarantine")) {
      String[] counts = actual.get(quarantine).get(0).split("\\|");
      assertThat(counts[1]).as(quarantine + " (file, line) once").isEqualTo(counts[0]);
    }
    // Bronze: every landed record once, none lost.
    LakeLines.BRONZE_SOURCES.forEach(
        (table, source) ->
            assertThat(actual.get(table))
                .as(table)
                .containsExactly(twice(oracle.bronzeRows.getOrDefault(source, 0L))));
  }

  private static String twice(long n) {
    return n + "|" + n;
  }
}
