package org.bookslakehouse.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.bookslakehouse.config.Settings;
import org.bookslakehouse.lake.Sessions;
import org.bookslakehouse.pipeline.LakeTable;
import org.bookslakehouse.pipeline.StreamRunner;
import org.bookslakehouse.pipeline.TableRegistry;
import org.bookslakehouse.pipeline.TableRun;
import org.bookslakehouse.pipeline.Tables;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code books run [TABLE...]}: runs the tables' streams once, in lineage order. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Runs every table's stream once (Trigger.AvailableNow): whatever landed since the last run"
          + " is processed, in lineage order. With TABLE names, runs just those tables (the entry"
          + " point of each Databricks task).",
      "Exit code 0 when every table succeeded, 1 when a table failed (the others still ran),"
          + " 2 for a usage error."
    })
final class RunCommand implements Callable<Integer> {
  @Mixin CommonOptions options;

  @Parameters(paramLabel = "TABLE", arity = "0..*", description = "Tables to run; default all.")
  List<String> tables = List.of();

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Settings settings = options.resolve();
    TableRegistry registry = Tables.registry();
    List<LakeTable> selected = tables.isEmpty() ? registry.ordered() : registry.select(tables);
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        "books run: %d table%s, landing %s, lake %s, database %s, as of %s%n",
        selected.size(),
        selected.size() == 1 ? "" : "s",
        settings.landing(),
        settings.lake(),
        settings.database(),
        settings.asOf());
    out.flush();
    SparkSession spark = Sessions.create(settings);
    StreamRunner runner = new StreamRunner(spark, settings);
    boolean failed = false;
    for (LakeTable table : selected) {
      TableRun run = runner.run(table);
      out.println(describe(run));
      out.flush();
      failed |= run.status() == TableRun.Status.FAILED;
    }
    return failed ? BooksCommand.EXIT_FAILED : 0;
  }

  static String describe(TableRun run) {
    StringBuilder line =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%-24s %-9s %6.1fs  batches %d",
                run.table(),
                run.status(),
                run.duration().toMillis() / 1000.0,
                run.batches()));
    new TreeMap<>(run.counts())
        .forEach((name, value) -> line.append("  ").append(name).append(' ').append(value));
    if (run.versionAfter() != run.versionBefore()) {
      line.append(String.format("  version %d -> %d", run.versionBefore(), run.versionAfter()));
    } else if (run.versionBefore() >= 0) {
      line.append(String.format("  version %d (unchanged)", run.versionBefore()));
    }
    if (!run.message().isEmpty()) {
      line.append(System.lineSeparator()).append("    ").append(run.message());
    }
    return line.toString();
  }
}
