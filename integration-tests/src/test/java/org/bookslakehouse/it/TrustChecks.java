package org.bookslakehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.bookslakehouse.gold.GoldTables;
import org.bookslakehouse.tables.Tables;

/**
 * Issue 15's "Done when" on the scenario's lake after its three days (and its Operations): {@code
 * books verify} says MATCH for every gold table; {@code books changes --since-run} of day 2's run
 * lists the gold keys whose values differ between the {@link Oracle}'s day-2 and day-3 results;
 * {@code books sql --at-run} of day 2's run gives what the same statement gave on day 2; and, last
 * (it damages gold), verify exits 1 for a gold row changed by hand. Four {@code books} processes.
 */
final class TrustChecks {
  /** Day 2's result, read in the test's JVM then, and again with --at-run after day 3. */
  static final String STATEMENT = "SELECT * FROM (" + LakeLines.fingerprint() + ") ORDER BY t";

  /**
   * Per gold table, its key columns: the first of the oracle's columns (two for publisher-year).
   */
  private static final Map<String, Integer> KEY_COLUMNS =
      Map.of(
          "gold_book_stats", 1,
          "gold_author_stats", 1,
          "gold_reader_stats", 1,
          "gold_publisher_year_stats", 2,
          "gold_country_stats", 1,
          "gold_age_group_stats", 1);

  private final Path work;
  private final LakeLocation lake;
  private final LakeReader reader;
  private final LandedDays days;
  private final List<String> day2;

  /**
   * @param day2 the lines of {@link #STATEMENT} on day 2, after its run
   */
  TrustChecks(Path work, LakeLocation lake, LakeReader reader, LandedDays days, List<String> day2) {
    this.work = work;
    this.lake = lake;
    this.reader = reader;
    this.days = days;
    this.day2 = day2;
  }

  void check() throws Exception {
    List<String> runs =
        reader.lines(
            "SELECT run_id FROM pipeline_runs WHERE command = 'run' GROUP BY run_id"
                + " ORDER BY min(run_started_at)");
    String day2Run = runs.get(1);
    assertThat(
            reader.lines(
                "SELECT count(DISTINCT t) FROM (SELECT explode(map_keys(table_versions)) AS t"
                    + " FROM pipeline_runs WHERE run_id = '"
                    + day2Run
                    + "')"))
        .as("day 2's run recorded the version of every table")
        .containsExactly(String.valueOf(Tables.registry().allTableNames().size()));

    verifyMatches();
    changesSinceDay2(day2Run);
    atDay2(day2Run);
    verifyFindsADamagedRow();
  }

  private void verifyMatches() throws Exception {
    BooksProcess.Result clean = command("verify");
    assertThat(clean.exitCode()).as(clean.out() + clean.err()).isZero();
    GoldTables.all()
        .forEach(
            table -> assertThat(clean.out()).containsPattern("(?m)^" + table.name() + " +MATCH "));
  }

  /**
   * The keys {@code books changes} lists are those whose oracle line differs between day 2 and day
   * 3, plus keys whose changed columns are all ones the oracle does not compute (a book's title, a
   * reader's age): over the oracle's columns the two sets are equal.
   */
  private void changesSinceDay2(String day2Run) throws Exception {
    BooksProcess.Result changes = command("changes", "--since-run", day2Run, "--format", "json");
    assertThat(changes.exitCode()).as(changes.out() + changes.err()).isZero();
    JsonNode rows = new ObjectMapper().readTree(changes.out());
    Set<String> listed = new TreeSet<>();
    Set<String> listedInOracleColumns = new TreeSet<>();
    for (JsonNode row : rows) {
      String key = row.path("table").asText() + " " + row.path("key").asText();
      listed.add(key);
      List<String> columns = List.of(row.path("columns").asText().split(", "));
      List<String> oracleColumns = oracleColumns(row.path("table").asText());
      if (!row.path("change").asText().equals("changed")
          || columns.stream().anyMatch(oracleColumns::contains)) {
        listedInOracleColumns.add(key);
      }
    }
    Set<String> differ = differingKeys(days.oracle(2).gold(), days.oracle(3).gold());
    assertThat(differ).as("the oracle's day 2 and day 3 differ").isNotEmpty();
    assertThat(listedInOracleColumns).isEqualTo(differ);
    assertThat(listed).containsAll(differ);
  }

