package org.bookslakehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.OptionalInt;
import org.apache.spark.sql.SparkSession;
import org.bookslakehouse.TestLake;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SQL shell fed lines, as a terminal or a pipe would: no terminal needed. */
class SqlShellTest {
  private static SparkSession spark;

  private StringWriter out;
  private StringWriter err;
  private SqlShell shell;

  @BeforeAll
  static void startSpark() {
    spark = TestLake.spark();
  }

  @BeforeEach
  void newShell() {
    out = new StringWriter();
    err = new StringWriter();
    shell = shell(100);
  }

  private SqlShell shell(int limit) {
    return new SqlShell(
        spark::sql,
        new PrintWriter(out),
        new PrintWriter(err),
        ResultPrinter.Format.TABLE,
        OptionalInt.of(limit));
  }

  private void feed(String... lines) {
    for (String line : lines) {
      shell.accept(line);
    }
  }

  @Test
  void aStatementSpansLinesUntilItsSemicolon() {
    assertThat(shell.prompt()).isEqualTo("books> ");
    feed("SELECT 1 AS a,", "  'x;y' AS b -- a comment; not the end");

    assertThat(out.toString()).isEmpty();
    assertThat(shell.prompt()).isEqualTo("   ...> ");

    feed("  ;");

    assertThat(out.toString())
        .isEqualTo(
            """
            +---+-----+
            | a | b   |
            +---+-----+
            | 1 | x;y |
            +---+-----+
            1 row
            """);
    assertThat(shell.prompt()).isEqualTo("books> ");
  }

  @Test
  void formatCommandSwitchesTheResultFormat() {
    feed("\\format csv", "SELECT 2 AS n, 'a,b' AS s; SELECT 3 AS m;", "\\format");

    assertThat(out.toString()).isEqualTo("n,s\n2,\"a,b\"\nm\n3\n");
    assertThat(err.toString()).isEqualTo("Format: csv\nFormat: csv\n");
    assertThat(shell.format()).isEqualTo(ResultPrinter.Format.CSV);

    feed("\\format xml");

    assertThat(err.toString()).contains("Error: Unknown format 'xml': use table, csv or json.");
    assertThat(shell.format()).isEqualTo(ResultPrinter.Format.CSV);
  }

  @Test
  void anSqlErrorIsReportedAndTheShellGoesOn() {
    feed("\\format csv", "SELEC 1;", "SELECT * FROM no_such_table;");

    assertThat(err.toString())
        .contains("Error: [PARSE_SYNTAX_ERROR]")
        .contains("Error: [TABLE_OR_VIEW_NOT_FOUND]")
        .doesNotContain("UnresolvedRelation");
    assertThat(shell.failures()).isEqualTo(2);

    assertThat(shell.accept("SELECT 4 AS n;")).isTrue();

    assertThat(out.toString()).endsWith("n\n4\n");
  }

  @Test
  void quitLeavesAndNothingRunsAfterIt() {
    assertThat(shell.accept("\\q")).isFalse();
    assertThat(shell.accept("SELECT 1;")).isFalse();

    assertThat(out.toString()).isEmpty();
  }

  @Test
  void exitLeavesToo() {
    assertThat(shell.accept("  exit;")).isFalse();
  }

  @Test
  void commandsListAndDescribeTablesAndHelp() {
    feed(
        "CREATE OR REPLACE TEMPORARY VIEW shell_test_view AS SELECT 1 AS x;",
        "\\format csv",
        "\\d",
        "\\d shell_test_view",
        "\\help");

    assertThat(out.toString())
        .startsWith("namespace,tableName,isTemporary\n")
        .contains(",shell_test_view,")
        .contains("col_name,data_type,comment\nx,int,")
        .contains("\\format [FMT]", "\\q ");
    assertThat(err.toString()).isEqualTo("OK\nFormat: csv\n");

    feed("\\frobnicate");

    assertThat(err.toString()).contains("Unknown command \\frobnicate: \\help lists the commands.");
  }

  @Test
  void resetDropsTheStatementBeingTyped() {
    feed("SELECT oops", "\\r", "\\format csv", "SELECT 5 AS n;");

    assertThat(out.toString()).isEqualTo("n\n5\n");
    assertThat(err.toString()).isEqualTo("Statement dropped.\nFormat: csv\n");
  }

  @Test
  void resultsAreCutAtTheLimitWithANote() {
    shell = shell(5);
    feed("\\format csv", "SELECT id FROM range(7);");

    assertThat(out.toString().lines()).containsExactly("id", "0", "1", "2", "3", "4");
    assertThat(err.toString()).contains("(only the first 5 rows are shown)");
  }

  @Test
  void aPipedScriptRunsEveryStatementAndTheLastOneWithoutItsSemicolon() throws IOException {
    String script = "\\format csv\nSELECT 1 AS a; SELECT 2\n  AS b;\nSELECT 3 AS c\n";

    int code = SqlShell.runScript(shell, new BufferedReader(new StringReader(script)));

    assertThat(code).isZero();
    assertThat(out.toString().lines()).containsExactly("a", "1", "b", "2", "c", "3");
    assertThat(err.toString()).isEqualTo("Format: csv\n");
  }

  @Test
  void aPipedScriptWithAFailedStatementExitsWithOne() throws IOException {
    String script = "SELECT * FROM no_such_table;\n\\format csv\nSELECT 1 AS a;\n";

    int code = SqlShell.runScript(shell, new BufferedReader(new StringReader(script)));

    assertThat(code).isEqualTo(BooksCommand.EXIT_FAILED);
    assertThat(out.toString()).endsWith("a\n1\n");
  }
}
