package org.bookslakehouse.gold;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerEvent;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.SparkPlanInfo;
import org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionStart;
import org.apache.spark.storage.RDDInfo;
import org.apache.spark.storage.StorageLevel;
import org.bookslakehouse.TestLake;
import org.bookslakehouse.lake.BatchKeys;
import org.bookslakehouse.lake.LakeLayout;
import org.bookslakehouse.pipeline.RunSummary;
import org.bookslakehouse.pipeline.StreamRunner;
import org.bookslakehouse.pipeline.TableRun;
import org.bookslakehouse.pipeline.TaskGraph;
import org.bookslakehouse.pipeline.TaskListener;
import org.bookslakehouse.silver.SilverBooks;
import org.bookslakehouse.silver.SilverRatings;
import org.bookslakehouse.silver.SilverUsers;
import org.bookslakehouse.tables.Tables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.collection.JavaConverters;

/**
 * A multi-day scenario through every layer; after each day every gold table must equal, row for
 * row, its full recompute from the current silver tables.
 */
class GoldIncrementalTest {
  private static final String BOOKS =
      "\"ISBN\";\"Book-Title\";\"Book-Author\";\"Year-Of-Publication\";\"Publisher\";"
          + "\"Image-URL-S\";\"Image-URL-M\";\"Image-URL-L\"\r\n";
  private static final String USERS = "\"User-ID\";\"Location\";\"Age\"\r\n";
  private static final String RATINGS = "\"User-ID\";\"ISBN\";\"Book-Rating\"\r\n";
  private static final String DELETIONS = "\"User-ID\";\"ISBN\"\r\n";
  private static final String BROADCAST_THRESHOLD = "spark.sql.autoBroadcastJoinThreshold";
  private static SparkSession spark;

  @TempDir Path dir;

  /** What the tasks of the day being run kept, and whether any day's tasks kept a dataset. */
  private final KeptDatasets kept = new KeptDatasets();

  private boolean keptAny;

  /** The plans the tasks of the day being run executed. */
  private final Plans plans = new Plans();

  @BeforeAll
  static void startSpark() {
    spark = TestLake.spark();
  }

  private static String book(String isbn, String title, String author, int year, String publisher) {
    return String.format(
        "\"%s\";\"%s\";\"%s\";\"%d\";\"%s\";\"s\";\"m\";\"l\"\r\n",
        isbn, title, author, year, publisher);
  }

  private static String user(int id, String location, String age) {
    return String.format("\"%d\";\"%s\";%s\r\n", id, location, age);
  }

  private static String rating(int user, String isbn, int value) {
    return String.format("\"%d\";\"%s\";\"%d\"\r\n", user, isbn, value);
  }

  private Map<String, TableRun> runDay(TestLake lake) {
    StreamRunner runner = new StreamRunner(spark, lake.settings());
    Map<String, TableRun> runs = new TreeMap<>();
    kept.levels.clear();
    plans.started.clear();
    spark.sparkContext().addSparkListener(kept);
    spark.sparkContext().addSparkListener(plans);
    try {
      // As books run does: the task graph, independent tables at once.
      for (TableRun run :
          new TaskGraph(Tables.registry().ordered(), 3)
              .run(table -> runner.run(table), TaskListener.NONE)) {
        assertThat(run.succeeded()).as(run.table() + ": " + run.message()).isTrue();
        runs.put(run.table(), run);
      }
      spark.sparkContext().listenerBus().waitUntilEmpty();
    } catch (TimeoutException e) {
      throw new IllegalStateException(e);
    } finally {
      spark.sparkContext().removeSparkListener(kept);
      spark.sparkContext().removeSparkListener(plans);
    }
    // A batch the tasks keep (silver's cleansed rows, gold's keys and MERGE source) is on disk:
    // kept in the heap, a first load at scale 20 ran the driver out of memory.
    keptAny |= !kept.levels.isEmpty();
    assertThat(kept.inMemory()).as("datasets the tasks kept in the heap").isEmpty();
    Silver silver = new Silver(spark, LakeLayout.of(lake.settings()));
    for (GoldTable gold : GoldTables.all()) {
      Dataset<Row> incremental =
          spark.read().format("delta").load(LakeLayout.of(lake.settings()).tablePath(gold.name()));
      Dataset<Row> full =
          gold.compute(silver, null)
              .select(
                  incremental.columns()[0],
                  java.util.Arrays.copyOfRange(
                      incremental.columns(), 1, incremental.columns().length));
      assertThat(incremental.exceptAll(full).collectAsList())
          .as(gold.name() + " has rows a recompute has not")
          .isEmpty();
      assertThat(full.exceptAll(incremental).collectAsList())
          .as(gold.name() + " lacks rows of a recompute")
          .isEmpty();
    }
    return runs;
  }