  private void atDay2(String day2Run) throws Exception {
    BooksProcess.Result then = command("sql", "--at-run", day2Run, "--format", "csv", STATEMENT);
    assertThat(then.exitCode()).as(then.out() + then.err()).isZero();
    List<String> lines = then.out().lines().toList();
    assertThat(lines.get(0)).isEqualTo("t,n,h");
    assertThat(lines.subList(1, lines.size())).isEqualTo(day2);
    assertThat(reader.lines(STATEMENT)).as("the lake has changed since day 2").isNotEqualTo(day2);
  }

  private void verifyFindsADamagedRow() throws Exception {
    String isbn =
        reader
            .lines("SELECT min(isbn) FROM gold_book_stats WHERE explicit_ratings_count > 0")
            .get(0);
    List<String> damage =
        reader.lines(
            "UPDATE delta.`"
                + reader.path("gold_book_stats")
                + "` SET explicit_ratings_count = explicit_ratings_count + 1"
                + " WHERE isbn = '"
                + isbn
                + "'");
    assertThat(damage).as("rows the UPDATE changed").containsExactly("1");
    BooksProcess.Result damaged = command("verify");
    assertThat(damaged.exitCode()).as(damaged.out() + damaged.err()).isEqualTo(1);
    assertThat(damaged.out())
        .containsPattern("(?m)^gold_book_stats +DIFFERS .*missing 0, extra 0, differing 1")
        .contains("differing isbn=" + isbn + ": explicit_ratings_count ")
        .containsPattern("(?m)^gold_author_stats +MATCH ");
  }

  /** The columns the oracle computes for a gold table, by name. */
  private static List<String> oracleColumns(String table) {
    return LakeLines.GOLD_COLUMNS.get(table).stream()
        .map(c -> c.replaceAll("^CAST\\(CAST\\((\\w+) .*", "$1"))
        .toList();
  }

  /** "table key" of every key whose oracle line differs, is new or is gone. */
  private static Set<String> differingKeys(
      Map<String, List<String>> before, Map<String, List<String>> after) {
    Set<String> differ = new TreeSet<>();
    for (String table : after.keySet()) {
      Map<String, String> was = byKey(table, before.get(table));
      Map<String, String> is = byKey(table, after.get(table));
      Set<String> keys = new TreeSet<>(was.keySet());
      keys.addAll(is.keySet());
      for (String key : keys) {
        if (!java.util.Objects.equals(was.get(key), is.get(key))) {
          differ.add(table + " " + key);
        }
      }
    }
    return differ;
  }

  /** An oracle table's lines by key, the key written as books changes writes it. */
  private static Map<String, String> byKey(String table, List<String> lines) {
    List<String> names = oracleColumns(table);
    int keys = KEY_COLUMNS.get(table);
    Map<String, String> byKey = new TreeMap<>();
    for (String line : lines) {
      String[] values = line.split("\\|", -1);
      List<String> parts = new ArrayList<>();
      for (int i = 0; i < keys; i++) {
        parts.add(names.get(i) + "=" + values[i]);
      }
      byKey.put(String.join(", ", parts), line);
    }
    return byKey;
  }

  private BooksProcess.Result command(String... command) throws Exception {
    List<String> args = new ArrayList<>(List.of(command));
    args.addAll(List.of("--lake", lake.lake()));
    return BooksProcess.runWithEnv(work, lake.environment(), args.toArray(String[]::new));
  }
}
