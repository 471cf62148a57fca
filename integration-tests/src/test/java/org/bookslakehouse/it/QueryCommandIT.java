package org.bookslakehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

    BooksProcess.Result result = BooksProcess.runWithInput(work, script, "sql", "--format", "csv");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out().lines()).containsExactly("a,b", "1,x;y", "c", "3");
    assertThat(result.err()).contains("Error: [PARSE_SYNTAX_ERROR]");
  }
}
