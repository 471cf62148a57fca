package org.bookslakehouse.gold;

import static org.assertj.core.api.Assertions.assertThat;

import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.bookslakehouse.TestLake;
import org.bookslakehouse.cli.BooksCommand;
import org.bookslakehouse.lake.LakeLayout;
import org.bookslakehouse.pipeline.LakeTable;
import org.bookslakehouse.pipeline.StreamRunner;
import org.bookslakehouse.pipeline.TableRun;
import org.bookslakehouse.tables.Tables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gold columns carry their meaning as column comments (what {@code DESCRIBE} and the shell's {@code
 * \d} show), worded as docs/analysts.md words it; a lake built without them gets them on its next
 * run, and a run or a rebuild that changes nothing commits nothing for them.
 */
class GoldCommentsTest {
  private static final Pattern HEADING = Pattern.compile("^#{2,3} (.*)$");
  private static final Pattern NAME = Pattern.compile("`([^`]+)`");
  private static SparkSession spark;

  @TempDir Path dir;

  @BeforeAll
  static void startSpark() {
    spark = TestLake.spark();
  }

  private static void landDay(TestLake lake) throws IOException {
    lake.land(
        "books",
        "BX-Books.csv",
        "\"ISBN\";\"Book-Title\";\"Book-Author\";\"Year-Of-Publication\";\"Publisher\";"
            + "\"Image-URL-S\";\"Image-URL-M\";\"Image-URL-L\"\r\n"
            + "\"0195153448\";\"Classical Mythology\";\"Mark P. O. Morford\";\"2002\";"
            + "\"Oxford University Press\";\"s\";\"m\";\"l\"\r\n");
    lake.land(
        "users",
        "BX-Users.csv",
        "\"User-ID\";\"Location\";\"Age\"\r\n\"1\";\"stockton, california, usa\";\"18\"\r\n");
    lake.land(
        "ratings",
        "BX-Book-Ratings.csv",
        "\"User-ID\";\"ISBN\";\"Book-Rating\"\r\n\"1\";\"0195153448\";\"7\"\r\n");
  }

  private static void runAll(TestLake lake) {
    StreamRunner runner = new StreamRunner(spark, lake.settings());
    for (LakeTable table : Tables.registry().ordered()) {
      TableRun run = runner.run(table);
      assertThat(run.succeeded()).as(run.table() + ": " + run.message()).isTrue();
    }
  }

  /** Column name to comment, as {@code DESCRIBE} shows them through the catalog. */
  private static Map<String, String> described(TestLake lake, String table) {
    Map<String, String> comments = new LinkedHashMap<>();
    for (Row row :
        spark.sql("DESCRIBE " + lake.settings().database() + "." + table).collectAsList()) {
      if (row.getString(0).isBlank() || row.getString(0).startsWith("#")) {
        break;
      }
      comments.put(row.getString(0), row.getString(2));
    }
    return comments;
  }

  private static Map<String, Long> goldVersions(TestLake lake) {
    Map<String, Long> versions = new TreeMap<>();
    for (GoldTable gold : GoldTables.all()) {
      versions.put(gold.name(), version(lake, gold.name()));
    }
    return versions;
  }

  private static long version(TestLake lake, String table) {
    return DeltaTable.forPath(spark, LakeLayout.of(lake.settings()).tablePath(table))
        .history(1)
        .first()
        .getLong(0);
  }

