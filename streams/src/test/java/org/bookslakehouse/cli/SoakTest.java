package org.bookslakehouse.cli;

import static org.apache.spark.sql.functions.countDistinct;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.bookslakehouse.AgedLog;
import org.bookslakehouse.TestLake;
import org.bookslakehouse.bronze.BxSource;
import org.bookslakehouse.cli.InProcessCli.Result;
import org.bookslakehouse.config.Settings;
import org.bookslakehouse.lake.DeltaVersions;
import org.bookslakehouse.lake.LakeLayout;
import org.bookslakehouse.lake.TableProperties;
import org.bookslakehouse.pipeline.LakeTable;
import org.bookslakehouse.pipeline.RunHistory;
import org.bookslakehouse.pipeline.StreamSource;
import org.bookslakehouse.tables.Tables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13's soak: a lake lives through a dump and eight daily drops in one process, as an operator
 * runs it: {@code books generate} writes them, each day lands and {@code books run} runs, {@code
 * books maintain} runs every third day with its VACUUM retention squeezed to 0 (with the override),
 * so that removal happens within the test; on day 2 the tables lose the properties books sets (as a
 * lake built before them) and get them back from the run. Each day moves the logs' clock eight days
 * on (old modification times on {@code _delta_log} files), and Delta cleans them up, version 0
 * included, as on a lake months old; the streams go on from their checkpoints. On the last day
 * three gold tables fall behind what VACUUM kept, and the operator follows the error's advice. Then
 * every gold table equals its full recompute, every silver table has one row per key, live files
 * and bytes on disk are within the stated bounds, and status, reset + run and the run history tell
 * the truth.
 */
class SoakTest {
  /** Drops after the first dump; the last one is the day a gold table falls behind. */
  private static final int DROPS = 8;

  /** The day whose run is the first after an upgrade that adds table properties. */
  private static final int UPGRADE_DAY = 2;

  /**
   * The days of the log's clock per day of the test: from the fifth day on, Delta's log cleanup (30
   * days) finds a checkpoint old enough to clean up to.
   */
  private static final Duration LOG_DAY = Duration.ofDays(8);

  /** books maintain after the run of every third day (day 2 of days 0 to 4). */
  private static final int MAINTAIN_EVERY = 3;

  /** maintain's --min-files default: a table is compacted when this many files are small. */
  private static final int MIN_FILES = 10;

  /**
   * The bound on a silver or gold table's live files. After maintain a table has fewer than {@link
   * #MIN_FILES} (every file is small at this scale: fewer stay as they are, or all become one);
   * three days of MERGEs then add at most 2 files each per shuffle partition (2 in the tests). Ten
   * days without maintenance exceed it (silver_ratings: one file per partition per day at least).
   */
  private static final long MAX_LIVE_FILES = MIN_FILES - 1 + 3 * 2 * 2;

  /**
   * The bound on the tables' data on disk (every file under a table's folder but its log: data
   * files, deletion vectors, change data) as a multiple of their live data (DESCRIBE DETAIL). What
   * VACUUM leaves: on the last day, removed files of up to three days (since the last scheduled
   * maintain) and the last day's own. Without VACUUM it grows by every day's removed files and
   * change data.
   */
  private static final double MAX_DATA_PER_LIVE = 2.0;

  /**
   * The bound on the whole lake's bytes on disk (the tables' data and logs, log checkpoints, the
   * streams' checkpoints) as a multiple of its live data. Note: at this scale a table's fixed files
   * (a log entry per commit, a log checkpoint, a stream's offsets) weigh as much as its data; log
   * cleanup (30 days) keeps them bounded, the figure would fall at a larger scale.
   */
  private static final double MAX_DISK_PER_LIVE = 4.0;

  private static final List<String> FALLS_BEHIND =
      List.of("gold_reader_stats", "gold_country_stats", "gold_age_group_stats");

  private static final Pattern RUN_TIME = Pattern.compile("books run: (\\d+\\.\\d)s,");

  private static SparkSession spark;

  @TempDir Path dir;
  private TestLake lake;
  private Settings settings;
  private LakeLayout layout;
  private final List<String> figures = new ArrayList<>();

  @BeforeAll
  static void startSpark() {
    spark = TestLake.spark();
  }

