package org.bookslakehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.bookslakehouse.TestLake;
import org.bookslakehouse.cli.InProcessCli.Result;
import org.bookslakehouse.gold.GoldAgeGroupStats;
import org.bookslakehouse.gold.GoldBookStats;
import org.bookslakehouse.gold.GoldChanges;
import org.bookslakehouse.gold.GoldCountryStats;
import org.bookslakehouse.gold.GoldPublisherYearStats;
import org.bookslakehouse.lake.DeltaVersions;
import org.bookslakehouse.lake.LakeCatalog;
import org.bookslakehouse.lake.LakeLayout;
import org.bookslakehouse.pipeline.LakeTable;
import org.bookslakehouse.pipeline.RunHistory;
import org.bookslakehouse.pipeline.RunPoint;
import org.bookslakehouse.pipeline.RunPointException;
import org.bookslakehouse.pipeline.TableRun;
import org.bookslakehouse.tables.Tables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, items 2 and 3, on gold tables written by hand (no streams): the change feed every gold
 * table keeps, also an existing one; {@code books changes} lists the net change per key since a
 * run; {@code --at-run} reads each table at the version pipeline_runs recorded when the run ended,
 * and refuses a table a reset created anew or whose files VACUUM removed; a history written before
 * the versions were recorded keeps working.
 */
class ChangesAtRunTest {
  private static SparkSession spark;

  @TempDir Path dir;

  @BeforeAll
  static void session() {
    spark = TestLake.spark();
  }

  private static LakeLayout layout(TestLake lake) {
    return LakeLayout.of(lake.settings());
  }

  private static void create(TestLake lake, String name) {
    LakeTable table = Tables.registry().table(name);
    LakeCatalog catalog = new LakeCatalog(spark, layout(lake));
    catalog.ensureDatabase();
    catalog.createIfMissing(name, table.schema(), table.properties());
  }

  private static void sql(TestLake lake, String table, String statement) {
    spark.sql(statement.replace("TABLE", "delta.`" + layout(lake).tablePath(table) + "`"));
  }

  private static long version(TestLake lake, String table) {
    return DeltaVersions.latest(
        spark.sparkContext().hadoopConfiguration(), layout(lake).tablePath(table));
  }

  /** Records a run that wrote these tables, as books run does when it ends. */
  private static void record(TestLake lake, String runId, String... tables) {
    List<Row> rows = new ArrayList<>();
    Instant now = Instant.now();
    for (String table : tables) {
      rows.add(
          RunHistory.row(
              runId,
              now,
              "run",
              new TableRun(
                  table, TableRun.Status.SUCCEEDED, 1, Map.of(), -1, -1, Duration.ZERO, ""),
              now,
              RunHistory.written(spark, layout(lake), Tables.registry().table(table))));
    }
    new RunHistory(spark, layout(lake)).append(rows);
  }

  private static Result books(TestLake lake, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--lake", lake.settings().lake(), "--database", lake.settings().database()));
    return InProcessCli.execute(all);
  }

  private static List<String> lines(List<Row> rows) {
    return rows.stream()
        .map(
            r ->
                String.join(
                    "|",
                    r.getString(1),
                    r.getString(2),
                    r.getString(3),
                    String.valueOf(r.getString(4)),
                    String.valueOf(r.getString(5))))
        .toList();
  }

