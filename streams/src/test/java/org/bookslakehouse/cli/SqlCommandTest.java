package org.bookslakehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bookslakehouse.TestLake;
import org.bookslakehouse.cli.InProcessCli.Result;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One-shot {@code books sql}: every row of an export, the table view's cap, one-line errors. */
class SqlCommandTest {
  @TempDir static Path root;

  private static TestLake lake;

  @BeforeAll
  static void session() {
    TestLake.spark();
    lake = new TestLake(root);
  }

  private static Result sql(String... args) {
    List<String> all = new ArrayList<>(List.of("sql", "--lake", lake.settings().lake()));
    all.addAll(List.of(args));
    return InProcessCli.execute(all);
  }

  private static final int MORE = 2_340;

  private static final String BEYOND_THE_CAP =
      "SELECT id FROM range(" + (ResultPrinter.TABLE_ROWS + MORE) + ")";

  @Test
  void csvExportsEveryRowBeyondTheTableCap() {
    Result result = sql("--format", "csv", BEYOND_THE_CAP);

    assertThat(result.exitCode()).isZero();
    List<String> lines = result.out().lines().toList();
    assertThat(lines).hasSize(1 + ResultPrinter.TABLE_ROWS + MORE);
    assertThat(lines.get(0)).isEqualTo("id");
    assertThat(lines.get(lines.size() - 1))
        .isEqualTo(String.valueOf(ResultPrinter.TABLE_ROWS + MORE - 1));
    assertThat(result.err()).isEmpty();
  }

  @Test
  void jsonExportsEveryRowBeyondTheTableCap() {
    Result result = sql("--format", "json", BEYOND_THE_CAP);

    assertThat(result.exitCode()).isZero();
    assertThat(result.out().lines().filter(line -> line.contains("\"id\"")))
        .hasSize(ResultPrinter.TABLE_ROWS + MORE);
  }

  @Test
  void anExportHonoursTheLimitTheUserAskedFor() {
    Result result = sql("--format", "csv", "--limit", "3", BEYOND_THE_CAP);

    assertThat(result.out().lines()).containsExactly("id", "0", "1", "2");
    assertThat(result.err()).contains("only the first 3 rows");
  }

  @Test
  void theTableViewSaysHowManyRowsItLeftOutAndHowToSeeThem() {
    Result result = sql(BEYOND_THE_CAP);

    assertThat(result.exitCode()).isZero();
    assertThat(result.out().lines().filter(line -> line.startsWith("| ")))
        .hasSize(1 + ResultPrinter.TABLE_ROWS);
    assertThat(result.out())
        .endsWith("10,000 rows shown; 2,340 more rows not shown: use --format csv, or add LIMIT\n");
  }

  @Test
  void aSparkErrorIsOneLineWithSparksHintAndNoStackTrace() {
    Result result = sql("SELECT nme FROM (SELECT 1 AS name)");

    assertThat(result.exitCode()).isEqualTo(BooksCommand.EXIT_FAILED);
    assertThat(result.out()).isEmpty();
    assertThat(result.err().lines().toList())
        .hasSize(2)
        .first()
        .asString()
        .startsWith("books: [UNRESOLVED_COLUMN.WITH_SUGGESTION]")
        .contains("`nme`", "Did you mean", "`name`");
    assertThat(result.err()).doesNotContain("\tat ").contains("--debug");
  }

  @Test
  void aSyntaxErrorIsOneLineToo() {
    Result result = sql("SELEC 1");

    assertThat(result.exitCode()).isEqualTo(BooksCommand.EXIT_FAILED);
    assertThat(result.err().lines().toList())
        .hasSize(2)
        .first()
        .asString()
        .startsWith("books: [PARSE_SYNTAX_ERROR]");
  }

  @Test
  void debugShowsTheStackTrace() {
    Result result = sql("--debug", "SELECT nme FROM (SELECT 1 AS name)");

    assertThat(result.exitCode()).isEqualTo(BooksCommand.EXIT_FAILED);
    assertThat(result.err()).contains("UNRESOLVED_COLUMN").contains("\tat ");
  }
}
