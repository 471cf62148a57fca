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
import org.bookslakehouse.pipeline.RunPoint;
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

  /**
   * A session for one statement as of the end of run {@code atRun}: each lake table it names is a
   * temporary view of that table at the version it had then ({@link RunPoint#read}, refused when a
   * reset or VACUUM made that impossible); pipeline_runs, the history itself, is read as it is now.
   * Without {@code atRun}: {@link #openFor(Settings, String)}.
   */
  static SparkSession openFor(Settings settings, String statement, String atRun) {
    if (atRun == null) {
      return openFor(settings, statement);
    }
    return openAt(settings, namedIn(statement), atRun);
  }

  /** The SQL shell's session as of the end of a run: every table that existed then. */
  static SparkSession openAt(Settings settings, String atRun) {
    return openAt(settings, null, atRun);
  }

  /** {@code tables} null: every table recorded at that moment. */
  private static SparkSession openAt(Settings settings, List<String> tables, String atRun) {
    SparkSession spark = Sessions.create(settings);
    LakeLayout layout = LakeLayout.of(settings);
    RunPoint point = RunPoint.of(spark, layout, atRun);
    List<String> named = new ArrayList<>(tables == null ? tableNames() : tables);
    if (tables == null) {
      named.removeIf(t -> !t.equals(RunHistory.TABLE) && !point.tables().containsKey(t));
    }
    for (String table : named) {
      if (table.equals(RunHistory.TABLE)) {
        new LakeCatalog(spark, layout).registerExisting(List.of(table));
      } else {
        point.read(spark, layout, table).createOrReplaceTempView(table);
      }
    }
    if (spark.catalog().databaseExists(settings.database())) {
      spark.catalog().setCurrentDatabase(settings.database());
    }
    return spark;
  }

  private static SparkSession open(Settings settings, List<String> tables) {
    SparkSession spark = Sessions.create(settings);
    // Note: an --at-run statement earlier in this session (a test's, the shell's) named the tables
    // by temporary views, which would hide the tables themselves.
    tables.forEach(spark.catalog()::dropTempView);
    new LakeCatalog(spark, LakeLayout.of(settings)).registerExisting(tables);
    if (spark.catalog().databaseExists(settings.database())) {
      spark.catalog().setCurrentDatabase(settings.database());
    }
    return spark;
  }
}