  @Test
  void changesAreTheNetChangePerKeyBetweenTwoRuns() {
    TestLake lake = new TestLake(dir);
    String table = GoldPublisherYearStats.NAME;
    create(lake, table);
    sql(
        lake,
        table,
        "INSERT INTO TABLE VALUES ('Faber', 1990, 2), ('Penguin', 1990, 1), (NULL, NULL, 4),"
            + " ('Vintage', 2001, 1)");
    record(lake, "r1", table);
    long r1 = version(lake, table);
    sql(lake, table, "UPDATE TABLE SET books_count = 3 WHERE publisher = 'Faber'");
    sql(lake, table, "DELETE FROM TABLE WHERE publisher = 'Penguin'");
    sql(lake, table, "INSERT INTO TABLE VALUES ('Picador', 1995, 1)");
    // a key that changed and changed back is no net change
    sql(lake, table, "UPDATE TABLE SET books_count = 5 WHERE publisher IS NULL");
    sql(lake, table, "UPDATE TABLE SET books_count = 4 WHERE publisher IS NULL");
    record(lake, "r2", table);
    long r2 = version(lake, table);
    sql(lake, table, "UPDATE TABLE SET books_count = 2 WHERE publisher = 'Vintage'");

    List<Row> changes =
        new GoldChanges(spark, layout(lake))
            .between(new GoldPublisherYearStats(), r1, r2, "run r1", "run r2");
    assertThat(lines(changes))
        .containsExactly(
            "publisher=Faber, year=1990|changed|books_count|books_count=2|books_count=3",
            "publisher=Penguin, year=1990|removed|books_count|books_count=1|null",
            "publisher=Picador, year=1995|added|books_count|null|books_count=1");

    Result upToR2 =
        books(lake, "changes", table, "--since-run", "r1", "--at-run", "r2", "--format", "json");
    assertThat(upToR2.exitCode()).as(upToR2.err()).isZero();
    assertThat(upToR2.out()).contains("Picador").contains("Penguin").doesNotContain("Vintage");
    Result upToNow = books(lake, "changes", table, "--since-run", "r1", "--format", "csv");
    assertThat(upToNow.exitCode()).as(upToNow.err()).isZero();
    assertThat(upToNow.out().lines().toList())
        .hasSize(5)
        .first()
        .isEqualTo("table,key,change,columns,before,after");
    assertThat(upToNow.out()).contains("publisher=Vintage, year=2001");
    assertThat(upToNow.err()).contains(table + " v" + r1 + " -> v" + (r2 + 1) + ": 4 keys");

    // --since a day: from the table's last commit before that day began (UTC)
    Result tomorrow =
        books(
            lake,
            "changes",
            table,
            "--since",
            LocalDate.now(ZoneOffset.UTC).plusDays(1).toString());
    assertThat(tomorrow.exitCode()).as(tomorrow.err()).isZero();
    assertThat(tomorrow.err()).contains(table + " v" + (r2 + 1) + " -> v" + (r2 + 1) + ": 0 keys");
    Result today =
        books(lake, "changes", table, "--since", LocalDate.now(ZoneOffset.UTC).toString());
    assertThat(today.exitCode()).isEqualTo(BooksCommand.EXIT_FAILED);
    assertThat(today.err())
        .contains("history starts at version 0")
        .contains("the table was created then");

    Result unknown = books(lake, "changes", "--since-run", "nope");
    assertThat(unknown.exitCode()).isEqualTo(BooksCommand.EXIT_USAGE);
    assertThat(unknown.err()).contains("Run 'nope' is not in pipeline_runs");
  }

  @Test
  void theNamedQueryRatingMovesListsTheBooksWhoseAverageMovedSinceARun() {
    TestLake lake = new TestLake(dir);
    String table = GoldBookStats.NAME;
    create(lake, table);
    sql(
        lake,
        table,
        "INSERT INTO TABLE VALUES ('0000000019', 'A', 'X', 'P', 1990, 2, 6.0, 0),"
            + " ('0000000027', 'B', 'Y', 'P', 1990, 1, 8.0, 0),"
            + " ('0000000035', 'C', 'Z', 'P', 1990, 1, 5.0, 0)");
    sql(lake, table, "UPDATE TABLE SET avg_rating = 7.0 WHERE isbn = '0000000027'");
    long since = version(lake, table);
    sql(lake, table, "UPDATE TABLE SET avg_rating = 9.0 WHERE isbn = '0000000027'");
    sql(lake, table, "UPDATE TABLE SET avg_rating = 5.5 WHERE isbn = '0000000019'");
    sql(lake, table, "UPDATE TABLE SET avg_rating = 3.0 WHERE isbn = '0000000019'");
    sql(lake, table, "INSERT INTO TABLE VALUES ('0000000043', 'D', 'Z', 'P', 1990, 1, 2.0, 0)");
    Result moves =
        books(
            lake,
            "query",
            "rating_moves",
            "--queries",
            "../queries",
            "--param",
            "from_version=" + (since + 1),
            "--format",
            "csv");

    assertThat(moves.exitCode()).as(moves.err()).isZero();
    assertThat(moves.out().lines())
        .containsExactly(
            "isbn,title,author,avg_rating_before,avg_rating_after,moved,explicit_ratings_count",
            "0000000019,A,X,6.0,3.0,-3.0,2",
            "0000000027,B,Y,7.0,9.0,2.0,1");
  }

