package org.bookslakehouse.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QueryFileParserTest {
  private static final String GOOD =
      """
      -- name: sample
      -- description: Books of a year,
      -- description:   best first.
      -- A free comment line, ignored.
      -- param: as_of_year INT ${as_of_year} The last year
      -- param: min_avg DOUBLE 7.5 The least average
      -- param: country STRING 'united kingdom' Where, in 'quotes'
      -- param: since DATE - A required date
      -- param: verbose BOOLEAN false Say more
      -- param: big BIGINT 10000000000 A big number
      SELECT * FROM gold_book_stats -- not :a_marker
      WHERE year = :as_of_year AND avg_rating >= :min_avg AND ':no' <> `:nope`
        AND country = :country AND d >= :since AND :verbose AND n < :big /* :neither */
        AND CAST(year AS STRING)::INT > 0;
      """;

  private static final Map<String, String> RUN = Map.of("as_of_year", "2004");

  private static NamedQuery good() {
    return QueryFileParser.parse("sample.sql", "queries/sample.sql", GOOD);
  }

  @Test
  void readsTheHeaderAndTheStatement() {
    NamedQuery query = good();

    assertThat(query.name()).isEqualTo("sample");
    assertThat(query.description()).isEqualTo("Books of a year, best first.");
    assertThat(query.source()).isEqualTo("queries/sample.sql");
    assertThat(query.params())
        .containsExactly(
            new QueryParam(
                "as_of_year", ParamType.INT, Optional.of("${as_of_year}"), "The last year"),
            new QueryParam("min_avg", ParamType.DOUBLE, Optional.of("7.5"), "The least average"),
            new QueryParam(
                "country", ParamType.STRING, Optional.of("united kingdom"), "Where, in 'quotes'"),
            new QueryParam("since", ParamType.DATE, Optional.empty(), "A required date"),
            new QueryParam("verbose", ParamType.BOOLEAN, Optional.of("false"), "Say more"),
            new QueryParam("big", ParamType.BIGINT, Optional.of("10000000000"), "A big number"));
    assertThat(query.sql()).startsWith("SELECT * FROM gold_book_stats").endsWith("> 0");
    assertThat(query.params().get(0).runValue()).contains("as_of_year");
    assertThat(query.params().get(3).required()).isTrue();
  }

  @Test
  void markersSkipStringsIdentifiersCommentsAndCasts() {
    assertThat(QueryFileParser.markers(good().sql()))
        .containsExactly("as_of_year", "min_avg", "country", "since", "verbose", "big");
  }

  @Test
  void bindsGivenValuesDefaultsAndRunValuesWithTheirTypes() {
    Map<String, Object> values =
        good()
            .bind(
                Map.of("since", "2001-02-03", "min_avg", "8", "country", "a b"),
                Map.of("as_of_year", "2004"));

    assertThat(values)
        .containsExactly(
            entry("as_of_year", 2004),
            entry("min_avg", 8.0),
            entry("country", "a b"),
            entry("since", LocalDate.of(2001, 2, 3)),
            entry("verbose", false),
            entry("big", 10_000_000_000L));
  }

  @Test
  void anUnknownParameterIsAnErrorListingTheKnownOnes() {
    assertThatThrownBy(() -> good().bind(Map.of("since", "2001-01-01", "yeras", "5"), Map.of()))
        .isInstanceOf(QueryException.class)
        .hasMessageContaining("Unknown parameter 'yeras' for query sample")
        .hasMessageContaining("as_of_year INT = ${as_of_year}, min_avg DOUBLE = 7.5")
        .hasMessageContaining("since DATE (required)");
  }

  @Test
  void aValueOfAnotherTypeIsAnErrorSayingWhatIsExpected() {
    assertThatThrownBy(() -> good().bind(Map.of("since", "yesterday"), RUN))
        .isInstanceOf(QueryException.class)
        .hasMessage(
            "Parameter since of query sample is DATE (a date, YYYY-MM-DD): 'yesterday' is not.");
    assertThatThrownBy(() -> good().bind(Map.of("since", "2001-01-01", "verbose", "yes"), RUN))
        .hasMessageContaining("is BOOLEAN (true or false): 'yes' is not");
    assertThatThrownBy(() -> good().bind(Map.of("since", "2001-01-01", "min_avg", "NaN"), RUN))
        .hasMessageContaining("is DOUBLE (a number): 'NaN' is not");
  }

  @Test
  void aMissingValueIsAnError() {
    assertThatThrownBy(() -> good().bind(Map.of(), RUN))
        .isInstanceOf(QueryException.class)
        .hasMessage("Query sample needs parameter since: give it as --param since=DATE.");
    assertThatThrownBy(() -> good().bind(Map.of("since", " "), RUN))
        .isInstanceOf(QueryException.class)
        .hasMessage(
            "Parameter since of query sample has no value: give it as --param since=DATE (a date,"
                + " YYYY-MM-DD).");
  }

  @Test
  void aQueryWithoutParametersSaysSo() {
    NamedQuery plain =
        QueryFileParser.parse(
            "plain.sql", "plain.sql", "-- name: plain\n-- description: All.\nSELECT 1\n");

    assertThat(plain.params()).isEmpty();
    assertThat(plain.sql()).isEqualTo("SELECT 1");
    assertThatThrownBy(() -> plain.bind(Map.of("x", "1"), Map.of()))
        .hasMessage("Unknown parameter 'x': query plain takes no parameters.");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
          no name          | -- description: d\\nSELECT 1                                  | has no '-- name: q' line
          another name     | -- name: other\\n-- description: d\\nSELECT 1                | the name 'other' is not the file's name
          no description   | -- name: q\\nSELECT 1                                       | has no '-- description: ...' line
          unknown key      | -- name: q\\n-- description: d\\n-- parm: x INT 1 X\\nSELECT :x | q.sql:3: unknown header key 'parm:'
          unknown type     | -- name: q\\n-- description: d\\n-- param: x NUMBER 1 X\\nSELECT :x | unknown type 'NUMBER' (types: INT, BIGINT
          bad default      | -- name: q\\n-- description: d\\n-- param: x INT ten X\\nSELECT :x | the default 'ten' is not a whole number
          no param text    | -- name: q\\n-- description: d\\n-- param: x INT 1\\nSELECT :x  | parameter x has no description
          malformed param  | -- name: q\\n-- description: d\\n-- param: x\\nSELECT :x          | write '-- param: NAME TYPE DEFAULT DESCRIPTION'
          bad param name   | -- name: q\\n-- description: d\\n-- param: X INT 1 X\\nSELECT :X   | parameter name 'X' is not lower case
          twice            | -- name: q\\n-- description: d\\n-- param: x INT 1 X\\n-- param: x INT 2 X\\nSELECT :x | parameter x is declared twice
          unknown run value| -- name: q\\n-- description: d\\n-- param: x INT ${today} X\\nSELECT :x | unknown run value '${today}'
          undeclared       | -- name: q\\n-- description: d\\nSELECT :x                      | the SQL uses :x, which the header does not declare
          unused           | -- name: q\\n-- description: d\\n-- param: x INT 1 X\\nSELECT 1   | parameter x is declared but the SQL never uses :x
          no statement     | -- name: q\\n-- description: d\\n;                             | there is no SQL statement after the header
          """)
  void aMalformedFileIsAnErrorNamingFileLineAndFix(String what, String text, String message) {
    assertThatThrownBy(() -> QueryFileParser.parse("q.sql", "q.sql", text.replace("\\n", "\n")))
        .as(what)
        .isInstanceOf(QueryException.class)
        .hasMessageStartingWith("q.sql")
        .hasMessageContaining(message);
  }
}