  @Test
  void aLakeOfDailyDropsStaysCorrectBoundedAndOperableAsItsLogAges() throws IOException {
    lake = new TestLake(dir);
    settings = lake.settings();
    layout = LakeLayout.of(settings);
    Path drops = dir.resolve("generated");
    books(
            "generate",
            "--scale",
            "0.01",
            "--days",
            Integer.toString(DROPS),
            "--out",
            drops.toString())
        .succeeded();

    for (int day = 0; day < DROPS; day++) {
      land(drops.resolve("day-" + day));
      if (day == UPGRADE_DAY) {
        runAsTheFirstRunAfterAnUpgrade(day);
      } else {
        runDay(day);
      }
      if (day % MAINTAIN_EVERY == MAINTAIN_EVERY - 1) {
        maintainOnSchedule(day);
      }
      ageTheLogOneDay();
    }
    assertTheFirstLogFilesAreCleanedUp();
    land(drops.resolve("day-" + DROPS));
    fallBehindVacuumAndRecover();

    assertThat(books("verify").succeeded().out()).contains("books verify: 6 of 6 tables MATCH");
    assertSilverHasOneRowPerKey();
    assertStatusTellsTheTruth();
    assertHistory();
    assertBounded();
  }

  private void runDay(int day) {
    String out = books("run", "--progress", "plain").succeeded().out();
    Matcher time = RUN_TIME.matcher(out);
    figures.add(
        String.format(
            Locale.ROOT, "day %2d: books run %ss", day, time.find() ? time.group(1) : "?"));
  }

  /**
   * Tables of an existing lake get a property books sets (retention, checkpoint interval) on their
   * next run: every table of this lake, built by today's code, loses them (as a lake built before
   * they existed), and the day's run gives them back, to the run history and the side tables too.
   */
  private void runAsTheFirstRunAfterAnUpgrade(int day) {
    String properties =
        TableProperties.RETENTION.keySet().stream()
            .map(key -> "'" + key + "'")
            .collect(Collectors.joining(", "));
    for (Path table : deltaTables()) {
      spark.sql(
          "ALTER TABLE delta.`" + table + "` UNSET TBLPROPERTIES IF EXISTS (" + properties + ")");
    }
    assertThat(properties(deltaTables().get(0))).doesNotContainKeys(TableProperties.LOG_RETENTION);

    runDay(day);

    for (Path table : deltaTables()) {
      assertThat(properties(table))
          .as(table.getFileName().toString())
          .containsAllEntriesOf(TableProperties.RETENTION);
    }
  }

  private static Map<String, String> properties(Path table) {
    return DeltaTable.forPath(spark, table.toString())
        .detail()
        .select("properties")
        .first()
        .getJavaMap(0);
  }

  /** books maintain with the retention squeezed to 0. */
  private void maintainOnSchedule(int day) {
    long before = bytesOnDisk();
    books("maintain", "--retention", "0h", "--allow-short-retention").succeeded();
    figures.add(
        String.format(
            Locale.ROOT,
            "day %2d: books maintain: lake %d -> %d bytes on disk",
            day,
            before,
            bytesOnDisk()));
  }

  /**
   * Moves every table's log {@link #LOG_DAY} into the past and has Delta write a log checkpoint of
   * each, which cleans up the log files older than the log retention (30 days) up to the newest
   * checkpoint older than that, as Delta does on a lake run daily for months. Note: Delta writes a
   * checkpoint every 10 commits by itself; a few days give fewer, so the test asks for it through
   * {@code DeltaLog} (not a public API: tests only). The cleanup is Delta's own.
   */
  private void ageTheLogOneDay() {
    for (Path table : deltaTables()) {
      AgedLog.shift(table.toString(), LOG_DAY);
      DeltaLog log = DeltaLog.forTable(spark, table.toString());
      log.checkpoint(
          log.update(false, scala.Option.empty(), scala.Option.empty()), scala.Option.empty());
    }
  }

  /** Every table the pipeline writes daily, and the run history, lost version 0's log file. */
  private void assertTheFirstLogFilesAreCleanedUp() {
    List<String> daily = new ArrayList<>();
    Tables.registry().ordered().forEach(table -> daily.add(table.name()));
    daily.add(RunHistory.TABLE);
    for (String table : daily) {
      assertThat(AgedLog.hasFirstCommit(layout.tablePath(table)))
          .as(table + " still has version 0's log file")
          .isFalse();
    }
  }

