package org.bookslakehouse.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the tests read back from the lake ({@link LakeReader}): per gold table the columns the
 * {@link Oracle} computes, as lines of values joined by {@code |} ({@code NULL} for a null, means
 * to 6 decimals); and per silver and bronze table the figures that show duplicates or losses.
 */
final class LakeLines {
  private static final String MEAN = "CAST(CAST(%s AS DECIMAL(12,6)) AS STRING)";

  /** Per gold table, the columns compared with the oracle, in the oracle's order. */
  static final Map<String, List<String>> GOLD_COLUMNS =
      new TreeMap<>(
          Map.of(
              "gold_book_stats",
              List.of(
                  "isbn",
                  "explicit_ratings_count",
                  String.format(MEAN, "avg_rating"),
                  "implicit_ratings_count"),
              "gold_author_stats",
              List.of(
                  "author_key",
                  "author",
                  "books_count",
                  "rated_books_count",
                  "explicit_ratings_count",
                  String.format(MEAN, "avg_rating"),
                  "readers_count"),
              "gold_reader_stats",
              List.of(
                  "user_id",
                  "country",
                  "age_group",
                  "explicit_ratings_count",
                  "implicit_ratings_count",
                  String.format(MEAN, "avg_rating_given")),
              "gold_publisher_year_stats",
              List.of("publisher", "year", "books_count"),
              "gold_country_stats",
              List.of(
                  "country",
                  "readers_count",
                  "explicit_ratings_count",
                  String.format(MEAN, "avg_rating")),
              "gold_age_group_stats",
              List.of(
                  "age_group",
                  "readers_count",
                  "explicit_ratings_count",
                  String.format(MEAN, "avg_rating"))));

  /** Per silver table (and quarantine): its rows and its distinct keys. */
  static final Map<String, String> SILVER_KEYS =
      new TreeMap<>(
          Map.of(
              "silver_books", "isbn",
              "silver_users", "user_id",
              "silver_ratings", "user_id, isbn",
              "silver_books_quarantine", "_source_file, _line_number",
              "silver_users_quarantine", "_source_file, _line_number",
              "silver_ratings_quarantine", "_source_file, _line_number"));

  /** Per bronze table, the landing folder it reads. */
  static final Map<String, String> BRONZE_SOURCES =
      new TreeMap<>(
          Map.of(
              "bronze_books", "books",
              "bronze_users", "users",
              "bronze_ratings", "ratings",
              "bronze_ratings_deleted", "ratings-deleted"));

  private LakeLines() {}

  /**
   * One statement that reads it all: rows of (t, line), the table's name and one line. Silver and
   * bronze give one line each: {@code rows|distinct keys}.
   */
  static String statement() {
    List<String> parts = new ArrayList<>();
    GOLD_COLUMNS.forEach(
        (table, columns) ->
            parts.add(
                String.format(
                    "SELECT '%s' AS t, concat_ws('|', %s) AS line FROM %s",
                    table,
                    String.join(
                        ", ",
                        columns.stream()
                            .map(c -> "coalesce(CAST(" + c + " AS STRING), 'NULL')")
                            .toList()),
                    table)));
    SILVER_KEYS.forEach(
        (table, key) ->
            parts.add(
                String.format(
                    "SELECT '%s' AS t, concat(count(*), '|', count(DISTINCT %s)) AS line FROM %s",
                    table, key, table)));
    BRONZE_SOURCES.forEach(
        (table, source) ->
            parts.add(
                String.format(
                    "SELECT '%s' AS t, concat(count(*), '|',"
                        + " count(DISTINCT _source_file, _line_number)) AS line FROM %s",
                    table, table)));
    return String.join(" UNION ALL ", parts);
  }

  /** The rows of {@link #statement}, (table, line), as lines by table. */
  static Map<String, List<String>> byTable(List<List<String>> rows) {
    Map<String, List<String>> lines = new TreeMap<>();
    rows.forEach(row -> lines.computeIfAbsent(row.get(0), t -> new ArrayList<>()).add(row.get(1)));
    return lines;
  }

  /**
   * Every silver and gold table: its rows and an order-free checksum of all their values but the
   * times a row was processed: {@code _updated_at} (when a MERGE last wrote it), {@code
   * _quarantined_at} and {@code _ingested_at} (when a quarantine and bronze took it in; a reset
   * rebuilds them, so they say when, not what).
   */
  static String fingerprint() {
    return Stream.concat(SILVER_KEYS.keySet().stream(), GOLD_COLUMNS.keySet().stream())
        .map(
            t ->
                "SELECT '"
                    + t
                    + "' AS t, count(*) AS n, sum(CAST(hash(regexp_replace(to_json(struct(*)),"
                    + " '\"(_updated_at|_quarantined_at|_ingested_at)\":\"[^\"]*\"', ''))"
                    + " AS BIGINT)) AS h FROM "
                    + t)
        .collect(Collectors.joining(" UNION ALL "));
  }
}