  /**
   * The datasets the tasks kept (persisted) while a day ran, by name, with the level they were kept
   * at. Note: Delta's own caches of a table's log state ("Delta Table State", "Delta Source
   * Snapshot") are left out: they are Delta's, small, and in memory by Delta's choice.
   */
  private static final class KeptDatasets extends SparkListener {
    final Map<String, StorageLevel> levels = new ConcurrentHashMap<>();

    @Override
    public void onStageSubmitted(SparkListenerStageSubmitted stage) {
      for (RDDInfo rdd : JavaConverters.seqAsJavaList(stage.stageInfo().rddInfos())) {
        if (rdd.storageLevel().isValid() && !rdd.name().startsWith("Delta ")) {
          levels.put(rdd.id() + " " + rdd.name(), rdd.storageLevel());
        }
      }
    }

    List<String> inMemory() {
      return levels.entrySet().stream()
          .filter(kept -> kept.getValue().useMemory())
          .map(Map.Entry::getKey)
          .toList();
    }
  }

  /**
   * The physical plans Spark started while a day ran (Delta's MERGE phases included), by the
   * description Spark gives them: a stream's executions name its table.
   */
  private static final class Plans extends SparkListener {
    final List<SparkListenerSQLExecutionStart> started = new CopyOnWriteArrayList<>();

    @Override
    public void onOtherEvent(SparkListenerEvent event) {
      if (event instanceof SparkListenerSQLExecutionStart start) {
        started.add(start);
      }
    }

    /**
     * How many of the executions of a table's task shuffle rows read from {@code table} as they
     * were read: an exchange whose input comes from the table's scan through filters and
     * projections only, before any join, aggregate or filter on a batch's keys ({@link BatchKeys})
     * has reduced it to a day's rows.
     */
    long shufflingWholeTable(String task, String table) {
      return executions(task)
          .filter(start -> shufflesScanOf(start.sparkPlanInfo(), path(table), false))
          .count();
    }

    /** How many of the executions of a table's task read {@code table}. */
    long reading(String task, String table) {
      return executions(task).filter(start -> scans(start.sparkPlanInfo(), path(table))).count();
    }

    private Stream<SparkListenerSQLExecutionStart> executions(String task) {
      return started.stream()
          .filter(
              start ->
                  start.description().startsWith(task + "\n")
                      || start.description().contains(": " + task + "\n"));
    }

    private static Pattern path(String table) {
      return Pattern.compile("tables/" + table + "(?![_a-z])");
    }

    private static boolean scans(SparkPlanInfo node, Pattern path) {
      return (node.nodeName().startsWith("Scan parquet")
              && JavaConverters.mapAsJavaMap(node.metadata()).values().stream()
                  .anyMatch(value -> path.matcher(value).find()))
          || JavaConverters.seqAsJavaList(node.children()).stream()
              .anyMatch(child -> scans(child, path));
    }

