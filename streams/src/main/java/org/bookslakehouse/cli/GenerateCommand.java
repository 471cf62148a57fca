package org.bookslakehouse.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.bookslakehouse.generate.Generator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code books generate}: writes synthetic BX landing data at any scale, with daily drops. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Writes BX-format landing data (ISO-8859-1, ';', quoted fields with \\\" escapes, bare NULL,"
          + " CRLF) with the quirk mix of the real dump, at a scale (1 = the real size: 271,379"
          + " books, 278,858 users, 1,149,780 ratings), then daily drops: new, changed and"
          + " deleted ratings, new books and users, author fixes, users who move. The same seed"
          + " writes the same bytes. Starts no Spark.",
      "Layout: OUT/day-0/{books,users,ratings}/ is the first dump, OUT/day-N/{books,users,"
          + "ratings,ratings-deleted}/ day N's drop, OUT/day-N.changes.txt what it changes, and"
          + " OUT/MANIFEST.txt the lot. Land a day with: cp -r OUT/day-N/* landing/"
    })
final class GenerateCommand implements Callable<Integer> {
  @Option(
      names = "--scale",
      paramLabel = "S",
      defaultValue = "1",
      description = "Size relative to the real dump (0.01, 1, 4, ...); default 1.")
  double scale;

  @Option(
      names = "--days",
      paramLabel = "D",
      defaultValue = "1",
      description = "Daily drops after the first dump; default 1.")
  int days;

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "1",
      description = "Random seed; the same seed writes the same files. Default 1.")
  long seed;

  @Option(
      names = "--daily-change",
      paramLabel = "SHARE",
      defaultValue = "0.01",
      description =
          "Share of the first dump's ratings one day touches (40%% new, 45%% changed, 15%%"
              + " deleted); default 0.01.")
  double dailyChange;

  @Option(
      names = "--first-day",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "Write only days N..D (0, the default, includes the dump): e.g. one more drop for data"
              + " generated before with the same scale and seed.")
  int firstDay;

  @Option(
      names = "--drop-scale",
      paramLabel = "S",
      description =
          "Size the daily drops as for a dump at scale S (at most --scale): e.g. --scale 4"
              + " --drop-scale 1 writes scale 1's drop into a 4x larger dump. Default: --scale.")
  double dropScale;

  @Option(names = "--gzip", description = "Write .csv.gz files instead of .csv.")
  boolean gzip;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      required = true,
      description = "Output folder; must not exist or be empty.")
  Path out;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    Generator.Options options =
        new Generator.Options(scale, days, seed, dailyChange, gzip, firstDay, dropScale);
    if (Files.exists(out)) {
      try (Stream<Path> entries = Files.list(out)) {
        if (entries.findAny().isPresent()) {
          throw new IllegalArgumentException(
              "Invalid --out " + out + ": the folder is not empty; pass a new or empty folder.");
        }
      }
    }
    Files.createDirectories(out);
    PrintWriter printer = spec.commandLine().getOut();
    long start = System.nanoTime();
    Generator generator = new Generator(options);
    List<Generator.DayCounts> written = generator.write(out);
    generator.writeManifest(out, written);
    for (Generator.DayCounts day : written) {
      printer.print(day.summary());
    }
    printer.printf("wrote %s in %.1f s%n", out, (System.nanoTime() - start) / 1e9);
    printer.flush();
    return 0;
  }
}
