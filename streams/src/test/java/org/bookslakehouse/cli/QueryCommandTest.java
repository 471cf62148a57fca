package org.bookslakehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.bookslakehouse.TestLake;
import org.bookslakehouse.cli.InProcessCli.Result;
import org.bookslakehouse.gold.GoldAgeGroupStats;
import org.bookslakehouse.gold.GoldAuthorStats;
import org.bookslakehouse.gold.GoldBookStats;
import org.bookslakehouse.gold.GoldCountryStats;
import org.bookslakehouse.gold.GoldPublisherYearStats;
import org.bookslakehouse.gold.GoldReaderStats;
import org.bookslakehouse.lake.LakeCatalog;
import org.bookslakehouse.lake.LakeLayout;
import org.bookslakehouse.query.NamedQuery;
import org.bookslakehouse.query.QueryLibrary;
import org.bookslakehouse.query.QueryParam;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code books query} end to end on a tiny hand-made gold layer: six Delta tables, with the gold
 * tables' own schemas, whose rows make each query's filters, boundaries and tie-breaks plain to
 * see. One Spark session for the class.
 */
class QueryCommandTest {
  @TempDir static Path root;

  private static TestLake lake;

  @BeforeAll
  static void goldFixture() {
    SparkSession spark = TestLake.spark();
    lake = new TestLake(root);
    LakeLayout layout = LakeLayout.of(lake.settings());
    write(
        spark,
        layout,
        "gold_book_stats",
        new GoldBookStats().schema(),
        // 8.334 beats 8.331 although both show as 8.33 (the order uses the unrounded average)
        RowFactory.create("0000000001", "Alpha", "Ann Author", "Pub A", 2003, 3L, 8.334, 1L),
        RowFactory.create("0000000002", "Beta", "Ann Author", "Pub A", 2001, 5L, 8.331, 0L),
        // equal average and count: by ISBN
        RowFactory.create("0000000004", "Delta", "Bob Writer", "Pub B", 1999, 4L, 7.5, 0L),
        RowFactory.create("0000000003", "Gamma", "Bob Writer", "Pub B", 1999, 4L, 7.5, 2L),
        RowFactory.create("0000000005", "Old", "Cy Old", "Pub C", 1990, 10L, 9.0, 0L),
        RowFactory.create("0000000006", "Edge", "Cy Old", "Pub C", 1995, 2L, 6.0, 0L),
        RowFactory.create("0000000010", "Too old", "Cy Old", "Pub C", 1994, 3L, 9.5, 0L),
        RowFactory.create("0000000007", "Future", "Cy Old", "Pub C", 2005, 3L, 9.5, 0L),
        RowFactory.create("0000000008", "Few", "Ann Author", "Pub A", 2002, 1L, 10.0, 0L),
        RowFactory.create("0000000009", "Unrated", null, "Pub D", 2000, 0L, null, 3L));
    write(
        spark,
        layout,
        "gold_author_stats",
        new GoldAuthorStats().schema(),
        RowFactory.create("eve equal", "Eve Equal", 1L, 1L, 8L, 7.5, 5L),
        RowFactory.create("ann author", "Ann Author", 3L, 3L, 9L, 8.5, 7L),
        RowFactory.create("bob writer", "Bob Writer", 2L, 2L, 8L, 7.5, 6L),
        RowFactory.create("cy old", "Cy Old", 2L, 2L, 12L, 7.5, 9L),
        RowFactory.create("dee few", "Dee Few", 1L, 1L, 1L, 10.0, 1L));
    write(
        spark,
        layout,
        "gold_reader_stats",
        new GoldReaderStats().schema(),
        RowFactory.create(2, "paris", null, "france", null, null, 5L, 0L, 8.0),
        RowFactory.create(1, "london", "england", "united kingdom", 34, "31-40", 5L, 1L, 7.2),
        RowFactory.create(3, "berlin", null, "germany", 19, "11-20", 9L, 3L, 6.5),
        RowFactory.create(4, null, null, null, 25, "21-30", 0L, 4L, null));
    write(
        spark,
        layout,
        "gold_publisher_year_stats",
        new GoldPublisherYearStats().schema(),
        RowFactory.create("Pub A", 1985, 3L),
        RowFactory.create("Pub A", 2001, 1L),
        RowFactory.create("Pub C", 1980, 6L),
        RowFactory.create("Pub B", 1990, 4L),
        RowFactory.create("Pub B", 1995, 2L),
        RowFactory.create("Pub D", 1999, 1L),
        RowFactory.create("Pub E", 1970, 5L),
        RowFactory.create("Pub E", null, 2L),
        RowFactory.create(null, 1980, 9L));
    write(
        spark,
        layout,
        "gold_country_stats",
        new GoldCountryStats().schema(),
        RowFactory.create("italy", 5L, 12L, 7.0),
        RowFactory.create("germany", 5L, 20L, 7.0),
        RowFactory.create("france", 3L, 10L, 8.0),
        RowFactory.create("spain", 6L, 0L, null),
        RowFactory.create("tiny", 1L, 3L, 9.9),
        RowFactory.create(null, 10L, 50L, 6.0));
    write(
        spark,
        layout,
        "gold_age_group_stats",
        new GoldAgeGroupStats().schema(),
        RowFactory.create("91-100", 1L, 2L, 5.0),
        RowFactory.create(null, 6L, 8L, 6.5),
        RowFactory.create("11-20", 4L, 10L, 7.25),
        RowFactory.create("0-10", 2L, 3L, 9.0),
        RowFactory.create("21-30", 3L, 0L, null));
    new LakeCatalog(spark, layout)
        .registerExisting(
            List.of(
                "gold_book_stats",
                "gold_author_stats",
                "gold_reader_stats",
                "gold_publisher_year_stats",
                "gold_country_stats",
                "gold_age_group_stats"));
  }