    private static boolean shufflesScanOf(SparkPlanInfo node, Pattern path, boolean shuffled) {
      String name = node.nodeName();
      List<SparkPlanInfo> children = JavaConverters.seqAsJavaList(node.children());
      if (name.startsWith("Scan parquet")) {
        return shuffled && scans(node, path);
      }
      boolean passesRowsAsRead =
          children.size() == 1
              && !name.contains("Join")
              && !name.contains("Aggregate")
              && !(name.equals("Filter") && node.simpleString().contains(BatchKeys.NAME + "("));
      boolean shuffles = name.equals("Exchange") || (shuffled && passesRowsAsRead);
      return children.stream().anyMatch(child -> shufflesScanOf(child, path, shuffles));
    }
  }

  private static Map<String, RunSummary.Layer> layers(Map<String, TableRun> runs) {
    Map<String, RunSummary.Layer> layers = new LinkedHashMap<>();
    RunSummary.of(Tables.registry().ordered().stream().map(t -> runs.get(t.name())).toList())
        .forEach(layer -> layers.put(layer.name(), layer));
    return layers;
  }

  /** The rows of a layer's main tables (not their quarantine or deletions). */
  private static long layerRows(TestLake lake, String layer) {
    long rows = 0;
    for (var table : Tables.registry().ordered()) {
      if (table.name().startsWith(layer + "_")) {
        rows +=
            spark
                .read()
                .format("delta")
                .load(LakeLayout.of(lake.settings()).tablePath(table.name()))
                .count();
      }
    }
    return rows;
  }

  private static Row row(TestLake lake, String table, String where) {
    List<Row> rows =
        spark
            .read()
            .format("delta")
            .load(LakeLayout.of(lake.settings()).tablePath(table))
            .where(where)
            .collectAsList();
    assertThat(rows).as(table + " where " + where).hasSize(1);
    return rows.get(0);
  }

  private static long rows(TestLake lake, String table, String where) {
    return spark
        .read()
        .format("delta")
        .load(LakeLayout.of(lake.settings()).tablePath(table))
        .where(where)
        .count();
  }

  /**
   * {@link #runDay}, as with tables of real size. Note: the test's tables are a few KB, and Spark
   * broadcasts whatever is under 10 MB; with that off, every broadcast is one the tasks asked for.
   */
  private Map<String, TableRun> runDayWithoutSizeBasedBroadcasts(TestLake lake) {
    String threshold = spark.conf().get(BROADCAST_THRESHOLD);
    spark.conf().set(BROADCAST_THRESHOLD, "-1");
    try {
      return runDay(lake);
    } finally {
      spark.conf().set(BROADCAST_THRESHOLD, threshold);
    }
  }

