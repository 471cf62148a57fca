package org.bookslakehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged command's query files and SQL shell, from a folder outside the project. */
class QueryCommandIT {
  @TempDir Path work;

  @Test
  void binBooksReadsTheProjectsQueriesFolder() throws Exception {
    BooksProcess.Result list = BooksProcess.run(work, "query", "--list");

    assertThat(list.exitCode()).as(list.err()).isZero();
    assertThat(list.out())
        .startsWith("Queries in " + BooksProcess.ROOT.resolve("queries") + ":")
        .contains("top_rated_books", "avg_rating_by_country");
  }

  @Test
  void sqlReadsStatementsFromAPipe() throws Exception {
    Path script = work.resolve("script.sql");
    Files.writeString(
        script, "SELECT 1 AS a,\n  'x;y' AS b;\nSELEC 2;\nSELECT 3 AS c\n", StandardCharsets.UTF_8);

    Result result = runWithInput(script, "sql", "--format", "csv");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out().lines()).containsExactly("a,b", "1,x;y", "c", "3");
    assertThat(result.err()).contains("Error: [PARSE_SYNTAX_ERROR]");
  }

  private record Result(int exitCode, String out, String err) {}

  private Result runWithInput(Path input, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(BooksProcess.ROOT.resolve("bin/books").toString());
    command.addAll(List.of(args));
    Path out = Files.createTempFile(work, "out", ".txt");
    Path err = Files.createTempFile(work, "err", ".txt");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(work.toFile())
            .redirectInput(input.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    builder.environment().put("BOOKS_JAVA_OPTS", "-Xmx2g");
    builder
        .environment()
        .keySet()
        .removeIf(k -> k.startsWith("BOOKS_") && !k.equals("BOOKS_JAVA_OPTS"));
    Process process = builder.start();
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("books %s finished", args[0]).isTrue();
    return new Result(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
