package org.bookslakehouse.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.bookslakehouse.bronze.BxRecord;
import org.bookslakehouse.bronze.BxRecordReader;
import org.bookslakehouse.bronze.BxSource;
import org.junit.jupiter.api.Test;

/** {@link LandingProfile} on small BX files parsed by the real reader, quirk by quirk. */
class InspectProfileTest {
  private static final int AS_OF_YEAR = 2025;
  private static final String BOOKS_HEADER =
      "\"ISBN\";\"Book-Title\";\"Book-Author\";\"Year-Of-Publication\";\"Publisher\";"
          + "\"Image-URL-S\";\"Image-URL-M\";\"Image-URL-L\"";
  private static final String URLS = "\"http://s/x.jpg\";\"http://m/x.jpg\";\"http://l/x.jpg\"";
  private static final String USERS_HEADER = "\"User-ID\";\"Location\";\"Age\"";
  private static final String RATINGS_HEADER = "\"User-ID\";\"ISBN\";\"Book-Rating\"";

  /** Lines joined with CRLF, as the dump writes them. */
  private static String file(String... lines) {
    return String.join("\r\n", lines) + "\r\n";
  }

  private static void feed(LandingProfile profile, String file, String text) {
    try (BxRecordReader records =
        new BxRecordReader(profile.source(), new StringReader(text), file)) {
      records.forEachRemaining(record -> profile.accept(file, record));
    }
  }

