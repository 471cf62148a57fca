package org.bookslakehouse.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.bookslakehouse.config.Settings;
import org.bookslakehouse.gold.GoldTable;
import org.bookslakehouse.gold.GoldVerifier;
import org.bookslakehouse.lake.LakeLayout;
import org.bookslakehouse.lake.Sessions;
import org.bookslakehouse.pipeline.Metric;
import org.bookslakehouse.pipeline.RunHistory;
import org.bookslakehouse.pipeline.TableRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code books verify [TABLE...]}: compares gold tables with their full recompute. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Recomputes gold tables in full (as books rebuild does) and compares them with the tables"
          + " row for row: prints MATCH per table, or the counts of missing, extra and differing"
          + " keys with a few examples. Exits 1 on any difference. Writes nothing to gold.",
      "It recomputes from the silver versions each gold table's stream has consumed (Delta time"
          + " travel), so it can run while a run is going on. Its result is recorded in"
          + " pipeline_runs (task 'verify'). A difference is repaired by books rebuild TABLE."
    })
final class VerifyCommand implements Callable<Integer> {
  static final String TASK = "verify";

  @Mixin CommonOptions options;

  @Mixin RunIdOption runIdOption;

  @Mixin GoldTablesParameter tables;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    List<GoldTable> selected = selected();
    Settings settings = options.resolve();
    SparkSession spark = Sessions.create(settings);
    LakeLayout layout = LakeLayout.of(settings);
    PrintWriter out = spec.commandLine().getOut();
    Instant started = Instant.now();
    GoldVerifier verifier = new GoldVerifier(spark, layout);
    List<GoldVerifier.Check> checks = new ArrayList<>();
    for (GoldTable table : selected) {
      long start = System.nanoTime();
      GoldVerifier.Check check = verifier.check(table);
      checks.add(check);
      print(out, check, (System.nanoTime() - start) / 1e9);
    }
    long failed = checks.stream().filter(c -> !c.matches()).count();
    out.printf(
        Locale.ROOT,
        "books verify: %d of %d table%s MATCH%s%n",
        checks.size() - failed,
        checks.size(),
        checks.size() == 1 ? "" : "s",
        failed == 0 ? "" : "; repair a table with: books rebuild TABLE");
    out.flush();
    record(spark, layout, started, checks);
    return failed == 0 ? 0 : BooksCommand.EXIT_FAILED;
  }

  private List<GoldTable> selected() {
    return tables.selected("verify compares gold tables with their recompute from silver");
  }

  private static void print(PrintWriter out, GoldVerifier.Check check, double seconds) {
    if (!check.built()) {
      out.printf(
          Locale.ROOT,
          "%-26s NOT BUILT: the table does not exist yet; run books run first%n",
          check.table());
    } else if (check.matches()) {
      out.printf(
          Locale.ROOT,
          "%-26s MATCH     %6.1fs  rows %d  (gold v%d, silver %s)%n",
          check.table(),
          seconds,
          check.rows(),
          check.goldVersion(),
          versions(check.silverVersions()));
    } else {
      out.printf(
          Locale.ROOT,
          "%-26s DIFFERS   %6.1fs  missing %d, extra %d, differing %d  (gold v%d, silver %s)%n",
          check.table(),
          seconds,
          check.missing(),
          check.extra(),
          check.differing(),
          check.goldVersion(),
          versions(check.silverVersions()));
      check.examples().forEach(example -> out.printf("    %s%n", example));
    }
    out.flush();
  }

  private static String versions(Map<String, Long> versions) {
    if (versions.isEmpty()) {
      return "current";
    }
    List<String> parts = new ArrayList<>();
    new TreeMap<>(versions).forEach((table, version) -> parts.add(table + " v" + version));
    return String.join(", ", parts);
  }

  /** One row in pipeline_runs; a history that cannot be written does not change the verdict. */
  private void record(
      SparkSession spark, LakeLayout layout, Instant started, List<GoldVerifier.Check> checks) {
    Map<String, Long> counts = new TreeMap<>();
    List<String> differing = new ArrayList<>();
    for (GoldVerifier.Check check : checks) {
      counts.merge("tables", 1L, Long::sum);
      counts.merge("tables_differing", check.matches() ? 0L : 1L, Long::sum);
      counts.merge(Metric.ROWS_IN.key(), check.rows(), Long::sum);
      counts.merge("keys_missing", check.missing(), Long::sum);
      counts.merge("keys_extra", check.extra(), Long::sum);
      counts.merge("keys_differing", check.differing(), Long::sum);
      if (!check.matches()) {
        differing.add(
            check.built()
                ? String.format(
                    Locale.ROOT,
                    "%s: missing %d, extra %d, differing %d",
                    check.table(),
                    check.missing(),
                    check.extra(),
                    check.differing())
                : check.table() + ": not built");
      }
    }
    TableRun run =
        new TableRun(
            TASK,
            differing.isEmpty() ? TableRun.Status.SUCCEEDED : TableRun.Status.FAILED,
            0,
            counts,
            -1,
            -1,
            Duration.between(started, Instant.now()),
            differing.isEmpty()
                ? ""
                : "gold differs from its recompute: " + String.join("; ", differing));
    String runId = runIdOption.resolve(options.config);
    try {
      new RunHistory(spark, layout)
          .append(List.of(RunHistory.row(runId, started, TASK, run, started)));
    } catch (RuntimeException e) {
      spec.commandLine()
          .getErr()
          .printf(
              "books verify: cannot record the result in %s: %s%n",
              RunHistory.TABLE, e.getMessage());
    }
  }
}
