import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bookslakehouse.cli.BooksCommand;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The benchmark's year case (issue 13): daily drops run one after another in one JVM and Spark
 * session, as a long-lived driver would run them for a year, with or without {@code books
 * maintain} after each day's run. One TSV line per day: the run's and the maintenance's wall time,
 * and per layer (bronze, silver, gold, history) the live files and bytes ({@code DESCRIBE DETAIL})
 * and the bytes on disk (every file under the tables' folders, logs included).
 *
 * <p>A year runs in hours, not a year, so two clocks are simulated. The log: after each day every
 * {@code _delta_log} file's modification time moves back one day, so Delta's log cleanup (30 days,
 * at each log checkpoint) deletes what it would on a real calendar. VACUUM: its retention is
 * counted from the removal's commit time, which cannot be moved; maintenance therefore VACUUMs with
 * {@code --retention 0h --allow-short-retention}, and a real lake keeps 7 more days of removed
 * files than this one.
 *
 * <pre>
 * usage: YearRuns run DROPS_DIR WORK_DIR DAYS maintain|none OUT.tsv
 *        YearRuns report WITH.tsv WITHOUT.tsv OUT_DIR
 * </pre>
 */
public final class YearRuns {
  private static final List<String> LAYERS = List.of("bronze", "silver", "gold", "history");

  private YearRuns() {}

  public static void main(String[] args) throws IOException {
    if (args.length == 6 && args[0].equals("run")) {
      System.exit(
          run(
              Paths.get(args[1]),
              Paths.get(args[2]),
              Integer.parseInt(args[3]),
              args[4].equals("maintain"),
              Paths.get(args[5])));
    } else if (args.length == 4 && args[0].equals("report")) {
      report(Paths.get(args[1]), Paths.get(args[2]), Paths.get(args[3]));
    } else {
      System.err.println(
          "usage: YearRuns run DROPS_DIR WORK_DIR DAYS maintain|none OUT.tsv\n"
              + "       YearRuns report WITH.tsv WITHOUT.tsv OUT_DIR");
      System.exit(2);
    }
  }

  private static int run(Path drops, Path work, int days, boolean maintain, Path out)
      throws IOException {
    Path landing = work.resolve("landing");
    Path lake = work.resolve("lake");
    String[] lakeArgs = {
      "--landing", landing.toUri().toString(), "--lake", lake.toUri().toString()
    };
    try (PrintWriter tsv = new PrintWriter(Files.newBufferedWriter(out))) {
      List<String> header = new ArrayList<>(List.of("day", "run_s", "maintain_s"));
      for (String layer : LAYERS) {
        header.addAll(List.of(layer + "_files", layer + "_live_bytes", layer + "_disk_bytes"));
      }
      tsv.println(String.join("\t", header));
      for (int day = 0; day <= days; day++) {
        land(drops.resolve("day-" + day), landing);
        double runSeconds = timed(concat(new String[] {"run", "--progress", "plain"}, lakeArgs));
        double maintainSeconds =
            maintain
                ? timed(
                    concat(
                        new String[] {"maintain", "--retention", "0h", "--allow-short-retention"},
                        lakeArgs))
                : 0;
        Map<String, long[]> layers = measure(lake.resolve("books").resolve("tables"));
        StringBuilder line =
            new StringBuilder(
                String.format(Locale.ROOT, "%d\t%.1f\t%.1f", day, runSeconds, maintainSeconds));
        for (String layer : LAYERS) {
          long[] figures = layers.getOrDefault(layer, new long[3]);
          line.append(
              String.format(Locale.ROOT, "\t%d\t%d\t%d", figures[0], figures[1], figures[2]));
        }
        tsv.println(line);
        tsv.flush();
        System.out.println(line);
        ageLogsOneDay(lake.resolve("books").resolve("tables"));
      }
    }
    return 0;
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  /** Runs a books command; a failed one stops the benchmark (its figures would mean nothing). */
  private static double timed(String[] args) {
    long start = System.nanoTime();
    int rc = BooksCommand.execute(args);
    if (rc != 0) {
      throw new IllegalStateException("books " + String.join(" ", args) + " exited " + rc);
    }
    return (System.nanoTime() - start) / 1e9;
  }

  /** Per layer: live files, live bytes (DESCRIBE DETAIL), bytes on disk (listing). */
  private static Map<String, long[]> measure(Path tables) throws IOException {
    SparkSession spark = SparkSession.active();
    Map<String, long[]> layers = new TreeMap<>();
    try (Stream<Path> folders = Files.list(tables)) {
      for (Path table : folders.filter(t -> Files.isDirectory(t.resolve("_delta_log"))).toList()) {
        String name = table.getFileName().toString();
        String layer = name.contains("_") ? name.substring(0, name.indexOf('_')) : name;
        if (!LAYERS.contains(layer)) {
          layer = "history";
        }
        Row detail =
            DeltaTable.forPath(spark, table.toUri().toString())
                .detail()
                .select("numFiles", "sizeInBytes")
                .first();
        long[] figures = layers.computeIfAbsent(layer, l -> new long[3]);
        figures[0] += detail.getLong(0);
        figures[1] += detail.getLong(1);
        figures[2] += bytesOnDisk(table);
      }
    }
    return layers;
  }

  private static long bytesOnDisk(Path folder) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      return files
          .filter(Files::isRegularFile)
          .mapToLong(
              f -> {
                try {
                  return Files.size(f);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              })
          .sum();
    }
  }

  /** Moves every Delta log file one simulated day into the past. */
  private static void ageLogsOneDay(Path tables) throws IOException {
    try (Stream<Path> files = Files.walk(tables)) {
      for (Path file :
          files
              .filter(Files::isRegularFile)
              .filter(f -> f.getParent().getFileName().toString().equals("_delta_log"))
              .toList()) {
        FileTime then = Files.getLastModifiedTime(file);
        Files.setLastModifiedTime(file, FileTime.from(then.toInstant().minus(Duration.ofDays(1))));
      }
    }
  }

  /** cp -r DAY/. LANDING/ */
  private static void land(Path day, Path landing) throws IOException {
    try (Stream<Path> files = Files.walk(day)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        Path target = landing.resolve(day.relativize(file).toString());
        Files.createDirectories(target.getParent());
        Files.copy(file, target);
      }
    }
  }

  /** Charts (PNG) and a Markdown table of both runs. */
  private static void report(Path with, Path without, Path out) throws IOException {
    Files.createDirectories(out);
    List<String[]> a = rows(with);
    List<String[]> b = rows(without);
    List<String> header = Arrays.asList(Files.readAllLines(with).get(0).split("\t"));
    XYSeriesCollection time = new XYSeriesCollection();
    time.addSeries(series("run, with maintenance", a, header.indexOf("run_s")));
    time.addSeries(series("run + maintain, with maintenance", a, -1));
    time.addSeries(series("run, without", b, header.indexOf("run_s")));
    save(out, "year-wall-time.png", "Daily wall time (s)", "seconds", time);
    XYSeriesCollection files = new XYSeriesCollection();
    XYSeriesCollection disk = new XYSeriesCollection();
    for (String layer : LAYERS) {
      files.addSeries(series(layer + ", with", a, header.indexOf(layer + "_files")));
      files.addSeries(series(layer + ", without", b, header.indexOf(layer + "_files")));
      disk.addSeries(series(layer + ", with", a, header.indexOf(layer + "_disk_bytes")));
      disk.addSeries(series(layer + ", without", b, header.indexOf(layer + "_disk_bytes")));
    }
    save(out, "year-live-files.png", "Live files per layer", "files", files);
    save(out, "year-disk-bytes.png", "Bytes on disk per layer", "bytes", disk);
    try (PrintWriter md = new PrintWriter(Files.newBufferedWriter(out.resolve("year.md")))) {
      md.println("| | with maintenance | without |");
      md.println("|---|---:|---:|");
      int run = header.indexOf("run_s");
      for (String which : List.of("first", "median", "last")) {
        md.printf(
            Locale.ROOT,
            "| daily run, %s day (s) | %s | %s |%n",
            which,
            pick(a, run, which),
            pick(b, run, which));
      }
      md.printf(
          Locale.ROOT,
          "| maintain, median (s) | %s | - |%n",
          pick(a, header.indexOf("maintain_s"), "median"));
      for (String layer : LAYERS) {
        for (String figure : List.of("_files", "_live_bytes", "_disk_bytes")) {
          int column = header.indexOf(layer + figure);
          md.printf(
              Locale.ROOT,
              "| %s%s, last day | %s | %s |%n",
              layer,
              figure,
              a.get(a.size() - 1)[column],
              b.get(b.size() - 1)[column]);
        }
      }
    }
    System.out.println(Files.readString(out.resolve("year.md")));
  }

  private static List<String[]> rows(Path tsv) throws IOException {
    List<String> lines = Files.readAllLines(tsv);
    return lines.subList(1, lines.size()).stream().map(l -> l.split("\t")).toList();
  }

  /** A series of a column by day (day 0, the first load, left out); column -1: run + maintain. */
  private static XYSeries series(String name, List<String[]> rows, int column) {
    XYSeries series = new XYSeries(name);
    for (String[] row : rows.subList(Math.min(1, rows.size()), rows.size())) {
      double value =
          column < 0
              ? Double.parseDouble(row[1]) + Double.parseDouble(row[2])
              : Double.parseDouble(row[column]);
      series.add(Integer.parseInt(row[0]), value);
    }
    return series;
  }

  /** first, median or last value of a column, day 0 (the first load) left out. */
  private static String pick(List<String[]> rows, int column, String which) {
    List<String[]> days = rows.subList(Math.min(1, rows.size()), rows.size());
    if (days.isEmpty()) {
      return "-";
    }
    return switch (which) {
      case "first" -> days.get(0)[column];
      case "last" -> days.get(days.size() - 1)[column];
      default ->
          days.stream()
              .map(r -> Double.parseDouble(r[column]))
              .sorted()
              .toList()
              .get(days.size() / 2)
              .toString();
    };
  }

  private static void save(Path out, String file, String title, String axis, XYSeriesCollection data)
      throws IOException {
    JFreeChart chart = ChartFactory.createXYLineChart(title, "day", axis, data);
    ChartUtils.saveChartAsPNG(out.resolve(file).toFile(), chart, 900, 420);
  }
}
