import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.bookslakehouse.cli.BooksCommand;

/**
 * The benchmark's warm case: {@code books run} once per day folder, all in one JVM and Spark
 * session, as a long-lived driver would run them. Before each round the day's files are copied
 * into the landing folder; after it, one line "round N DAY: exit RC in S s".
 *
 * <p>usage: WarmRuns LAKE LANDING AS_OF DAY_DIR...
 */
public final class WarmRuns {
  private WarmRuns() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 4) {
      System.err.println("usage: WarmRuns LAKE LANDING AS_OF DAY_DIR...");
      System.exit(2);
    }
    Path landing = Paths.get(args[1]);
    List<String> days = Arrays.asList(args).subList(3, args.length);
    PrintStream out = System.out;
    int worst = 0;
    for (int round = 1; round <= days.size(); round++) {
      Path day = Paths.get(days.get(round - 1));
      land(day, landing);
      long start = System.nanoTime();
      int rc =
          BooksCommand.execute(
              "run", "--lake", args[0], "--landing", args[1], "--as-of", args[2], "--progress",
              "plain");
      out.printf(
          Locale.ROOT,
          "round %d %s: exit %d in %.1f s%n",
          round,
          day.getFileName(),
          rc,
          (System.nanoTime() - start) / 1e9);
      out.flush();
      worst = Math.max(worst, rc);
    }
    System.exit(worst);
  }

  /** cp -r DAY/. LANDING/ */
  private static void land(Path day, Path landing) throws IOException {
    try (Stream<Path> files = Files.walk(day)) {
      files
          .filter(Files::isRegularFile)
          .forEach(
              file -> {
                Path target = landing.resolve(day.relativize(file).toString());
                try {
                  Files.createDirectories(target.getParent());
                  Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
  }
}
