package org.bookslakehouse.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.bookslakehouse.bronze.BxRecord;
import org.bookslakehouse.bronze.BxRecordReader;
import org.bookslakehouse.bronze.BxSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A small dump (scale 0.02, two days), read back with the bronze parser. */
class GenerateDumpTest {
  @TempDir static Path dir;
  static Path out;

  @BeforeAll
  static void generate() throws IOException {
    out = dir.resolve("a");
    Generator generator = new Generator(new Generator.Options(0.02, 2, 7, 0.01, false, 0, 0));
    generator.writeManifest(out, generator.write(out));
  }

  static List<BxRecord> read(BxSource source, Path file) throws IOException {
    List<BxRecord> records = new ArrayList<>();
    var stream = Files.newInputStream(file);
    try (Reader text =
            new InputStreamReader(
                file.toString().endsWith(".gz") ? new GZIPInputStream(stream) : stream,
                StandardCharsets.ISO_8859_1);
        BxRecordReader reader = new BxRecordReader(source, text, file.toString())) {
      assertThat(reader.headerProblem()).isNull();
      reader.forEachRemaining(records::add);
    }
    return records;
  }

  static Path only(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      List<Path> list = files.toList();
      assertThat(list).hasSize(1);
      return list.get(0);
    }
  }

  static Map<String, List<String>> byKey(List<BxRecord> records, int... keyColumns) {
    Map<String, List<String>> map = new HashMap<>();
    for (BxRecord record : records) {
      StringBuilder key = new StringBuilder();
      for (int column : keyColumns) {
        key.append(record.values().get(column)).append('|');
      }
      assertThat(map.put(key.toString(), record.values())).as("repeated key %s", key).isNull();
    }
    return map;
  }

  @Test
  void dumpHasTheScaledSizesAndTheDialect() throws IOException {
    Path day0 = out.resolve("day-0");
    List<BxRecord> books = read(BxSource.BOOKS, only(day0.resolve("books")));
    List<BxRecord> users = read(BxSource.USERS, only(day0.resolve("users")));
    List<BxRecord> ratings = read(BxSource.RATINGS, only(day0.resolve("ratings")));
    assertThat(books).hasSize((int) Math.round(271_379 * 0.02));
    assertThat(users).hasSize((int) Math.round(278_858 * 0.02));
    assertThat(ratings).hasSize((int) Math.round(1_149_780 * 0.02));
    // No row is lost to the parser; only round(3 * 0.02) = 0 shifted rows at this scale.
    assertThat(books).noneMatch(BxRecord::rescued);
    assertThat(users).noneMatch(BxRecord::rescued);
    assertThat(ratings).noneMatch(BxRecord::rescued);
    byKey(ratings, 0, 1);
    byKey(users, 0);
    byKey(books, 0);
    String head = Files.readString(only(day0.resolve("users")), StandardCharsets.ISO_8859_1);
    assertThat(head).startsWith("\"User-ID\";\"Location\";\"Age\"\r\n\"1\";\"");
  }

  @Test
  void quirkMixIsTheRealOne() throws IOException {
    Path day0 = out.resolve("day-0");
    List<BxRecord> users = read(BxSource.USERS, only(day0.resolve("users")));
    List<BxRecord> ratings = read(BxSource.RATINGS, only(day0.resolve("ratings")));
    double nullAge = users.stream().filter(r -> r.values().get(2) == null).count();
    assertThat(nullAge / users.size()).isBetween(0.37, 0.43);
    double zeros = ratings.stream().filter(r -> r.values().get(2).equals("0")).count();
    assertThat(zeros / ratings.size()).isBetween(0.59, 0.65);
    List<BxRecord> books = read(BxSource.BOOKS, only(day0.resolve("books")));
    java.util.Set<String> known = new java.util.HashSet<>();
    books.forEach(b -> known.add(b.values().get(0)));
    double unknown = ratings.stream().filter(r -> !known.contains(r.values().get(1))).count();
    assertThat(unknown / ratings.size()).isBetween(0.08, 0.14);
    double amp = books.stream().filter(b -> String.join(";", b.values()).contains("&amp;")).count();
    assertThat(amp / books.size()).isBetween(0.03, 0.06);
  }

  @Test
  void dropsChangeWhatTheySay() throws IOException {
    Path day0 = out.resolve("day-0");
    Map<String, List<String>> ratings =
        byKey(read(BxSource.RATINGS, only(day0.resolve("ratings"))), 0, 1);
    Map<String, List<String>> users = byKey(read(BxSource.USERS, only(day0.resolve("users"))), 0);
    Map<String, List<String>> books = byKey(read(BxSource.BOOKS, only(day0.resolve("books"))), 0);
    Path day1 = out.resolve("day-1");
    int changed = 0;
    int added = 0;
    for (BxRecord r : read(BxSource.RATINGS, only(day1.resolve("ratings")))) {
      List<String> old = ratings.get(r.values().get(0) + "|" + r.values().get(1) + "|");
      if (old == null) {
        added++;
      } else {
        assertThat(old.get(2)).isNotEqualTo(r.values().get(2));
        changed++;
      }
    }
    assertThat(changed).isBetween(90, 120); // 45% of 1% of 22,996
    assertThat(added).isBetween(80, 100);
    List<BxRecord> deleted = read(BxSource.RATINGS_DELETED, only(day1.resolve("ratings-deleted")));
    assertThat(deleted).hasSizeBetween(30, 40);
    for (BxRecord r : deleted) {
      assertThat(ratings).containsKey(r.values().get(0) + "|" + r.values().get(1) + "|");
    }
    int moved = 0;
    for (BxRecord r : read(BxSource.USERS, only(day1.resolve("users")))) {
      List<String> old = users.get(r.values().get(0) + "|");
      if (old == null) {
        assertThat(Long.parseLong(r.values().get(0))).isGreaterThan(users.size());
      } else {
        assertThat(r.values().get(1)).isNotEqualTo(old.get(1));
        assertThat(r.values().get(2)).isEqualTo(old.get(2));
        moved++;
      }
    }
    assertThat(moved).isGreaterThan(0);
    int fixes = 0;
    for (BxRecord r : read(BxSource.BOOKS, only(day1.resolve("books")))) {
      List<String> old = books.get(r.values().get(0) + "|");
      if (old != null) {
        assertThat(r.values().get(2)).isNotEqualTo(old.get(2));
        assertThat(r.values().get(1)).isEqualTo(old.get(1));
        fixes++;
      }
    }
    assertThat(fixes).isGreaterThan(0);
    assertThat(out.resolve("day-1.changes.txt")).exists();
    assertThat(Files.readString(out.resolve("MANIFEST.txt"))).contains("day 2:");
  }

  @Test
  void sameSeedSameBytesOtherSeedOtherBytes() throws IOException {
    Path again = dir.resolve("b");
    new Generator(new Generator.Options(0.02, 2, 7, 0.01, false, 0, 0)).write(again);
    Path later = dir.resolve("later");
    new Generator(new Generator.Options(0.02, 2, 7, 0.01, false, 2, 0)).write(later);
    assertThat(later.resolve("day-0")).doesNotExist();
    assertThat(later.resolve("day-1")).doesNotExist();
    assertThat(
            Files.mismatch(
                out.resolve("day-2/ratings/BX-Book-Ratings.day-002.csv"),
                later.resolve("day-2/ratings/BX-Book-Ratings.day-002.csv")))
        .isEqualTo(-1);
    Path other = dir.resolve("c");
    new Generator(new Generator.Options(0.02, 0, 8, 0.01, false, 0, 0)).write(other);
    for (String file :
        List.of(
            "day-0/books/BX-Books.csv",
            "day-0/users/BX-Users.csv",
            "day-0/ratings/BX-Book-Ratings.csv",
            "day-2/ratings/BX-Book-Ratings.day-002.csv",
            "day-2/ratings-deleted/BX-Book-Ratings-Deleted.day-002.csv",
            "day-2/books/BX-Books.day-002.csv",
            "day-2/users/BX-Users.day-002.csv")) {
      assertThat(Files.mismatch(out.resolve(file), again.resolve(file))).as(file).isEqualTo(-1);
    }
    assertThat(
            Files.mismatch(
                out.resolve("day-0/users/BX-Users.csv"), other.resolve("day-0/users/BX-Users.csv")))
        .isNotEqualTo(-1);
  }

  @Test
  void shiftedRowsAndGzipAtScaleOne() throws IOException {
    // round(3 * 1) shifted rows among 271,379 books: check where they fall, without writing.
    Books books = new Books(1, 271_379, 2029);
    long shifted = 0;
    for (long i = 0; i < books.initial() + 10; i++) {
      if (books.shifted(i)) {
        shifted++;
        assertThat(books.book(i).rawLine()).contains("\\\";");
      }
    }
    assertThat(shifted).isEqualTo(3);
    Path gz = dir.resolve("gz");
    new Generator(new Generator.Options(0.001, 1, 1, 0.01, true, 0, 0)).write(gz);
    assertThat(read(BxSource.RATINGS, gz.resolve("day-0/ratings/BX-Book-Ratings.csv.gz")))
        .hasSize(1150);
    assertThat(gz.resolve("day-1/ratings-deleted/BX-Book-Ratings-Deleted.day-001.csv.gz")).exists();
  }

  @Test
  void dropScaleWritesTheSmallerDumpsDropIntoTheLargerDump() {
    DropPlan small = new Generator(new Generator.Options(0.02, 1, 7, 0.01, false, 0, 0)).plan();
    DropPlan large = new Generator(new Generator.Options(0.08, 1, 7, 0.01, false, 0, 0.02)).plan();
    DropPlan own = new Generator(new Generator.Options(0.08, 1, 7, 0.01, false, 0, 0)).plan();

    assertThat(large.ratingEvents()).isCloseTo(small.ratingEvents(), within(2L));
    assertThat(large.newUsers()).isCloseTo(small.newUsers(), within(1L));
    assertThat(large.authorFixes()).isCloseTo(small.authorFixes(), within(1L));
    assertThat(own.ratingEvents()).isGreaterThan(3 * small.ratingEvents());
    assertThatThrownBy(() -> new Generator.Options(0.02, 1, 7, 0.01, false, 0, 0.08))
        .hasMessageContaining("--drop-scale");
  }

  @Test
  void badOptionsSayWhatIsWrong() {
    assertThatThrownBy(() -> new Generator.Options(0, 1, 1, 0.01, false, 0, 0))
        .hasMessageContaining("--scale");
    assertThatThrownBy(() -> new Generator.Options(1, -1, 1, 0.01, false, 0, 0))
        .hasMessageContaining("--days");
  }
}