  /**
   * The last day, silver_users runs and is maintained (compacted, VACUUMed at 0) before the gold
   * tables that read it have read its new version: their stream's position is older than what
   * VACUUM kept. The run fails them with what happened and the fix, which the operator follows.
   */
  private void fallBehindVacuumAndRecover() {
    books("run", "--progress", "plain", "bronze_users", "silver_users").succeeded();
    books(
            "maintain",
            "silver_users",
            "--retention",
            "0h",
            "--allow-short-retention",
            "--min-files",
            "2")
        .succeeded();

    Result behind = books("run", "--progress", "plain");

    assertThat(behind.exitCode()).as(behind.out() + behind.err()).isEqualTo(1);
    for (String table : FALLS_BEHIND) {
      assertThat(behind.out())
          .contains(table)
          .contains("older than what the lake still keeps")
          .contains("books reset " + table + " --downstream");
    }
    assertThat(behind.out()).doesNotContain("\tat org.apache");
    for (String table : FALLS_BEHIND) {
      books("reset", table, "--downstream").succeeded();
    }
    runDay(DROPS);
  }

  private void assertSilverHasOneRowPerKey() {
    Map<String, String> keys =
        Map.of(
            "silver_books", "isbn",
            "silver_users", "user_id",
            "silver_ratings", "user_id, isbn",
            "silver_ratings_deletions", "user_id, isbn");
    keys.forEach(
        (table, key) -> {
          var rows = spark.read().format("delta").load(layout.tablePath(table));
          assertThat(rows.count()).as(table).isPositive();
          assertThat(rows.selectExpr(key.split(", ")).distinct().count())
              .as(table + ": one row per " + key)
              .isEqualTo(rows.count());
        });
  }

  /**
   * books status after the last run: per table its version and rows, and where its stream stands,
   * equal to what the lake holds: every landed file read, every upstream read up to its latest
   * version, nothing waiting (the upstreams' version 0 is long gone from their logs).
   */
  private void assertStatusTellsTheTruth() throws IOException {
    JsonNode status =
        new ObjectMapper().readTree(books("status", "--format", "json").succeeded().out().strip());
    Map<String, JsonNode> byTable = new TreeMap<>();
    status.forEach(row -> byTable.put(row.path("table").asText(), row));
    var hadoop = spark.sparkContext().hadoopConfiguration();
    for (LakeTable table : Tables.registry().ordered()) {
      JsonNode row = byTable.get(table.name());
      String path = layout.tablePath(table.name());
      assertThat(row.path("version").asLong()).isEqualTo(DeltaVersions.latest(hadoop, path));
      assertThat(row.path("rows").asLong())
          .isEqualTo(spark.read().format("delta").load(path).count());
      assertThat(row.path("state").asText()).as(table.name()).isIn("SUCCEEDED", "SKIPPED");
      String checkpoint = row.path("checkpoint").asText();
      if (table.source() instanceof StreamSource.LandingFiles files) {
        assertThat(row.path("waiting").asText()).isEqualTo("0 files");
        assertThat(checkpoint)
            .as(table.name())
            .endsWith(" " + landed(files.folder()) + " files read");
      } else {
        assertThat(row.path("waiting").asText()).as(table.name()).isEqualTo("0 upstream versions");
        for (String upstream : table.upstreams()) {
          assertThat(checkpoint)
              .as(table.name())
              .startsWith("batch ")
              .contains(
                  upstream + " up to v" + DeltaVersions.latest(hadoop, layout.tablePath(upstream)));
        }
      }
    }
  }

