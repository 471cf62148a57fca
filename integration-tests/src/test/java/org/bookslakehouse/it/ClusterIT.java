package org.bookslakehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, part 3: the sample's three days (ScenarioIT's days and oracle) run on a Spark
 * standalone cluster whose executors are JVMs of their own ({@link SparkCluster}), the command
 * given the master by {@code BOOKS_SPARK_MASTER}. On day 1 an executor is killed with SIGKILL as
 * silver_ratings starts: Spark launches another, the run succeeds, and after day 1 and after day 3
 * every gold table equals the oracle's. Landing zone and lake are local folders, which the
 * executors on this host see as the driver does.
 */
class ClusterIT {
  private static final String AS_OF = "2004-11-01";

  /** The time-stamped line a run prints when a task starts (its output is not a terminal). */
  private static final Pattern SILVER_RATINGS_STARTS =
      Pattern.compile("\\d\\d:\\d\\d:\\d\\d silver_ratings +running");

  @TempDir Path work;

  @Test
  @Timeout(value = 30, unit = TimeUnit.MINUTES)
  void threeDaysOnAClusterWithAnExecutorKilledEndAsTheOracleSays() throws Exception {
    LocalLake lake = new LocalLake(work);
    LandedDays days = new LandedDays(lake, 2004);
    try (SparkCluster cluster = SparkCluster.start(work, 2);
        LakeReader reader = new LakeReader(lake)) {
      days.land("samples/landing", "2004-10-30T06:00:00Z");
      List<Long> killed = new ArrayList<>();
      String day1 =
          run(
              cluster,
              lake,
              (driver, line) -> {
                if (killed.isEmpty() && SILVER_RATINGS_STARTS.matcher(line).matches()) {
                  killed.add(killAnExecutor(cluster, driver));
                }
              });
      assertThat(killed).as("an executor killed as silver_ratings started").hasSize(1);
      // The killed executor's worker launched another one: three in all for two workers.
      assertThat(cluster.executorsLaunched()).isEqualTo(3);
      assertThat(day1).contains("silver_ratings");
      days.assertLakeAsTheOracleSays(reader);

      // Note: day 2 is checked with day 3 (each check costs about a minute on 2 cores).
      days.land("samples/drops/day-2", "2004-10-31T06:00:00Z");
      run(cluster, lake, (driver, line) -> {});

      days.land("samples/drops/day-3", "2004-11-01T06:00:00Z");
      run(cluster, lake, (driver, line) -> {});
      days.assertLakeAsTheOracleSays(reader);
    }
  }

  /**
   * Checks that the run's executors are JVMs of their own (children of the workers, none of them
   * the driver) and kills one with SIGKILL; returns its pid.
   */
  private static long killAnExecutor(SparkCluster cluster, ProcessHandle driver) {
    List<ProcessHandle> executors = cluster.executors();
    List<Long> workers = cluster.workers().stream().map(ProcessHandle::pid).toList();
    assertThat(executors).as("one executor per worker").hasSize(2);
    assertThat(executors.stream().map(ProcessHandle::pid).distinct()).hasSize(2);
    for (ProcessHandle executor : executors) {
      assertThat(executor.pid())
          .isNotEqualTo(driver.pid())
          .isNotEqualTo(ProcessHandle.current().pid());
      assertThat(executor.parent().map(ProcessHandle::pid)).get().isIn(workers);
      assertThat(executor.info().commandLine().orElse("")).contains("--app-id");
    }
    ProcessHandle victim = executors.get(0);
    assertThat(victim.destroyForcibly()).as("SIGKILL sent to executor %d", victim.pid()).isTrue();
    victim.onExit().join();
    return victim.pid();
  }

  private String run(
      SparkCluster cluster, LakeLocation lake, BiConsumer<ProcessHandle, String> onLine)
      throws Exception {
    Map<String, String> env =
        Map.of(
            "BOOKS_SPARK_MASTER",
            cluster.masterUrl(),
            "SPARK_LOCAL_IP",
            "127.0.0.1",
            // The executors: as the driver's JVM (BooksProcess.JAVA_OPTS), in 1 GB each.
            "BOOKS_JAVA_OPTS",
            BooksProcess.JAVA_OPTS + " -Dspark.executor.extraJavaOptions=-XX:TieredStopAtLevel=1");
    BooksProcess.Result run =
        BooksProcess.runWatching(
            work,
            env,
            onLine,
            "run",
            "--landing",
            lake.landing(),
            "--lake",
            lake.lake(),
            "--as-of",
            AS_OF);
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    return run.out();
  }
}
