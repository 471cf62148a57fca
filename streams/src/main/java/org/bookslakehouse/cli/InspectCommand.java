package org.bookslakehouse.cli;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.bookslakehouse.bronze.BxSource;
import org.bookslakehouse.config.Settings;
import org.bookslakehouse.inspect.LandingInspector;
import org.bookslakehouse.inspect.SourceReport;
import org.bookslakehouse.lake.AzureStorage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code books inspect}: profiles the landing files against the contract's quirks. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = {
      "Profiles the landed files without starting Spark or writing any table: per source its"
          + " files and rows, and per quirk of the contract (rescued and shifted rows, bare NULLs,"
          + " escaped quotes, HTML entities, non-ASCII text, line breaks, ISBNs invalid or changed"
          + " by cleansing, years and ages out of range, invalid User-IDs and ratings, locations"
          + " by part count, keys repeated within and across files) a count and the first"
          + " examples with file and line, so the cleansing rules can be checked against what"
          + " really arrives.",
      "Files are read as bronze reads them: *.csv and *.csv.gz in landing order (modification"
          + " time, then name), ISO-8859-1. Exit code 0, also for bad data; 1 when a file could"
          + " not be read to its end (it is reported, and the other files are still inspected)."
    })
final class InspectCommand implements Callable<Integer> {
  /** Exit code when a landed file could not be read to its end. */
  static final int EXIT_UNREADABLE = 1;

  @Mixin CommonOptions options;

  @Parameters(
      paramLabel = "SOURCE",
      arity = "0..*",
      description = "books, users, ratings or ratings-deleted; default all four.")
  List<String> sources = new ArrayList<>();

  @Option(
      names = "--examples",
      paramLabel = "N",
      defaultValue = "3",
      description = "Examples (file:line value) kept per quirk; default 3, 0 for none.")
  int examples;

  @Mixin FormatOption format;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    ResultPrinter.Format chosen = format.chosen();
    if (examples < 0) {
      throw new IllegalArgumentException(
          "Invalid --examples " + examples + ": pass 0 or more examples per quirk.");
    }
    Set<BxSource> selected = new LinkedHashSet<>();
    for (String source : sources) {
      selected.add(BxSource.fromFolder(source));
    }
    if (selected.isEmpty()) {
      selected.addAll(List.of(BxSource.values()));
    }
    Settings settings = options.resolve();
    LandingInspector inspector =
        new LandingInspector(
            AzureStorage.configure(new Configuration(), settings),
            settings.asOf().getYear(),
            examples);
    List<SourceReport> reports = new ArrayList<>();
    for (BxSource source : selected) {
      reports.add(inspector.inspect(settings.landing(), source));
    }
    InspectPrinter.print(
        settings, reports, chosen, spec.commandLine().getOut(), spec.commandLine().getErr());
    boolean unreadable = reports.stream().anyMatch(report -> report.unreadableFiles() > 0);
    return unreadable ? EXIT_UNREADABLE : 0;
  }
}
