package org.bookslakehouse.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The benchmark's peer: DuckDB computes the same silver and gold tables from the same landed CSVs
 * with SQL, in full, into a fresh database file, and prints the time of each step.
 *
 * <p>Usage: {@code DuckDbPeer LANDING DBFILE AS_OF_YEAR}. Simplified against the pipeline (see
 * BENCHMARKS.md): no quarantine tables, no lineage columns; column-shifted books rows are dropped
 * rather than repaired; only {@code &amp; &quot; &lt; &gt; &#39;} are decoded (not every HTML 4
 * entity or numeric reference); order between versions of a key is by file name (the generator's
 * files sort by day), not by modification time then line.
 */
public final class DuckDbPeer {
  private static final String ISBN =
      "upper(regexp_replace(trim(%s), '[-\\s.\"\\\\]', '', 'g'))";
  private static final String VALID_ISBN = "regexp_full_match(%s, '[0-9]{9}[0-9X]|[0-9]{13}')";
  private static final String DAY = "coalesce(try_cast(regexp_extract(filename, '\\.day-(\\d+)\\.', 1) AS INT), 0)";

  private DuckDbPeer() {}

  public static void main(String[] args) throws Exception {
    Path landing = Path.of(args[0]);
    Path db = Path.of(args[1]);
    int asOfYear = Integer.parseInt(args[2]);
    Files.deleteIfExists(db);
    Files.deleteIfExists(Path.of(db + ".wal"));
    long start = System.nanoTime();
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + db);
        Statement sql = connection.createStatement()) {
      sql.execute(
          "CREATE MACRO clean(x) AS nullif(trim(regexp_replace(replace(replace(replace(replace("
              + "replace(x, '&quot;', '\"'), '&lt;', '<'), '&gt;', '>'), '&#39;', ''''), '&amp;',"
              + " '&'), '[\\s\\x0b\\x0c]+', ' ', 'g')), '')");
      sql.execute(
          "CREATE MACRO part(x) AS CASE WHEN nullif(trim(x), '') IS NULL OR lower(trim(x)) ="
              + " 'n/a' THEN NULL ELSE trim(x) END");
      long t0 = System.nanoTime();
      load(sql, landing, "books");
      load(sql, landing, "users");
      load(sql, landing, "ratings");
      load(sql, landing, "ratings-deleted");
      long t1 = System.nanoTime();
      silver(sql, asOfYear);
      long t2 = System.nanoTime();
      gold(sql);
      sql.execute("CHECKPOINT");
      long t3 = System.nanoTime();
      System.out.printf(
          Locale.ROOT,
          "duckdb read_csv %.2f s, silver %.2f s, gold %.2f s, total %.2f s%n",
          (t1 - t0) / 1e9,
          (t2 - t1) / 1e9,
          (t3 - t2) / 1e9,
          (t3 - start) / 1e9);
      for (String table :
          List.of(
              "silver_books",
              "silver_users",
              "silver_ratings",
              "gold_book_stats",
              "gold_author_stats",
              "gold_reader_stats",
              "gold_publisher_year_stats",
              "gold_country_stats",
              "gold_age_group_stats")) {
        try (ResultSet rows = sql.executeQuery("SELECT count(*) FROM " + table)) {
          rows.next();
          System.out.printf(Locale.ROOT, "duckdb rows %s %d%n", table, rows.getLong(1));
        }
      }
    }
  }

  private static void load(Statement sql, Path landing, String folder)
      throws SQLException, IOException {
    String table = "bronze_" + folder.replace('-', '_');
    List<String> files = new ArrayList<>();
    Path dir = landing.resolve(folder);
    if (Files.isDirectory(dir)) {
      try (Stream<Path> list = Files.list(dir)) {
        list.map(Path::toString)
            .filter(f -> f.endsWith(".csv") || f.endsWith(".csv.gz"))
            .sorted()
            .forEach(f -> files.add("'" + f.replace("'", "''") + "'"));
      }
    }
    if (files.isEmpty()) {
      sql.execute(
          "CREATE TABLE bronze_ratings_deleted (\"User-ID\" VARCHAR, \"ISBN\" VARCHAR, filename"
              + " VARCHAR)");
      return;
    }
    sql.execute(
        "CREATE TABLE "
            + table
            + " AS SELECT * FROM read_csv(["
            + String.join(", ", files)
            + "], delim = ';', quote = '\"', escape = '\\', header = true, encoding = 'latin-1',"
            + " all_varchar = true, filename = true, nullstr = 'NULL', strict_mode = false"
            // null_padding keeps the shifted books rows (7 fields) so silver can drop them; the
            // parallel reader refuses it together with quoted line breaks, which only users have.
            + (folder.equals("books") ? ", null_padding = true" : "")
            + ")");
  }

  private static void silver(Statement sql, int asOfYear) throws SQLException {
    sql.execute(
        "CREATE TABLE silver_books AS WITH b AS (SELECT "
            + String.format(ISBN, "\"ISBN\"")
            + " AS isbn, \"Book-Title\" AS t, \"Book-Author\" AS a, \"Year-Of-Publication\" AS y,"
            + " \"Publisher\" AS p, "
            + DAY
            + " AS day FROM bronze_books WHERE \"Image-URL-L\" IS NOT NULL) SELECT isbn, clean(t)"
            + " AS title, clean(a) AS author, CASE WHEN try_cast(y AS INT) BETWEEN 1000 AND "
            + asOfYear
            + " THEN try_cast(y AS INT) END AS year, clean(p) AS publisher FROM b WHERE "
            + String.format(VALID_ISBN, "isbn")
            + " QUALIFY row_number() OVER (PARTITION BY isbn ORDER BY day DESC) = 1");
    sql.execute(
        "CREATE TABLE silver_users AS WITH u AS (SELECT try_cast(\"User-ID\" AS BIGINT) AS"
            + " user_id, clean(\"Location\") AS loc, \"Age\" AS age, "
            + DAY
            + " AS day FROM bronze_users), l AS (SELECT *, string_split(loc, ',') AS parts FROM u"
            + " WHERE user_id > 0 QUALIFY row_number() OVER (PARTITION BY user_id ORDER BY day"
            + " DESC) = 1) SELECT user_id, loc AS location, part(parts[1]) AS city, CASE WHEN"
            + " len(parts) <= 3 THEN part(parts[2]) ELSE nullif(array_to_string(list_filter("
            + "list_transform(parts[2:len(parts) - 1], x -> part(x)), x -> x IS NOT NULL), ', '),"
            + " '') END AS state, CASE WHEN len(parts) >= 3 THEN part(parts[len(parts)]) END AS"
            + " country, CASE WHEN try_cast(age AS INT) BETWEEN 5 AND 100 THEN try_cast(age AS"
            + " INT) END AS age FROM l");
    sql.execute(
        "CREATE TABLE silver_ratings AS WITH e AS (SELECT try_cast(\"User-ID\" AS BIGINT) AS"
            + " user_id, "
            + String.format(ISBN, "\"ISBN\"")
            + " AS isbn, try_cast(\"Book-Rating\" AS INT) AS rating, "
            + DAY
            + " AS day, 1 AS upsert FROM bronze_ratings UNION ALL SELECT try_cast(\"User-ID\" AS"
            + " BIGINT), "
            + String.format(ISBN, "\"ISBN\"")
            + ", NULL, "
            + DAY
            + ", 0 FROM bronze_ratings_deleted), v AS (SELECT * FROM e WHERE user_id > 0 AND "
            + String.format(VALID_ISBN, "isbn")
            + " AND (upsert = 0 OR rating BETWEEN 0 AND 10) QUALIFY row_number() OVER (PARTITION"
            + " BY user_id, isbn ORDER BY day DESC, upsert) = 1) SELECT user_id, isbn, rating"
            + " FROM v WHERE upsert = 1");
  }

  private static void gold(Statement sql) throws SQLException {
    sql.execute(
        "CREATE TABLE gold_book_stats AS SELECT b.isbn, b.title, b.author, b.publisher, b.year,"
            + " count(r.rating) FILTER (WHERE r.rating >= 1) AS explicit_ratings_count,"
            + " avg(r.rating) FILTER (WHERE r.rating >= 1) AS avg_rating, count(r.rating) FILTER"
            + " (WHERE r.rating = 0) AS implicit_ratings_count FROM silver_books b LEFT JOIN"
            + " silver_ratings r ON r.isbn = b.isbn GROUP BY ALL");
    sql.execute(
        "CREATE TABLE gold_author_stats AS WITH ba AS (SELECT isbn, author, lower(author) AS"
            + " author_key FROM silver_books WHERE author IS NOT NULL), best AS (SELECT"
            + " author_key, author FROM (SELECT author_key, author, count(*) AS n FROM ba GROUP BY"
            + " ALL) QUALIFY row_number() OVER (PARTITION BY author_key ORDER BY n DESC, author) ="
            + " 1), agg AS (SELECT ba.author_key, count(DISTINCT r.isbn) AS rated_books_count,"
            + " count(*) AS explicit_ratings_count, avg(r.rating) AS avg_rating, count(DISTINCT"
            + " r.user_id) AS readers_count FROM ba JOIN silver_ratings r ON r.isbn = ba.isbn"
            + " WHERE r.rating >= 1 GROUP BY 1), bc AS (SELECT author_key, count(*) AS"
            + " books_count FROM ba GROUP BY 1) SELECT bc.author_key, best.author,"
            + " bc.books_count, coalesce(agg.rated_books_count, 0) AS rated_books_count,"
            + " coalesce(agg.explicit_ratings_count, 0) AS explicit_ratings_count, agg.avg_rating,"
            + " coalesce(agg.readers_count, 0) AS readers_count FROM bc JOIN best USING"
            + " (author_key) LEFT JOIN agg USING (author_key)");
    sql.execute(
        "CREATE TABLE gold_reader_stats AS SELECT u.user_id, u.city, u.state, u.country, u.age,"
            + " CASE WHEN u.age IS NULL THEN NULL WHEN u.age <= 10 THEN '0-10' ELSE"
            + " CAST((u.age - 1) // 10 * 10 + 1 AS VARCHAR) || '-' || CAST((u.age - 1) // 10 * 10"
            + " + 10 AS VARCHAR) END AS age_group, count(r.rating) FILTER (WHERE r.rating >= 1) AS"
            + " explicit_ratings_count, count(r.rating) FILTER (WHERE r.rating = 0) AS"
            + " implicit_ratings_count, avg(r.rating) FILTER (WHERE r.rating >= 1) AS"
            + " avg_rating_given FROM silver_users u LEFT JOIN silver_ratings r ON r.user_id ="
            + " u.user_id GROUP BY ALL");
    sql.execute(
        "CREATE TABLE gold_publisher_year_stats AS SELECT publisher, year, count(*) AS"
            + " books_count FROM silver_books GROUP BY ALL");
    for (String[] group :
        new String[][] {{"country", "country"}, {"age_group", "age_group"}}) {
      sql.execute(
          "CREATE TABLE gold_"
              + group[0]
              + "_stats AS WITH g AS (SELECT user_id, "
              + group[1]
              + " AS k FROM gold_reader_stats), rd AS (SELECT k, count(*) AS readers_count FROM"
              + " g GROUP BY 1), rt AS (SELECT g.k, count(*) AS explicit_ratings_count,"
              + " avg(r.rating) AS avg_rating FROM g JOIN silver_ratings r USING (user_id) WHERE"
              + " r.rating >= 1 GROUP BY 1) SELECT rd.k AS "
              + group[0]
              + ", rd.readers_count, coalesce(rt.explicit_ratings_count, 0) AS"
              + " explicit_ratings_count, rt.avg_rating FROM rd LEFT JOIN rt ON rt.k IS NOT"
              + " DISTINCT FROM rd.k");
    }
  }
}
