package org.bookslakehouse.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bookslakehouse.config.Settings;
import org.bookslakehouse.gold.GoldTable;
import org.bookslakehouse.gold.Silver;
import org.bookslakehouse.lake.LakeLayout;
import org.bookslakehouse.lake.Sessions;
import org.bookslakehouse.pipeline.LakeTable;
import org.bookslakehouse.pipeline.RunLock;
import org.bookslakehouse.pipeline.StreamRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code books rebuild TABLE...}: recomputes gold tables in full from the current silver tables.
 */
@Command(
    name = "rebuild",
    mixinStandardHelpOptions = true,
    description = {
      "Recomputes gold tables in full from the current silver tables and overwrites them (one"
          + " Delta commit each). The incremental streams go on from where they are: a gold"
          + " table always equals its full recompute, so a rebuild changes nothing unless a"
          + " table was damaged or its definition changed. Takes the tables' locks: refused while"
          + " a run or reset writes one of them (exit code 3).",
      "Bronze and silver tables are reprocessed by resetting their checkpoint instead (see"
          + " checkpoints-layout.md)."
    })
final class RebuildCommand implements Callable<Integer> {
  @Mixin CommonOptions options;

  @Parameters(paramLabel = "TABLE", arity = "1..*", description = "Gold tables, or 'gold' for all.")
  List<String> tables;

  @Spec CommandSpec spec;

  @Override
  // Note: the try block holds the run lock without naming it (javac's lint "try")
  @SuppressWarnings("try")
  public Integer call() {
    List<GoldTable> selected =
        GoldTablesParameter.select(
            tables,
            "rebuild recomputes gold tables. To reprocess a bronze or silver table, reset its"
                + " checkpoint (see checkpoints-layout.md).");
    Settings settings = options.resolve();
    SparkSession spark = Sessions.create(settings);
    LakeLayout layout = LakeLayout.of(settings);
    StreamRunner runner = new StreamRunner(spark, settings);
    PrintWriter out = spec.commandLine().getOut();
    // Note: a rebuild overwrites gold tables, so it takes their locks as a run does: it never
    // races a run's MERGE into the same table.
    try (RunLock lock =
        RunLock.acquire(
            spark.sparkContext().hadoopConfiguration(),
            layout,
            "rebuild",
            selected.stream().map(LakeTable::name).toList())) {
      for (GoldTable table : selected) {
        rebuild(spark, layout, runner, table, out);
      }
    }
    return 0;
  }

  private static void rebuild(
      SparkSession spark,
      LakeLayout layout,
      StreamRunner runner,
      GoldTable table,
      PrintWriter out) {
    long start = System.nanoTime();
    runner.ensureTable(table);
    Dataset<Row> rows = table.compute(new Silver(spark, layout), null);
    rows.write().format("delta").mode("overwrite").save(layout.tablePath(table.name()));
    long count = spark.read().format("delta").load(layout.tablePath(table.name())).count();
    out.printf(
        Locale.ROOT,
        "%-26s rebuilt  %6.1fs  rows %d%n",
        table.name(),
        (System.nanoTime() - start) / 1e9,
        count);
    out.flush();
  }
}