  private static void write(
      SparkSession spark, LakeLayout layout, String table, StructType schema, Row... rows) {
    spark
        .createDataFrame(List.of(rows), schema)
        .coalesce(1)
        .write()
        .format("delta")
        .save(layout.tablePath(table));
  }

  private static Result books(String... args) {
    return InProcessCli.execute(args);
  }

  /** {@code books query NAME --format csv} on the fixture lake, as of 2004-10-31. */
  private static Result query(String name, String... params) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "query",
                name,
                "--format",
                "csv",
                "--lake",
                lake.settings().lake(),
                "--database",
                lake.settings().database(),
                "--as-of",
                "2004-10-31"));
    for (String param : params) {
      args.add("--param");
      args.add(param);
    }
    return books(args.toArray(String[]::new));
  }

  @Test
  void anEmptyResultNamesTheParameterThatFilteredEverythingOut() {
    // No book of 1995-2004 in the fixture has 20 explicit ratings; Beta (2001) has 5.
    Result result = query("top_rated_books");

    assertThat(result.out().lines()).hasSize(1);
    assertThat(result.err())
        .isEqualTo(
            "books: 0 rows with min_ratings=20 (The least number of explicit ratings (1..10) a"
                + " book needs); try --param min_ratings=5 (1 row).\n");
    assertThat(csv(query("top_rated_books", "min_ratings=5"))).hasSize(2);
  }

  private static List<String> csv(Result result) {
    assertThat(result.exitCode()).as(result.err()).isZero();
    return result.out().lines().toList();
  }

  @Test
  void topRatedBooksOfTheLastYearsWithEnoughRatings() {
    assertThat(csv(query("top_rated_books", "years=10", "min_ratings=2")))
        .containsExactly(
            "isbn,title,author,publisher,year,explicit_ratings_count,avg_rating",
            "0000000001,Alpha,Ann Author,Pub A,2003,3,8.33",
            "0000000002,Beta,Ann Author,Pub A,2001,5,8.33",
            "0000000003,Gamma,Bob Writer,Pub B,1999,4,7.5",
            "0000000004,Delta,Bob Writer,Pub B,1999,4,7.5",
            "0000000006,Edge,Cy Old,Pub C,1995,2,6.0");
  }

  @Test
  void topRatedBooksTakesTheAsOfYearAndTopAsParameters() {
    assertThat(csv(query("top_rated_books", "as_of_year=2005", "years=1", "min_ratings=1")))
        .containsExactly(
            "isbn,title,author,publisher,year,explicit_ratings_count,avg_rating",
            "0000000007,Future,Cy Old,Pub C,2005,3,9.5");
    assertThat(csv(query("top_rated_books", "min_ratings=1", "top=2")))
        .containsExactly(
            "isbn,title,author,publisher,year,explicit_ratings_count,avg_rating",
            "0000000008,Few,Ann Author,Pub A,2002,1,10.0",
            "0000000001,Alpha,Ann Author,Pub A,2003,3,8.33");
  }

  @Test
  void bestAuthorsByAverageThenRatingsThenKey() {
    assertThat(csv(query("best_authors", "min_ratings=2")))
        .containsExactly(
            "author,books_count,rated_books_count,explicit_ratings_count,readers_count,avg_rating",
            "Ann Author,3,3,9,7,8.5",
            "Cy Old,2,2,12,9,7.5",
            "Bob Writer,2,2,8,6,7.5",
            "Eve Equal,1,1,8,5,7.5");
  }

  @Test
  void mostActiveReadersWithTheirCountry() {
    assertThat(csv(query("most_active_readers")))
        .containsExactly(
            "user_id,country,state,city,age,explicit_ratings_count,implicit_ratings_count,"
                + "avg_rating_given",
            "3,germany,,berlin,19,9,3,6.5",
            "1,united kingdom,england,london,34,5,1,7.2",
            "2,france,,paris,,5,0,8.0");
  }

  @Test
  void lostPublishersPublishedBeforeTheYearAndNeverSince() {
    assertThat(csv(query("lost_publishers", "before_year=2000", "min_books=2")))
        .containsExactly(
            "publisher,books_count,first_year,last_year",
            "Pub B,6,1990,1995",
            "Pub C,6,1980,1980",
            "Pub E,5,1970,1970");
  }

  @Test
  void averageRatingByAgeGroupYoungestFirstUnknownLast() {
    Result result =
        books(
            "query",
            "avg_rating_by_age_group",
            "--format",
            "json",
            "--lake",
            lake.settings().lake(),
            "--database",
            lake.settings().database());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out().replaceAll("\\s+", ""))
        .isEqualTo(
            "[{\"age_group\":\"0-10\",\"readers_count\":2,\"explicit_ratings_count\":3,"
                + "\"avg_rating\":9.0},"
                + "{\"age_group\":\"11-20\",\"readers_count\":4,\"explicit_ratings_count\":10,"
                + "\"avg_rating\":7.25},"
                + "{\"age_group\":\"21-30\",\"readers_count\":3,\"explicit_ratings_count\":0,"
                + "\"avg_rating\":null},"
                + "{\"age_group\":\"91-100\",\"readers_count\":1,\"explicit_ratings_count\":2,"
                + "\"avg_rating\":5.0},"
                + "{\"age_group\":null,\"readers_count\":6,\"explicit_ratings_count\":8,"
                + "\"avg_rating\":6.5}]");
  }

  @Test
  void averageRatingByCountryWithEnoughReaders() {
    assertThat(csv(query("avg_rating_by_country", "min_readers=2")))
        .containsExactly(
            "country,readers_count,explicit_ratings_count,avg_rating",
            "france,3,10,8.0",
            "germany,5,20,7.0",
            "italy,5,12,7.0");
  }

  /** The packaged queries every parameter of which has a default. */
  static List<String> queryNames() {
    return QueryLibrary.packaged().all().stream()
        .filter(q -> q.params().stream().noneMatch(QueryParam::required))
        .map(NamedQuery::name)
        .toList();
  }

  /** The packaged queries with a parameter that has no default (e.g. a version to start from). */
  static List<String> queriesWithARequiredParameter() {
    return QueryLibrary.packaged().all().stream()
        .filter(q -> q.params().stream().anyMatch(QueryParam::required))
        .map(NamedQuery::name)
        .toList();
  }

  @ParameterizedTest
  @MethodSource("queryNames")
  void everyQueryRunsWithItsDefaults(String name) {
    Result result = query(name);

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).isNotBlank();
  }

  @ParameterizedTest
  @MethodSource("queriesWithARequiredParameter")
  void aQueryWithoutItsRequiredParameterSaysWhichOneAndHow(String name) {
    QueryParam required =
        QueryLibrary.packaged().all().stream()
            .filter(q -> q.name().equals(name))
            .flatMap(q -> q.params().stream())
            .filter(QueryParam::required)
            .findFirst()
            .orElseThrow();

    Result result = query(name);

    assertThat(result.exitCode()).isNotZero();
    assertThat(result.err())
        .contains("needs parameter " + required.name())
        .contains("--param " + required.name() + "=");
  }

  @Test
  void aQueryOverAMissingTableFailsSayingTheJobBuildsTheTables() throws IOException {
    Path folder = Files.createDirectories(root.resolve("my-queries"));
    Files.writeString(
        folder.resolve("missing.sql"),
        """
        -- name: missing
        -- description: Reads a table the lake lacks.
        SELECT * FROM gold_missing_stats;
        """);

    Result result =
        books(
            "query",
            "missing",
            "--queries",
            folder.toString(),
            "--lake",
            lake.settings().lake(),
            "--database",
            lake.settings().database());

    assertThat(result.exitCode()).isEqualTo(BooksCommand.EXIT_FAILED);
    assertThat(result.err())
        .contains("books: query missing failed: [TABLE_OR_VIEW_NOT_FOUND]")
        .contains("`books run` builds them")
        .doesNotContain("UnresolvedRelation");
  }
}
