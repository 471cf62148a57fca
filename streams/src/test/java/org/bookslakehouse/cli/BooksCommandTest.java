package org.bookslakehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.bookslakehouse.cli.InProcessCli.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BooksCommandTest {
  private static Result execute(String... args) {
    return InProcessCli.execute(args);
  }

  @ParameterizedTest
  @ValueSource(strings = {"run", "status", "sql", "maintain"})
  void everySubcommandHasHelpWithTheCommonOptions(String subcommand) {
    Result result = execute(subcommand, "--help");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .contains("Usage: books " + subcommand)
        .contains("--lake=URI")
        .contains("--database=NAME")
        .contains("--as-of=YYYY-MM-DD")
        .contains("--config=FILE");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"run", "reset", "rebuild", "status", "sql", "query", "inspect", "generate"})
  void everySubcommandPrintsTheVersion(String subcommand) {
    Result result = execute(subcommand, "-V");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).startsWith("books-lakehouse ");
    assertThat(execute("--version").out()).isEqualTo(result.out());
  }

  @Test
  void maintainTakesAZeroRetentionAsShortNotAsInvalid() {
    // A test or a lake nobody reads in the past may VACUUM everything removed at once, with the
    // override; without it the refusal says so.
    Result result = execute("maintain", "--retention", "0h");

    assertThat(result.exitCode()).isEqualTo(BooksCommand.EXIT_USAGE);
    assertThat(result.err())
        .contains("A VACUUM retention of 0 hours")
        .contains("--allow-short-retention");
  }

  @Test
  void maintainRefusesARetentionShorterThanDeltaAllowsWithoutTheOverride() {
    Result result = execute("maintain", "--retention", "1d");

    assertThat(result.exitCode()).isEqualTo(BooksCommand.EXIT_USAGE);
    assertThat(result.err())
        .contains("shorter than the 168 hours")
        .contains("--allow-short-retention");
  }

  @Test
  void maintainNamesTheTablesItKeepsWhenGivenAnotherOne() {
    Result result = execute("maintain", "bronze_books");

    assertThat(result.exitCode()).isEqualTo(BooksCommand.EXIT_USAGE);
    assertThat(result.err()).contains("Unknown table 'bronze_books'").contains("silver_ratings");
  }

  @Test
  void topLevelHelpListsTheSubcommandsAndThePrecedence() {
    Result result = execute("--help");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("run", "status", "sql").contains("a flag beats");
  }

  @Test
  void invalidSettingIsAUsageErrorWithItsFix() {
    Result result = execute("run", "--database", "bad-name");

    assertThat(result.exitCode()).isEqualTo(BooksCommand.EXIT_USAGE);
    assertThat(result.err()).contains("Invalid database name 'bad-name'").contains("Fix:");
  }

  @Test
  void goldNamesEveryGoldTableOfChangesAndVerify() {
    // The tables are checked before Spark starts, so here the day is the only error left.
    Result result = execute("changes", "gold", "--since", "yesterday");

    assertThat(result.exitCode()).isEqualTo(BooksCommand.EXIT_USAGE);
    assertThat(result.err())
        .contains("--since yesterday: expected a day as YYYY-MM-DD")
        .doesNotContain("is not a gold table");
  }

  @Test
  void aTableNotGoldIsAUsageErrorSayingWhy() {
    Result result = execute("changes", "silver_books", "--since", "yesterday");

    assertThat(result.exitCode()).isEqualTo(BooksCommand.EXIT_USAGE);
    assertThat(result.err())
        .contains("silver_books is not a gold table: changes lists the change feed of gold tables");
  }

  @Test
  void unknownSqlFormatIsAUsageError() {
    Result result = execute("sql", "--format", "xml", "SELECT 1");

    assertThat(result.exitCode()).isEqualTo(BooksCommand.EXIT_USAGE);
    assertThat(result.err()).contains("Unknown format 'xml'");
  }
}