  @Test
  void everyGoldColumnIsDescribedAndANothingNewRunOrARebuildKeepsThemWithoutACommit()
      throws IOException {
    TestLake lake = new TestLake(dir);
    landDay(lake);
    runAll(lake);

    for (GoldTable gold : GoldTables.all()) {
      Map<String, String> comments = described(lake, gold.name());
      assertThat(comments.keySet()).containsExactly(gold.schema().fieldNames());
      assertThat(comments).as(gold.name()).allSatisfy((c, text) -> assertThat(text).isNotBlank());
    }
    Map<String, Long> versions = goldVersions(lake);

    runAll(lake);
    assertThat(goldVersions(lake)).as("a run with nothing new").isEqualTo(versions);

    int code =
        BooksCommand.execute(
            "rebuild",
            GoldBookStats.NAME,
            "--lake",
            lake.settings().lake(),
            "--landing",
            lake.settings().landing(),
            "--database",
            lake.settings().database());
    assertThat(code).isZero();
    assertThat(described(lake, GoldBookStats.NAME))
        .isEqualTo(commentsOf(new GoldBookStats().schema()));
  }

  @Test
  void aGoldTableBuiltWithoutCommentsGetsThemOnItsNextRunOnce() {
    TestLake lake = new TestLake(dir);
    GoldTable gold = new GoldAuthorStats();
    String path = LakeLayout.of(lake.settings()).tablePath(gold.name());
    // A lake built before gold columns had comments.
    StructType bare = new StructType();
    for (StructField field : gold.schema().fields()) {
      bare = bare.add(field.name(), field.dataType(), field.nullable());
    }
    spark.createDataFrame(List.<Row>of(), bare).write().format("delta").save(path);
    long before = version(lake, gold.name());

    StreamRunner runner = new StreamRunner(spark, lake.settings());
    runner.ensureTable(gold);
    assertThat(described(lake, gold.name()))
        .isEqualTo(commentsOf(gold.schema()))
        .doesNotContainValue(null);
    long after = version(lake, gold.name());
    assertThat(after).isGreaterThan(before);

    runner.ensureTable(new GoldAuthorStats());
    assertThat(version(lake, gold.name())).isEqualTo(after);
  }

  @Test
  void theCommentsAreTheMeaningsDocsAnalystsMdGives() throws IOException {
    Map<String, Map<String, String>> documented = documentedMeanings();
    for (GoldTable gold : GoldTables.all()) {
      Map<String, String> expected = new LinkedHashMap<>();
      for (String column : gold.schema().fieldNames()) {
        expected.put(column, documented.getOrDefault(gold.name(), Map.of()).get(column));
      }
      assertThat(commentsOf(gold.schema())).as(gold.name()).isEqualTo(expected);
    }
  }

  private static Map<String, String> commentsOf(StructType schema) {
    Map<String, String> comments = new LinkedHashMap<>();
    for (StructField field : schema.fields()) {
      comments.put(field.name(), field.getComment().isDefined() ? field.getComment().get() : null);
    }
    return comments;
  }

  /**
   * Table to column to meaning, from the column tables of docs/analysts.md: a section whose heading
   * names tables (in backticks) describes their columns; a row names its columns in backticks in
   * its first cell and gives their meaning in its last, backticks dropped.
   */
  @SuppressWarnings("StringSplitter") // String.split drops the empty cell after a row's last |
  private static Map<String, Map<String, String>> documentedMeanings() throws IOException {
    Path doc = Path.of("..", "docs", "analysts.md");
    Map<String, Map<String, String>> meanings = new TreeMap<>();
    List<String> tables = new ArrayList<>();
    for (String line : Files.readAllLines(doc, StandardCharsets.UTF_8)) {
      Matcher heading = HEADING.matcher(line);
      if (heading.matches()) {
        tables = names(heading.group(1));
        continue;
      }
      if (!line.startsWith("| `")) {
        continue;
      }
      String[] cells = line.split("\\|");
      String meaning = cells[cells.length - 1].strip().replace("`", "");
      for (String table : tables) {
        for (String column : names(cells[1])) {
          meanings.computeIfAbsent(table, t -> new TreeMap<>()).put(column, meaning);
        }
      }
    }
    return meanings;
  }

  private static List<String> names(String text) {
    List<String> names = new ArrayList<>();
    Matcher matcher = NAME.matcher(text);
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
    return names;
  }
}
