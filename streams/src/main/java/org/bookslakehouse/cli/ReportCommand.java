package org.bookslakehouse.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.bookslakehouse.config.Settings;
import org.bookslakehouse.lake.LakeLayout;
import org.bookslakehouse.lake.Sessions;
import org.bookslakehouse.report.HtmlReport;
import org.bookslakehouse.report.RunFigures;
import org.bookslakehouse.tables.Tables;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code books report [--out DIR]}: the data-quality and operations report as a static page. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Writes a static HTML report from pipeline_runs and the table registry: rows in and out per"
          + " layer and run, rows quarantined by reason per run, task durations per run, the run"
          + " that last changed each gold table, and the lineage graph. DIR/index.html opens"
          + " without a network (the charts are PNG files beside it, the lineage an SVG)."
    })
final class ReportCommand implements Callable<Integer> {
  @Mixin CommonOptions options;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = "report",
      description = "The folder to write index.html and its images to (default ${DEFAULT-VALUE}).")
  Path out;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    Settings settings = options.resolve();
    SparkSession spark = Sessions.create(settings);
    LakeLayout layout = LakeLayout.of(settings);
    RunFigures figures = RunFigures.read(spark, layout);
    Path index = HtmlReport.write(out, figures, Tables.registry(), settings.lake());
    PrintWriter printer = spec.commandLine().getOut();
    printer.printf(
        "books report: %d runs; open %s%n", figures.runs().size(), index.toAbsolutePath());
    printer.flush();
    return 0;
  }
}
