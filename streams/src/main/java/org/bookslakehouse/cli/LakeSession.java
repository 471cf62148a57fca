package org.bookslakehouse.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.bookslakehouse.config.Settings;
import org.bookslakehouse.lake.LakeCatalog;
import org.bookslakehouse.lake.LakeLayout;
import org.bookslakehouse.lake.Sessions;
import org.bookslakehouse.pipeline.RunHistory;
import org.bookslakehouse.tables.Tables;

/**
 * The session of a command that reads the lake with SQL ({@code books sql}, {@code books query}):
 * the lake's tables registered under the database name, and that database the current one, so plain
 * table names ({@code gold_book_stats}) work as well as qualified ones.
 */
final class LakeSession {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private LakeSession() {}

  /** Every table a lake may hold: the pipeline's tables, their side tables, the run history. */
  static List<String> tableNames() {
    List<String> tables = new ArrayList<>(Tables.registry().allTableNames());
    tables.add(RunHistory.TABLE);
    return tables;
  }

  /** A session with every table of the lake registered (the SQL shell). */
  static SparkSession open(Settings settings) {
    return open(settings, tableNames());
  }

  /**
   * A session for one statement: only the tables it names are registered. Note: registering a table
   * reads its Delta log, which costs a one-shot command more than the statement itself
   * (BENCHMARKS.md, "Read-only commands").
   */
  static SparkSession openFor(Settings settings, String statement) {
    return open(settings, namedIn(statement));
  }

  /**
   * The lake's tables a statement names (a word of it equal to a table's name, in any case); all of
   * them for a statement that names none and starts with SHOW ({@code SHOW TABLES}).
   */
  static List<String> namedIn(String statement) {
    Set<String> words = new HashSet<>();
    Matcher matcher = IDENTIFIER.matcher(statement);
    while (matcher.find()) {
      words.add(matcher.group().toLowerCase(Locale.ROOT));
    }
    List<String> named = tableNames().stream().filter(words::contains).collect(Collectors.toList());
    boolean show = statement.strip().toUpperCase(Locale.ROOT).startsWith("SHOW");
    return named.isEmpty() && show ? tableNames() : named;
  }

  private static SparkSession open(Settings settings, List<String> tables) {
    SparkSession spark = Sessions.create(settings);
    new LakeCatalog(spark, LakeLayout.of(settings)).registerExisting(tables);
    if (spark.catalog().databaseExists(settings.database())) {
      spark.catalog().setCurrentDatabase(settings.database());
    }
    return spark;
  }
}
