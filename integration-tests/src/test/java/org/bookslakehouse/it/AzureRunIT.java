package org.bookslakehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bookslakehouse.pipeline.TableRegistry;
import org.bookslakehouse.pipeline.Tables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged command with its landing zone and its lake in Azure blob storage (Azurite, through
 * hadoop-azure's {@code wasb://}): one run of the bundled sample, then the reading commands against
 * the same lake, and the blobs checked through the storage API.
 */
class AzureRunIT {
  private static final String LANDING_CONTAINER = "landing";
  private static final String LAKE_CONTAINER = "lake";

  @TempDir Path work;

  @Test
  void theSampleRunsFromAContainerIntoAContainer() throws Exception {
    Azurite azurite = Azurite.shared();
    Path sample = BooksProcess.ROOT.resolve("samples/landing");
    azurite.uploadFolder(sample, LANDING_CONTAINER, "bx/");
    String landing = Azurite.wasb(LANDING_CONTAINER, "bx");
    String lake = Azurite.wasb(LAKE_CONTAINER, "");
    azurite.container(LAKE_CONTAINER);
    Map<String, String> env = Azurite.commandEnvironment();
    String[] where = {"--landing", landing, "--lake", lake, "--as-of", "2004-10-31"};

    BooksProcess.Result run = BooksProcess.run(work, env, concat("run", where));
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).doesNotContain("FAILED");

    TableRegistry registry = Tables.registry();
    // Every table's rows, read back by a new process from the lake in the container.
    BooksProcess.Result counts =
        BooksProcess.run(
            work,
            env,
            concat(
                "sql",
                concat(
                    where,
                    "--format",
                    "csv",
                    registry.allTableNames().stream()
                        .map(t -> "SELECT '" + t + "' AS t, count(*) AS n FROM books." + t)
                        .collect(Collectors.joining(" UNION ALL ")))));
    assertThat(counts.exitCode()).as(counts.err()).isZero();
    Map<String, Long> rows =
        counts
            .out()
            .lines()
            .skip(1)
            .map(l -> l.split(","))
            .collect(Collectors.toMap(f -> f[0], f -> Long.parseLong(f[1])));
    assertThat(rows).containsOnlyKeys(registry.allTableNames());
    // bronze: every record of the sample files (the parser is tested elsewhere; these are its
    // counts on the sample, the same as a local run's)
    assertThat(rows)
        .containsEntry("bronze_books", 1002L)
        .containsEntry("bronze_users", 533L)
        .containsEntry("bronze_ratings", 2544L)
        .containsEntry("bronze_ratings_deleted", 3L);
    registry.ordered().stream()
        .map(t -> t.name())
        .filter(t -> !t.equals("silver_ratings_deletions"))
        .forEach(t -> assertThat(rows.get(t)).as(t).isPositive());

    BooksProcess.Result sample1 =
        BooksProcess.run(
            work,
            env,
            concat(
                "sql",
                concat(
                    where,
                    "--format",
                    "csv",
                    "SELECT isbn, title FROM silver_books WHERE isbn = '0195153448'")));
    assertThat(sample1.exitCode()).as(sample1.err()).isZero();
    assertThat(sample1.out().lines())
        .containsExactly("isbn,title", "0195153448,Classical Mythology");

    BooksProcess.Result status =
        BooksProcess.run(work, env, concat("status", concat(where, "--format", "csv")));
    assertThat(status.exitCode()).as(status.err()).isZero();
    assertThat(status.out()).contains("gold_book_stats,").doesNotContain("not created yet");

    BooksProcess.Result inspect = BooksProcess.run(work, env, concat("inspect", where));
    assertThat(inspect.exitCode()).as(inspect.out() + inspect.err()).isZero();
    assertThat(inspect.out()).contains("BX-Users.sample.csv.gz");

    // The blobs, listed by the storage API (not by Hadoop, not by our code).
    Map<String, Long> landed = azurite.blobs(LANDING_CONTAINER);
    try (Stream<Path> files = Files.walk(sample)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String blob = "bx/" + sample.relativize(file).toString().replace('\\', '/');
        assertThat(landed).as(blob).containsEntry(blob, Files.size(file));
      }
    }
    Map<String, Long> blobs = azurite.blobs(LAKE_CONTAINER);
    for (String table : registry.allTableNames()) {
      String prefix = "books/tables/" + table + "/";
      assertThat(blobs).as(table).containsKey(prefix + "_delta_log/00000000000000000000.json");
      if (rows.get(table) > 0) {
        assertThat(blobs.keySet())
            .as(table + " data files")
            .anyMatch(b -> b.startsWith(prefix) && b.endsWith(".parquet"));
      }
    }
    for (String table : registry.names()) {
      String checkpoint = "books/checkpoints/" + table + "/";
      assertThat(blobs)
          .as(checkpoint)
          .containsKeys(
              checkpoint + "metadata", checkpoint + "offsets/0", checkpoint + "commits/0");
      if (table.startsWith("bronze_")) {
        assertThat(blobs).as(checkpoint).containsKey(checkpoint + "sources/0/0");
      } else {
        assertThat(blobs).as(checkpoint).containsKey(checkpoint + "_books/idle-marker.json");
      }
    }
  }

  private static String[] concat(String first, String... rest) {
    return Stream.concat(Stream.of(first), Stream.of(rest)).toArray(String[]::new);
  }

  private static String[] concat(String[] first, String... rest) {
    return Stream.concat(Stream.of(first), Stream.of(rest)).toArray(String[]::new);
  }
}