  private long landed(String folder) {
    try (Stream<Path> files = Files.list(lake.landing(folder))) {
      return files.count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The run history after its own log was cleaned up: every run and maintenance recorded, the
   * failed tasks with the error's advice, and every table's last run a success.
   */
  private void assertHistory() {
    var history = spark.read().format("delta").load(layout.tablePath(RunHistory.TABLE)).cache();
    try {
      Map<String, Long> runs = new TreeMap<>();
      for (Row row : history.groupBy("command").agg(countDistinct("run_id")).collectAsList()) {
        runs.put(row.getString(0), row.getLong(1));
      }
      // A run a day, the last day's three (silver_users alone, the one that fails, the one after
      // the resets); maintenance every third day and once on the last day.
      assertThat(runs)
          .containsEntry("run", (long) DROPS + 3)
          .containsEntry("maintain", (long) DROPS / MAINTAIN_EVERY + 1);
      List<String> failed =
          history.where("status = 'FAILED'").select("task", "error").collectAsList().stream()
              .map(row -> row.getString(0) + ": " + row.getString(1))
              .sorted()
              .toList();
      assertThat(failed).hasSize(FALLS_BEHIND.size());
      for (int i = 0; i < failed.size(); i++) {
        assertThat(failed.get(i))
            .startsWith(FALLS_BEHIND.stream().sorted().toList().get(i) + ": ")
            .contains("books reset");
      }
      // Scheduled maintenance keeps the run history too (it gains a file every run).
      assertThat(
              history
                  .where("task = 'maintain:" + RunHistory.TABLE + "' AND status = 'SUCCEEDED'")
                  .count())
          .isEqualTo(DROPS / MAINTAIN_EVERY);
      // Removal really happened: maintenance compacted files and VACUUM deleted bytes.
      Row removed =
          history
              .where("command = 'maintain'")
              .selectExpr("sum(counts['compacted_files'])", "sum(counts['bytes_removed'])")
              .first();
      assertThat(removed.getLong(0)).isPositive();
      assertThat(removed.getLong(1)).isPositive();
      // After maintenance no table keeps MIN_FILES small files; before it, none has more than
      // the bound.
      for (Row row :
          history
              .where("command = 'maintain' AND status = 'SUCCEEDED'")
              .selectExpr("task", "counts['files_before']", "counts['files_after']")
              .collectAsList()) {
        assertThat(row.getLong(1)).as(row.getString(0)).isLessThanOrEqualTo(MAX_LIVE_FILES);
        assertThat(row.getLong(2)).as(row.getString(0)).isLessThan(MIN_FILES);
      }
    } finally {
      history.unpersist();
    }
  }

  /** Live files per table and the lake's bytes on disk against its live data, as stated above. */
  private void assertBounded() {
    long live = 0;
    long data = 0;
    Map<String, Long> files = new TreeMap<>();
    for (Path table : deltaTables()) {
      Row detail =
          DeltaTable.forPath(spark, table.toString())
              .detail()
              .select("numFiles", "sizeInBytes")
              .first();
      String name = table.getFileName().toString();
      long tableData = bytesOnDisk(table, file -> !file.getParent().endsWith("_delta_log"));
      figures.add(
          String.format(
              Locale.ROOT,
              "%-28s %3d live files, %8d live bytes, %8d data bytes on disk",
              name,
              detail.getLong(0),
              detail.getLong(1),
              tableData));
      live += detail.getLong(1);
      data += tableData;
      if (!name.startsWith("bronze_")) {
        files.put(name, detail.getLong(0));
      }
    }
    long disk = bytesOnDisk(databaseFolder(), file -> true);
    figures.add(
        String.format(
            Locale.ROOT,
            "lake: %d bytes of live data, %d of data on disk (%.2fx), %d on disk in all (%.2fx)",
            live,
            data,
            data / (double) live,
            disk,
            disk / (double) live));
    System.out.println(String.join(System.lineSeparator(), figures));
    assertThat(files)
        .allSatisfy(
            (name, count) -> assertThat(count).as(name).isLessThanOrEqualTo(MAX_LIVE_FILES));
    assertThat(data).isLessThanOrEqualTo((long) (MAX_DATA_PER_LIVE * live));
    assertThat(disk).isLessThanOrEqualTo((long) (MAX_DISK_PER_LIVE * live));
  }

  /** Lands a generated day's files, each later than the ones before. */
  private void land(Path day) throws IOException {
    for (BxSource source : BxSource.values()) {
      Path folder = day.resolve(source.folder());
      if (!Files.isDirectory(folder)) {
        continue;
      }
      try (Stream<Path> files = Files.list(folder)) {
        for (Path file : files.sorted().toList()) {
          lake.land(source.folder(), file.getFileName().toString(), Files.readAllBytes(file));
        }
      }
    }
  }

  private Path databaseFolder() {
    return Path.of(URI.create(layout.databaseRoot()));
  }

  /** Every Delta table of the lake: the pipeline's, their side tables, the run history. */
  private List<Path> deltaTables() {
    try (Stream<Path> tables = Files.list(databaseFolder().resolve("tables"))) {
      return tables.filter(t -> Files.isDirectory(t.resolve("_delta_log"))).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private long bytesOnDisk() {
    return bytesOnDisk(databaseFolder(), file -> true);
  }

  private static long bytesOnDisk(Path folder, Predicate<Path> counted) {
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(Files::isRegularFile).filter(counted).mapToLong(SoakTest::size).sum();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs a books command in this process (the test's Spark session) against the test's lake. */
  private Result books(String command, String... args) {
    List<String> all = new ArrayList<>(List.of(command));
    all.addAll(Arrays.asList(args));
    if (!command.equals("generate")) {
      all.addAll(
          List.of(
              "--landing",
              settings.landing(),
              "--lake",
              settings.lake(),
              "--database",
              settings.database()));
    }
    return InProcessCli.execute(all);
  }
}