  @Test
  void incrementalGoldEqualsAFullRecomputeAfterEveryDay() throws IOException {
    TestLake lake = new TestLake(dir);
    // Day 1: two books by "Golding" (one spelt differently), a user per country, ratings of a
    // book not known yet (0000000019) and by a user not known (9).
    lake.land(
        "books",
        "day-1.csv",
        BOOKS
            + book("0571056865", "Lord of the Flies", "Golding", 1954, "Faber")
            + book("0571191479", "The Spire", "GOLDING", 1964, "Faber")
            + book("0140283331", "Brighton Rock", "Graham Greene", 1938, "Penguin"));
    lake.land(
        "users",
        "day-1.csv",
        USERS
            + user(1, "york, yorkshire, united kingdom", "\"25\"")
            + user(2, "lyon, rhone, france", "\"41\"")
            + user(3, "paris, n/a, france", "NULL"));
    lake.land(
        "ratings",
        "day-1.csv",
        RATINGS
            + rating(1, "0571056865", 8)
            + rating(2, "0571056865", 6)
            + rating(2, "0571191479", 0)
            + rating(3, "0140283331", 9)
            + rating(1, "0000000019", 7)
            + rating(9, "0140283331", 4));
    Map<String, TableRun> day1 = runDay(lake);
    // The run's summary, from the runs' own counts, matches the tables it wrote.
    Map<String, RunSummary.Layer> summary1 = layers(day1);
    assertThat(summary1.keySet()).containsExactly("bronze", "silver", "gold");
    assertThat(summary1.get("bronze").rowsOut()).isEqualTo(12).isEqualTo(layerRows(lake, "bronze"));
    assertThat(summary1.get("silver").inserted()).isEqualTo(layerRows(lake, "silver"));
    assertThat(summary1.get("gold").inserted()).isEqualTo(layerRows(lake, "gold"));
    long goldAfterDay1 = layerRows(lake, "gold");

    Row golding = row(lake, "gold_author_stats", "author_key = 'golding'");
    assertThat(golding.<String>getAs("author")).isEqualTo("GOLDING");
    assertThat(golding.<Long>getAs("books_count")).isEqualTo(2);
    assertThat(golding.<Long>getAs("explicit_ratings_count")).isEqualTo(2);
    assertThat(golding.<Double>getAs("avg_rating")).isEqualTo(7.0);
    Row france = row(lake, "gold_country_stats", "country = 'france'");
    assertThat(france.<Long>getAs("readers_count")).isEqualTo(2);
    assertThat(france.<Long>getAs("explicit_ratings_count")).isEqualTo(2);

    // Day 2: the author of one book is fixed, a user moves, a rating changes, one is deleted,
    // the book rated on day 1 arrives, a user's age appears twice in one file (the later wins).
    lake.land(
        "books",
        "day-2.csv",
        BOOKS
            + book("0571056865", "Lord of the Flies", "William Golding", 1954, "Faber")
            + book("0000000019", "Late Book", "Graham Greene", 2001, "Vintage"));
    lake.land(
        "users",
        "day-2.csv",
        USERS
            + user(2, "montreal, quebec, canada", "\"41\"")
            + user(3, "paris, n/a, france", "\"30\"")
            + user(3, "paris, n/a, france", "\"33\""));
    lake.land("ratings", "day-2.csv", RATINGS + rating(2, "0571056865", 10));
    lake.land("ratings-deleted", "day-2.csv", DELETIONS + "\"3\";\"0140283331\"\r\n");
    Map<String, TableRun> day2 = runDayWithoutSizeBasedBroadcasts(lake);
    // A day's batch is small and the tables it is joined with are not: the tasks broadcast the
    // batch (a MERGE's source, a gold recompute's keys and an author's books) into their joins
    // with those tables, and a MERGE reads only the target rows of the batch's keys, so no task
    // shuffles a whole table. Note: Delta's MERGE writes through an outer join that keeps every
    // source row, and Spark broadcasts only the other side of such a join; without the filter on
    // the batch's keys, every MERGE shuffled its target whole. Country and age-group stats do not
    // check silver_ratings: a group's recompute reads the ratings of all its readers, most of the
    // table for a large country.
    for (String silver : List.of(SilverBooks.NAME, SilverUsers.NAME, SilverRatings.NAME)) {
      assertThat(plans.reading(silver, silver)).as(silver).isPositive();
      assertThat(plans.shufflingWholeTable(silver, silver)).as(silver).isZero();
    }
    for (String gold : List.of(GoldBookStats.NAME, GoldAuthorStats.NAME, GoldReaderStats.NAME)) {
      assertThat(plans.reading(gold, SilverRatings.NAME)).as(gold).isPositive();
      assertThat(plans.shufflingWholeTable(gold, SilverRatings.NAME)).as(gold).isZero();
    }
    for (String gold : GoldTables.all().stream().map(GoldTable::name).toList()) {
      assertThat(plans.reading(gold, gold)).as(gold).isPositive();
      assertThat(plans.shufflingWholeTable(gold, gold)).as(gold).isZero();
    }
    RunSummary.Layer gold2 = layers(day2).get("gold");
    assertThat(gold2.inserted() - gold2.deleted())
        .isEqualTo(layerRows(lake, "gold") - goldAfterDay1);
    assertThat(gold2.updated()).isPositive();
    assertThat(gold2.line())
        .startsWith(
            String.format(
                "gold    keys in %d  out %d (inserted %d, updated %d, deleted %d)",
                gold2.rowsIn(),
                gold2.inserted() + gold2.updated() + gold2.deleted(),
                gold2.inserted(),
                gold2.updated(),
                gold2.deleted()));

    Row spire = row(lake, "gold_author_stats", "author_key = 'golding'");
    assertThat(spire.<Long>getAs("books_count")).isEqualTo(1);
    assertThat(spire.<Long>getAs("explicit_ratings_count")).isZero();
    assertThat(spire.<Double>getAs("avg_rating")).isNull();
    Row william = row(lake, "gold_author_stats", "author_key = 'william golding'");
    assertThat(william.<Double>getAs("avg_rating")).isEqualTo(9.0);
    assertThat(william.<Long>getAs("readers_count")).isEqualTo(2);
    Row greene = row(lake, "gold_author_stats", "author_key = 'graham greene'");
    assertThat(greene.<Long>getAs("books_count")).isEqualTo(2);
    assertThat(greene.<Long>getAs("explicit_ratings_count")).isEqualTo(2);
    assertThat(row(lake, "gold_country_stats", "country = 'france'").<Long>getAs("readers_count"))
        .isEqualTo(1);
    assertThat(
            row(lake, "gold_country_stats", "country = 'canada'")
                .<Long>getAs("explicit_ratings_count"))
        .isEqualTo(1);
    assertThat(row(lake, "gold_reader_stats", "user_id = 3").<String>getAs("age_group"))
        .isEqualTo("31-40");
    assertThat(
            row(lake, "gold_book_stats", "isbn = '0000000019'")
                .<Long>getAs("explicit_ratings_count"))
        .isEqualTo(1);
    assertThat(rows(lake, "gold_age_group_stats", "age_group IS NULL")).isZero();
    // Cost follows the change: the day touched a handful of keys, not the tables.
    assertThat(day2.get("gold_reader_stats").count("affected_keys")).isEqualTo(2);
    assertThat(day2.get("gold_book_stats").count("affected_keys")).isEqualTo(3);

    // Day 3: the deleted rating comes back, a book's publisher changes (the old publisher-year
    // group disappears), and a rating with an ISBN that is not one is quarantined.
    lake.land(
        "ratings", "day-3.csv", RATINGS + rating(3, "0140283331", 2) + rating(4, "NOT-AN-ISBN", 5));
    lake.land(
        "books",
        "day-3.csv",
        BOOKS + book("0000000019", "Late Book", "Graham Greene", 2001, "Heinemann"));
    RunSummary.Layer silver3 = layers(runDay(lake)).get("silver");
    // The summary's quarantine, by reason, is the rows the run put in the quarantine tables.
    assertThat(silver3.quarantined())
        .isEqualTo(1)
        .isEqualTo(rows(lake, "silver_ratings_quarantine", "true"));
    assertThat(silver3.quarantinedByReason()).containsOnlyKeys("invalid ISBN");
    assertThat(silver3.line()).contains("quarantined 1 (invalid ISBN 1)");

    assertThat(rows(lake, "gold_publisher_year_stats", "publisher = 'Vintage'")).isZero();
    assertThat(row(lake, "gold_book_stats", "isbn = '0140283331'").<Double>getAs("avg_rating"))
        .isEqualTo(3.0);

    // A day with nothing new changes no gold table.
    Map<String, TableRun> idle = runDay(lake);
    assertThat(idle.values())
        .allSatisfy(
            run -> {
              assertThat(run.versionAfter()).isEqualTo(run.versionBefore());
              assertThat(run.status()).as(run.table()).isEqualTo(TableRun.Status.SKIPPED);
            });
    assertThat(keptAny).as("the days' tasks kept datasets (on disk)").isTrue();
  }
}
