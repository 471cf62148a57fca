package org.bookslakehouse.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.bookslakehouse.config.Settings;
import org.bookslakehouse.lake.LakeLayout;
import org.bookslakehouse.lake.Sessions;
import org.bookslakehouse.pipeline.Reset;
import org.bookslakehouse.pipeline.ResetScope;
import org.bookslakehouse.pipeline.RunLock;
import org.bookslakehouse.tables.Tables;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code books reset TABLE [--downstream]}: backfill by reset (see checkpoints-layout.md). */
@Command(
    name = "reset",
    mixinStandardHelpOptions = true,
    description = {
      "Resets a table's stream so that the next run reprocesses it from its upstream: removes"
          + " its checkpoint, and for a bronze or gold table the table itself (bronze is"
          + " append-only; gold is recomputed from silver). Streams that read a table written"
          + " afresh lose their checkpoints too. Downstream tables then catch up through their own"
          + " streams; with --downstream they are reset as well.",
      "Takes the run lock: refused while a run is under way (exit code 3)."
    })
final class ResetCommand implements Callable<Integer> {
  @Mixin CommonOptions options;

  @Parameters(paramLabel = "TABLE", description = "The table to reset.")
  String table;

  @Option(names = "--downstream", description = "Reset every table downstream of TABLE too.")
  boolean downstream;

  @Option(names = "--dry-run", description = "Show what would be removed; remove nothing.")
  boolean dryRun;

  @Spec CommandSpec spec;

  @Override
  // Note: the try block holds the run lock without naming it (javac's lint "try")
  @SuppressWarnings("try")
  public Integer call() {
    Settings settings = options.resolve();
    List<Reset.Step> steps = Reset.plan(Tables.registry(), table, downstream);
    LakeLayout layout = LakeLayout.of(settings);
    PrintWriter out = spec.commandLine().getOut();
    for (Reset.Step step : steps) {
      out.printf(
          "%s %-24s %s (%s)%n",
          dryRun ? "would reset" : "reset",
          step.table(),
          step.scope() == ResetScope.CHECKPOINT
              ? "checkpoint " + layout.checkpointPath(step.table())
              : "checkpoint and table " + layout.tablePath(step.table()),
          step.why());
    }
    if (dryRun) {
      return 0;
    }
    SparkSession spark = Sessions.create(settings);
    try (RunLock lock =
        RunLock.acquire(
            spark.sparkContext().hadoopConfiguration(),
            layout,
            "reset",
            steps.stream().map(Reset.Step::table).toList())) {
      Reset.apply(spark.sparkContext().hadoopConfiguration(), layout, steps);
    }
    out.println(
        "Done. The next `books run` reprocesses "
            + String.join(", ", steps.stream().map(Reset.Step::table).toList())
            + " from the start of what they read; the tables downstream catch up by themselves.");
    return 0;
  }
}