  @Test
  void atRunReadsEveryTableAsThatRunEndedAndRefusesWhatItCannotRead() throws IOException {
    TestLake lake = new TestLake(dir);
    String countries = GoldCountryStats.NAME;
    String ages = GoldAgeGroupStats.NAME;
    create(lake, countries);
    create(lake, ages);
    sql(lake, countries, "INSERT INTO TABLE VALUES ('france', 2, 3, 7.0)");
    sql(lake, ages, "INSERT INTO TABLE VALUES ('21-30', 5, 8, 6.5)");
    record(lake, "day-1", countries, ages);
    sql(lake, countries, "UPDATE TABLE SET readers_count = 3");
    // day 2's run wrote the countries only: the age groups are as day 1 left them
    record(lake, "day-2", countries);
    sql(lake, countries, "UPDATE TABLE SET readers_count = 4");
    sql(lake, ages, "UPDATE TABLE SET readers_count = 6");

    String query =
        "SELECT c.readers_count AS countries, a.readers_count AS ages"
            + " FROM gold_country_stats c CROSS JOIN gold_age_group_stats a";
    Result day2 = books(lake, "sql", "--at-run", "day-2", "--format", "csv", query);
    assertThat(day2.exitCode()).as(day2.err()).isZero();
    assertThat(day2.out().lines()).containsExactly("countries,ages", "3,5");
    Result now = books(lake, "sql", "--format", "csv", query);
    assertThat(now.out().lines()).containsExactly("countries,ages", "4,6");

    // VACUUM removed the files of the age groups' day-1 version
    sql(lake, ages, "DELETE FROM TABLE");
    spark.conf().set("spark.databricks.delta.retentionDurationCheck.enabled", "false");
    try {
      sql(lake, ages, "VACUUM TABLE RETAIN 0 HOURS");
    } finally {
      spark.conf().set("spark.databricks.delta.retentionDurationCheck.enabled", "true");
    }
    Result vacuumed = books(lake, "sql", "--at-run", "day-2", query);
    assertThat(vacuumed.exitCode()).isEqualTo(BooksCommand.EXIT_FAILED);
    assertThat(vacuumed.err())
        .contains("Cannot read gold_age_group_stats at version")
        .contains("VACUUM has removed")
        .contains("Fix:");

    // A reset created the countries anew: its version numbers now name other data.
    try (Stream<Path> files =
        Files.walk(Path.of(java.net.URI.create(layout(lake).tablePath(countries))))) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    create(lake, countries);
    sql(lake, countries, "INSERT INTO TABLE VALUES ('france', 9, 9, 9.0)");
    sql(lake, countries, "UPDATE TABLE SET readers_count = 8");
    assertThatThrownBy(
            () -> RunPoint.of(spark, layout(lake), "day-2").read(spark, layout(lake), countries))
        .isInstanceOf(RunPointException.class)
        .hasMessageContaining("gold_country_stats was created anew since run day-2")
        .hasMessageContaining("refused rather than read the wrong table");
    Result reset = books(lake, "sql", "--at-run", "day-2", "SELECT * FROM gold_country_stats");
    assertThat(reset.exitCode()).isEqualTo(BooksCommand.EXIT_FAILED);
    assertThat(reset.err()).contains("created anew since run day-2");
    Result changes = books(lake, "changes", countries, "--since-run", "day-1");
    assertThat(changes.exitCode()).isEqualTo(BooksCommand.EXIT_FAILED);
    assertThat(changes.err()).contains("created anew since run day-1");
  }

  @Test
  void aHistoryFromBeforeTheVersionsWereRecordedKeepsWorking() {
    TestLake lake = new TestLake(dir);
    String table = GoldCountryStats.NAME;
    create(lake, table);
    // pipeline_runs as an older books-lakehouse wrote it: without table_versions and table_ids
    StructType full = RunHistory.schema();
    StructType old =
        new StructType(
            Arrays.stream(full.fields())
                .filter(
                    f ->
                        !f.name().equals(RunHistory.TABLE_VERSIONS)
                            && !f.name().equals(RunHistory.TABLE_IDS))
                .toArray(StructField[]::new));
    Row row =
        RunHistory.row(
            "old",
            Instant.now(),
            "run",
            new TableRun(table, TableRun.Status.SUCCEEDED, 1, Map.of(), 0, 0, Duration.ZERO, ""),
            Instant.now());
    Object[] values = new Object[old.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = row.get(i);
    }
    spark
        .createDataFrame(List.of(RowFactory.create(values)), old)
        .write()
        .format("delta")
        .save(layout(lake).tablePath(RunHistory.TABLE));

    record(lake, "new", table);

    assertThatThrownBy(() -> RunPoint.of(spark, layout(lake), "old"))
        .isInstanceOf(RunPointException.class)
        .hasMessageContaining("recorded before books-lakehouse recorded each table's version");
    assertThat(RunPoint.of(spark, layout(lake), "new").table(table).version())
        .isEqualTo(version(lake, table));
  }

  @Test
  void aGoldTableBuiltWithoutTheChangeFeedGetsItOnItsNextRun() {
    TestLake lake = new TestLake(dir);
    LakeTable table = Tables.registry().table(GoldBookStats.NAME);
    LakeCatalog catalog = new LakeCatalog(spark, layout(lake));
    catalog.ensureDatabase();
    catalog.createIfMissing(
        table.name(), table.schema(), Map.of("delta.enableDeletionVectors", "true"));

    catalog.createIfMissing(table.name(), table.schema(), table.properties());

    Map<String, String> properties =
        spark
            .sql("DESCRIBE DETAIL delta.`" + layout(lake).tablePath(table.name()) + "`")
            .select("properties")
            .first()
            .getJavaMap(0);
    assertThat(properties).containsEntry("delta.enableChangeDataFeed", "true");
  }
}