  private static QuirkCount quirk(LandingProfile profile, Quirk quirk, String detail) {
    return profile.quirks().stream()
        .filter(count -> count.quirk() == quirk && Objects.equals(count.detail(), detail))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + quirk + " / " + detail));
  }

  /** The examples of a quirk as {@code file:line}. */
  private static List<String> at(LandingProfile profile, Quirk quirk, String detail) {
    return quirk(profile, quirk, detail).examples().stream()
        .map(example -> example.file() + ":" + example.line())
        .toList();
  }

  private static LandingProfile books() {
    LandingProfile profile = new LandingProfile(BxSource.BOOKS, AS_OF_YEAR, 3);
    feed(
        profile,
        "a.csv",
        file(
            BOOKS_HEADER,
            "\"0195153448\";\"Classical Mythology\";\"Mark P. O. Morford\";\"2002\";\"Oxford\";"
                + URLS,
            "\"080442957x\";\"Of Mice \\\"and\\\" Men\";\"John Steinbeck\";\"0\";\"Penguin\";"
                + URLS,
            "\"0-8044-2957-X\";\"Tom &amp; Jerry &#x130;\";\"Someone\";\"2050\";\"Pub\";" + URLS,
            "\"12345\";\"Two\nLines\";\"Author\";\"DK Publishing Inc\";\"L\u00fcbbe\";" + URLS,
            "\"0789466953\";\"DK Readers (Level 4)\\\";James Buckley\";\"2000\";\"DK Publishing"
                + " Inc\";"
                + URLS,
            "\"1111111111\";\"Title\";\"Author\";\"2000\";\"Pub\";\"http://s/x.jpg\";"
                + "\"http://m/x.jpg\"",
            "\"2070426769\";\"Les Bergers\\\"\";\"Auteur\";\"999\";NULL;" + URLS,
            "\"3404921038\";\"Title\";\"Mot&#150;ley &amp b&h\";\"1999\";\"Pub\";" + URLS));
    feed(
        profile,
        "b.csv",
        file(
            BOOKS_HEADER,
            "\"0195153448\";\"Classical Mythology\";\"Morford\";\"2002\";\"Oxford\";" + URLS,
            "\"0195153448\";\"Classical Mythology\";\"Morford\";\"2003\";\"Oxford\";" + URLS,
            "\"0789466953\";\"DK Readers\";\"James Buckley\";\"2000\";\"DK\";" + URLS));
    return profile;
  }

  @Test
  void booksRowsRescuedAndShiftedRows() {
    LandingProfile profile = books();

    assertThat(profile.rows()).isEqualTo(11);
    assertThat(profile.count(Quirk.ROWS, null)).isEqualTo(11);
    assertThat(profile.count(Quirk.RESCUED, "7 fields where the header has 8")).isEqualTo(2);
    assertThat(at(profile, Quirk.RESCUED, "7 fields where the header has 8"))
        .containsExactly("a.csv:7", "a.csv:8");
    assertThat(at(profile, Quirk.SHIFTED_REPAIRABLE, null)).containsExactly("a.csv:7");
    assertThat(at(profile, Quirk.SHIFTED_NOT_REPAIRABLE, null)).containsExactly("a.csv:8");
    assertThat(quirk(profile, Quirk.SHIFTED_REPAIRABLE, null).examples().get(0).value())
        .startsWith("\"0789466953\";\"DK Readers (Level 4)\\\";James Buckley\";");
  }

  @Test
  void aShiftedRowWithoutClosingQuoteIsFoundByItsFieldsNotByTheRescueReason() {
    // the synthetic day-2 row 9999000088: the title ends in \"; and has no closing quote
    LandingProfile profile = new LandingProfile(BxSource.BOOKS, AS_OF_YEAR, 3);
    feed(
        profile,
        "day-2.csv",
        file(
            BOOKS_HEADER,
            "\"9999000088\";\"Sample Shifted Title\\\";\"Sample Author\";\"2001\";\"Sample"
                + " Press\";"
                + URLS));

    assertThat(profile.count(Quirk.RESCUED, "7 fields where the header has 8")).isEqualTo(1);
    assertThat(at(profile, Quirk.SHIFTED_REPAIRABLE, null)).containsExactly("day-2.csv:2");
    assertThat(profile.count(Quirk.YEAR_NOT_INTEGER, null)).isZero();
  }

  @Test
  void booksTextQuirksPerValue() {
    LandingProfile profile = books();

    assertThat(profile.count(Quirk.BARE_NULL, "Publisher")).isEqualTo(1);
    assertThat(at(profile, Quirk.BARE_NULL, "Publisher")).containsExactly("a.csv:9");
    for (String column : List.of("ISBN", "Book-Title", "Book-Author", "Image-URL-L")) {
      assertThat(profile.count(Quirk.BARE_NULL, column)).as(column).isZero();
    }
    // the repaired shifted row holds no quote any more: only lines 3 and 9
    assertThat(at(profile, Quirk.QUOTE, null)).containsExactly("a.csv:3", "a.csv:9");
    assertThat(quirk(profile, Quirk.QUOTE, null).examples().get(0).value())
        .isEqualTo("Book-Title: Of Mice \"and\" Men");
    assertThat(profile.count(Quirk.BACKSLASH, null)).isZero();
    assertThat(at(profile, Quirk.HTML_ENTITY, null)).containsExactly("a.csv:4", "a.csv:10");
    // &#150; is a control character: the text rule keeps it as written
    assertThat(at(profile, Quirk.HTML_ENTITY_KEPT, null)).containsExactly("a.csv:10");
    assertThat(at(profile, Quirk.NON_ASCII, null)).containsExactly("a.csv:5");
    assertThat(quirk(profile, Quirk.NON_ASCII, null).examples().get(0).value())
        .isEqualTo("Publisher: L\u00fcbbe");
    assertThat(at(profile, Quirk.LINE_BREAK, null)).containsExactly("a.csv:5");
    assertThat(quirk(profile, Quirk.LINE_BREAK, null).examples().get(0).value())
        .isEqualTo("Book-Title: Two\\nLines");
    assertThat(at(profile, Quirk.TITLE_ENDS_IN_QUOTE, null)).containsExactly("a.csv:9");
  }

  @Test
  void booksIsbnYearAndKeys() {
    LandingProfile profile = books();

    assertThat(profile.count(Quirk.ISBN_INVALID, "5 characters")).isEqualTo(1);
    assertThat(quirk(profile, Quirk.ISBN_INVALID, "5 characters").examples())
        .containsExactly(new Example("a.csv", 5, "12345 -> 12345"));
    assertThat(quirk(profile, Quirk.ISBN_CLEANSED, null).examples())
        .containsExactly(
            new Example("a.csv", 3, "080442957x -> 080442957X"),
            new Example("a.csv", 4, "0-8044-2957-X -> 080442957X"));
    assertThat(at(profile, Quirk.YEAR_ZERO, null)).containsExactly("a.csv:3");
    assertThat(at(profile, Quirk.YEAR_BELOW_1000, null)).containsExactly("a.csv:9");
    assertThat(at(profile, Quirk.YEAR_FUTURE, "after 2025")).containsExactly("a.csv:4");
    assertThat(at(profile, Quirk.YEAR_NOT_INTEGER, null)).containsExactly("a.csv:5");
    // 080442957X twice in a.csv; 0195153448 twice in b.csv
    assertThat(at(profile, Quirk.KEY_REPEATED_IN_FILE, null)).containsExactly("a.csv:4", "b.csv:3");
    // 0195153448 and the repaired 0789466953 first came in a.csv
    assertThat(quirk(profile, Quirk.KEY_REPEATED_ACROSS_FILES, null).examples())
        .containsExactly(
            new Example("b.csv", 2, "key 0195153448"), new Example("b.csv", 4, "key 0789466953"));
    assertThat(profile.count(Quirk.UNREADABLE_FILE, null)).isZero();
  }

  @Test
  void aNegativeNumberIsNamedByItsValueNotAsNotAnInteger() {
    LandingProfile users = new LandingProfile(BxSource.USERS, AS_OF_YEAR, 3);
    feed(users, "u.csv", file(USERS_HEADER, "\"-7\";\"x\";\"20\"", "\"8\";\"x\";\"-3\""));
    LandingProfile books = new LandingProfile(BxSource.BOOKS, AS_OF_YEAR, 3);
    feed(books, "b.csv", file(BOOKS_HEADER, "\"0195153448\";\"T\";\"A\";\"-1999\";\"P\";" + URLS));

    assertThat(at(users, Quirk.AGE_BELOW_5, null)).containsExactly("u.csv:3");
    assertThat(users.count(Quirk.AGE_NOT_INTEGER, null)).isZero();
    assertThat(at(users, Quirk.USER_ID_INVALID, "negative")).containsExactly("u.csv:2");
    assertThat(at(books, Quirk.YEAR_BELOW_1000, null)).containsExactly("b.csv:2");
    assertThat(books.count(Quirk.YEAR_NOT_INTEGER, null)).isZero();
  }

  @Test
  void usersAgesLocationsAndUserIds() {
    LandingProfile profile = new LandingProfile(BxSource.USERS, AS_OF_YEAR, 3);
    feed(
        profile,
        "u.csv",
        file(
            USERS_HEADER,
            "\"1\";\"nyc, new york, usa\";NULL",
            "\"2\";\"stockton\";\"3\"",
            "\"3\";\"moscow, russia\";\"101\"",
            "\"4\";\"a, b, c, d\";\"18.5\"",
            "\"5\";\"a, n/a, \\\"n/a\\\", , e, f\";\"30\"",
            "\"0\";\"  \";\"20\"",
            "\"abc\";\"&#304;zmir, n/a, turkey\";\"25\"",
            "\"1\";\"paris, , france\";\"40\"",
            "\"6\";\"x\""));

    assertThat(profile.rows()).isEqualTo(9);
    assertThat(at(profile, Quirk.RESCUED, "2 fields where the header has 3"))
        .containsExactly("u.csv:10");
    // the rescued record's columns are unknown, not NULL
    assertThat(profile.count(Quirk.BARE_NULL, "Age")).isEqualTo(1);
    assertThat(profile.count(Quirk.BARE_NULL, "User-ID")).isZero();
    assertThat(profile.count(Quirk.BARE_NULL, "Location")).isZero();
    assertThat(quirk(profile, Quirk.BARE_NULL, "Age").examples())
        .containsExactly(new Example("u.csv", 2, "\"1\";\"nyc, new york, usa\";NULL"));
    assertThat(at(profile, Quirk.AGE_BELOW_5, null)).containsExactly("u.csv:3");
    assertThat(at(profile, Quirk.AGE_ABOVE_100, null)).containsExactly("u.csv:4");
    assertThat(at(profile, Quirk.AGE_NOT_INTEGER, null)).containsExactly("u.csv:5");
    assertThat(at(profile, Quirk.LOCATION_EMPTY, null)).containsExactly("u.csv:7");
    assertThat(at(profile, Quirk.LOCATION_PARTS, "1")).containsExactly("u.csv:3");
    assertThat(at(profile, Quirk.LOCATION_PARTS, "2")).containsExactly("u.csv:4");
    assertThat(at(profile, Quirk.LOCATION_PARTS, "3"))
        .containsExactly("u.csv:2", "u.csv:8", "u.csv:9");
    assertThat(at(profile, Quirk.LOCATION_PARTS, "4")).containsExactly("u.csv:5");
    assertThat(at(profile, Quirk.LOCATION_PARTS, "5+")).containsExactly("u.csv:6");
    assertThat(at(profile, Quirk.LOCATION_NA_PART, null)).containsExactly("u.csv:6", "u.csv:8");
    assertThat(at(profile, Quirk.LOCATION_EMPTY_PART, null)).containsExactly("u.csv:6", "u.csv:9");
    assertThat(at(profile, Quirk.QUOTE, null)).containsExactly("u.csv:6");
    assertThat(at(profile, Quirk.HTML_ENTITY, null)).containsExactly("u.csv:8");
    assertThat(profile.count(Quirk.HTML_ENTITY_KEPT, null)).isZero();
    assertThat(at(profile, Quirk.USER_ID_INVALID, "0")).containsExactly("u.csv:7");
    assertThat(at(profile, Quirk.USER_ID_INVALID, "not an integer")).containsExactly("u.csv:8");
    assertThat(quirk(profile, Quirk.KEY_REPEATED_IN_FILE, null).examples())
        .containsExactly(new Example("u.csv", 9, "key 1"));
    assertThat(profile.count(Quirk.KEY_REPEATED_ACROSS_FILES, null)).isZero();
  }

  @Test
  void ratingsValuesIsbnsAndKeys() {
    LandingProfile profile = new LandingProfile(BxSource.RATINGS, AS_OF_YEAR, 3);
    feed(
        profile,
        "r1.csv",
        file(
            RATINGS_HEADER,
            "\"1\";\"0195153448\";\"0\"",
            "\"1\";\"0195153448\";\"5\"",
            "\"2\";\"1234\";\"11\"",
            "\"0\";\"0195153448\";\"x\"",
            "\"3\";\"\\\"8804501367\\\"\";NULL"));
    feed(
        profile,
        "r2.csv",
        file(RATINGS_HEADER, "\"1\";\"019515344-8\";\"7\"", "\"3\";\"8804501367\";\"10\""));

    assertThat(profile.rows()).isEqualTo(7);
    assertThat(profile.count(Quirk.RATING_IMPLICIT, null)).isEqualTo(1);
    assertThat(profile.count(Quirk.RATING_EXPLICIT, null)).isEqualTo(3);
    assertThat(quirk(profile, Quirk.RATING_INVALID, null).examples())
        .containsExactly(
            new Example("r1.csv", 4, "Book-Rating: 11"),
            new Example("r1.csv", 5, "Book-Rating: x"),
            new Example("r1.csv", 6, "Book-Rating: NULL"));
    assertThat(at(profile, Quirk.BARE_NULL, "Book-Rating")).containsExactly("r1.csv:6");
    assertThat(at(profile, Quirk.ISBN_INVALID, "4 characters")).containsExactly("r1.csv:4");
    assertThat(quirk(profile, Quirk.ISBN_CLEANSED, null).examples())
        .containsExactly(
            new Example("r1.csv", 6, "\"8804501367\" -> 8804501367"),
            new Example("r2.csv", 2, "019515344-8 -> 0195153448"));
    assertThat(at(profile, Quirk.QUOTE, null)).containsExactly("r1.csv:6");
    assertThat(at(profile, Quirk.USER_ID_INVALID, "0")).containsExactly("r1.csv:5");
    // the key is (User-ID, ISBN) cleansed; rows with an invalid key part have none
    assertThat(quirk(profile, Quirk.KEY_REPEATED_IN_FILE, null).examples())
        .containsExactly(new Example("r1.csv", 3, "key 1;0195153448"));
    assertThat(quirk(profile, Quirk.KEY_REPEATED_ACROSS_FILES, null).examples())
        .containsExactly(
            new Example("r2.csv", 2, "key 1;0195153448"),
            new Example("r2.csv", 3, "key 3;8804501367"));
  }

  @Test
  void onlyTheQuirksOfTheSourceAreReportedEvenWhenZero() {
    LandingProfile profile = new LandingProfile(BxSource.RATINGS_DELETED, AS_OF_YEAR, 3);
    feed(profile, "d.csv", file("\"User-ID\";\"ISBN\"", "\"1\";\"0195153448\""));

    assertThat(profile.quirks())
        .extracting(QuirkCount::label)
        .containsExactly(
            "rows",
            "rescued rows (bronze _rescued_data)",
            "bare NULL: User-ID",
            "bare NULL: ISBN",
            "values with a quote (escaped \\\")",
            "values with a backslash",
            "values with an HTML entity (&name; &#NNN; &#xHH;)",
            "values with an entity cleansing keeps as is",
            "values with non-ASCII characters",
            "values with a line break inside",
            "User-ID invalid (quarantined)",
            "ISBN invalid after cleansing (quarantined)",
            "ISBN valid only after cleansing",
            "key repeated within a file",
            "key repeated from an earlier file",
            "unreadable files");
    assertThat(profile.quirks())
        .filteredOn(count -> count.quirk() != Quirk.ROWS)
        .allSatisfy(count -> assertThat(count.count()).isZero());
    assertThat(profile.quirks()).extracting(count -> count.quirk().id()).contains("bare-null");
  }

  @Test
  void keepsOnlyTheFirstExamplesButCountsAll() {
    LandingProfile one = new LandingProfile(BxSource.USERS, AS_OF_YEAR, 1);
    LandingProfile none = new LandingProfile(BxSource.USERS, AS_OF_YEAR, 0);
    String text = file(USERS_HEADER, "\"1\";\"a, b, c\";NULL", "\"2\";\"a, b, c\";NULL");
    feed(one, "u.csv", text);
    feed(none, "u.csv", text);

    assertThat(quirk(one, Quirk.BARE_NULL, "Age").count()).isEqualTo(2);
    assertThat(at(one, Quirk.BARE_NULL, "Age")).containsExactly("u.csv:2");
    assertThat(quirk(none, Quirk.BARE_NULL, "Age").count()).isEqualTo(2);
    assertThat(quirk(none, Quirk.BARE_NULL, "Age").examples()).isEmpty();
  }

  @Test
  void anUnreadableFileIsCountedWithItsMessageAndLine() {
    LandingProfile profile = new LandingProfile(BxSource.USERS, AS_OF_YEAR, 3);
    profile.accept("u.csv.gz", new BxRecord(Arrays.asList("1", "a, b, c", "20"), null, 2));
    profile.fileUnreadable(
        "u.csv.gz", "Cannot read landed file file:/l/users/u.csv.gz at line 3: EOFException.");

    assertThat(profile.rows()).isEqualTo(1);
    assertThat(quirk(profile, Quirk.UNREADABLE_FILE, null).examples())
        .containsExactly(
            new Example(
                "u.csv.gz",
                3,
                "Cannot read landed file file:/l/users/u.csv.gz at line 3: EOFException."));
  }

  @Test
  void aHeaderThatDoesNotFitIsOneShortRescueReason() {
    LandingProfile profile = new LandingProfile(BxSource.USERS, AS_OF_YEAR, 3);
    feed(profile, "u.csv", file("\"1\";\"a, b, c\";\"20\"", "\"2\";\"a, b, c\";\"30\""));

    assertThat(profile.count(Quirk.RESCUED, "the header does not match the source")).isEqualTo(1);
    assertThat(profile.count(Quirk.BARE_NULL, "Age")).isZero();
  }

  @Test
  void shownValuesEscapeControlCharactersAndAreCutAroundTheQuirk() {
    assertThat(LandingProfile.shorten("a\r\nb\tc\u0001", 0)).isEqualTo("a\\r\\nb\\tc\\u0001");
    String longValue = "x".repeat(200) + "\"" + "y".repeat(200);
    String shown = LandingProfile.shorten(longValue, 200);
    assertThat(shown).startsWith("...").endsWith("...").contains("x\"y");
    assertThat(shown).hasSize(120 + 6);
    assertThat(LandingProfile.shorten(longValue, -1)).startsWith("...").endsWith("y");
  }
}
