package org.bookslakehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.bookslakehouse.cli.InProcessCli.Result;
import org.junit.jupiter.api.Test;

/** {@code books query} without Spark: the listing, and every usage error before a session. */
class QueryUsageTest {
  private static Result books(String... args) {
    return InProcessCli.execute(args);
  }

  @Test
  void listShowsEveryQueryWithItsParametersTypesAndDefaults() {
    Result result = books("query", "--list", "--as-of", "2004-10-31");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out())
        .startsWith("Queries in the books jar:")
        .contains(
            "top_rated_books",
            "best_authors",
            "most_active_readers",
            "lost_publishers",
            "avg_rating_by_age_group",
            "avg_rating_by_country")
        .contains("  --param as_of_year=INT  default ${as_of_year} (2004): The last year counted")
        .contains("  --param years=INT  default 10: How many years, the as-of year included")
        .contains("  (no parameters)");
  }

  @Test
  void listAsCsvHasARowPerParameter() {
    Result result = books("query", "--list", "--format", "csv");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out().lines())
        .first()
        .isEqualTo("query,description,param,type,default,param_description");
    assertThat(result.out().lines())
        .anyMatch(
            line -> line.startsWith("lost_publishers,") && line.contains(",before_year,INT,2000,"))
        .anyMatch(line -> line.startsWith("avg_rating_by_age_group,") && line.endsWith(",,,,"));
  }

  @Test
  void queriesFolderIsTheOneGiven() {
    Path folder = Path.of("../queries").toAbsolutePath().normalize();

    Result result = books("query", "--list", "--queries", folder.toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).startsWith("Queries in " + folder + ":");
  }

  @Test
  void showSqlPrintsTheStatementAndItsValuesWithoutRunning() {
    Result result =
        books("query", "top_rated_books", "--show-sql", "--as-of", "2004-10-31", "-p", "years=5");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out())
        .contains("-- :as_of_year = 2004", "-- :years = 5", "-- :min_ratings = 20", "-- :top = 20")
        .contains("FROM gold_book_stats AS b")
        .endsWith("LIMIT :top;\n");
  }

  @Test
  void unknownQueryIsAUsageErrorNamingTheKnownOnes() {
    Result result = books("query", "top_books");

    assertThat(result.exitCode()).isEqualTo(BooksCommand.EXIT_USAGE);
    assertThat(result.err())
        .contains("books: Unknown query 'top_books'. Known queries: avg_rating_by_age_group,")
        .contains("top_rated_books (books query --list describes them).");
  }

  @Test
  void unknownParameterIsAUsageErrorNamingTheQuerysParameters() {
    Result result = books("query", "best_authors", "--param", "min_rating=3");

    assertThat(result.exitCode()).isEqualTo(BooksCommand.EXIT_USAGE);
    assertThat(result.err())
        .contains(
            "books: Unknown parameter 'min_rating' for query best_authors. Its parameters:"
                + " min_ratings INT = 50, top INT = 20.");
  }

  @Test
  void illTypedValueIsAUsageErrorSayingTheType() {
    Result result = books("query", "top_rated_books", "--param", "years=ten");

    assertThat(result.exitCode()).isEqualTo(BooksCommand.EXIT_USAGE);
    assertThat(result.err())
        .contains(
            "books: Parameter years of query top_rated_books is INT (a whole number):"
                + " 'ten' is not.");
  }

  @Test
  void missingValueIsAUsageError() {
    Result empty = books("query", "top_rated_books", "--param", "years=");
    Result bare = books("query", "top_rated_books", "--param", "years");
    Result twice = books("query", "top_rated_books", "-p", "years=1", "-p", "years=2");

    assertThat(empty.exitCode()).isEqualTo(BooksCommand.EXIT_USAGE);
    assertThat(empty.err()).contains("Parameter years of query top_rated_books has no value");
    assertThat(bare.exitCode()).isEqualTo(BooksCommand.EXIT_USAGE);
    assertThat(bare.err()).contains("--param years: write NAME=VALUE, e.g. --param years=5.");
    assertThat(twice.exitCode()).isEqualTo(BooksCommand.EXIT_USAGE);
    assertThat(twice.err()).contains("--param years is given twice.");
  }

  @Test
  void noQueryNameIsAUsageError() {
    Result result = books("query");

    assertThat(result.exitCode()).isEqualTo(BooksCommand.EXIT_USAGE);
    assertThat(result.err()).contains("Name a query (known: avg_rating_by_age_group,");
  }

  @Test
  void missingQueriesFolderIsAUsageError() {
    Result result = books("query", "--list", "--queries", "no/such/folder");

    assertThat(result.exitCode()).isEqualTo(BooksCommand.EXIT_USAGE);
    assertThat(result.err()).contains("--queries no/such/folder: no such folder");
  }

  @Test
  void helpShowsTheOptions() {
    Result result = books("query", "--help");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .contains("Usage: books query")
        .contains("--param=NAME=VALUE", "--list", "--queries=DIR", "--format=FORMAT")
        .contains("--lake=URI", "--as-of=YYYY-MM-DD");
  }
}
