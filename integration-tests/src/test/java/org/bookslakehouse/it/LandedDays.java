package org.bookslakehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The days a scenario landed on a lake, and the check that the lake is what the {@link Oracle}
 * computes from them: every gold table row for row, silver one row per key, bronze every landed
 * record once, the quarantines every rejected (file, line) once.
 */
final class LandedDays {
  private final LakeLocation lake;
  private final int asOfYear;
  private final List<Oracle.Drop> landed = new ArrayList<>();

  LandedDays(LakeLocation lake, int asOfYear) {
    this.lake = lake;
    this.asOfYear = asOfYear;
  }

  /** Lands a drop of the project ({@code samples/...}) with this modification time. */
  void land(String drop, String landedAt) throws Exception {
    Path folder = BooksProcess.ROOT.resolve(drop);
    lake.land(folder, Instant.parse(landedAt));
    landed.add(new Oracle.Drop(folder, Instant.parse(landedAt)));
  }

  /** What the oracle computes from the first {@code count} days landed. */
  Oracle oracle(int count) throws IOException {
    return Oracle.of(landed.subList(0, count), asOfYear);
  }

  @SuppressWarnings("StringSplitter") // two counts joined by |
  void assertLakeAsTheOracleSays(LakeReader reader) throws Exception {
    Oracle oracle = Oracle.of(landed, asOfYear);
    Map<String, List<String>> actual = LakeLines.byTable(reader.rows(LakeLines.statement()));

    oracle
        .gold()
        .forEach(
            (table, expected) ->
                assertThat(actual.getOrDefault(table, List.of()))
                    .as("%s after %d days", table, landed.size())
                    .containsExactlyInAnyOrderElementsOf(expected));
    // Silver: one row per key, as many keys as the oracle has; quarantines: each (file, line) once.
    assertThat(actual.get("silver_books")).containsExactly(twice(oracle.books.size()));
    assertThat(actual.get("silver_users")).containsExactly(twice(oracle.users.size()));
    assertThat(actual.get("silver_ratings")).containsExactly(twice(oracle.ratings.size()));
    for (String quarantine :
        List.of(
            "silver_books_quarantine", "silver_users_quarantine", "silver_ratings_quarantine")) {
      String[] counts = actual.get(quarantine).get(0).split("\\|");
      assertThat(counts[1]).as(quarantine + " (file, line) once").isEqualTo(counts[0]);
    }
    // Bronze: every landed record once, none lost.
    LakeLines.BRONZE_SOURCES.forEach(
        (table, source) ->
            assertThat(actual.get(table))
                .as(table)
                .containsExactly(twice(oracle.bronzeRows.getOrDefault(source, 0L))));
  }

  private static String twice(long n) {
    return n + "|" + n;
  }
}
