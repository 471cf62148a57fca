package org.bookslakehouse.silver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.bookslakehouse.bronze.BxRecord;
import org.bookslakehouse.bronze.BxRecordReader;
import org.bookslakehouse.bronze.BxSource;
import org.junit.jupiter.api.Test;

/**
 * The three shifted rows of the real BX-Books dump, as their raw lines read and as the parser
 * returns them.
 */
class CleansingShiftedBookTest {
  private static final String HEADER =
      "\"ISBN\";\"Book-Title\";\"Book-Author\";\"Year-Of-Publication\";\"Publisher\";"
          + "\"Image-URL-S\";\"Image-URL-M\";\"Image-URL-L\"\r\n";
  private static final String IMAGES = "http://images.amazon.com/images/P/";
  private static final String CLEZIO = "Jean-Marie Gustave Le Cl\u00c3?\u00c2\u00a9zio";

  private static final String LINE_0789466953 =
      "\"0789466953\";\"DK Readers: Creating the X-Men, How Comic Books Come to Life (Level 4:"
          + " Proficient Readers)\\\";James Buckley\";\"2000\";\"DK Publishing Inc\";"
          + urls("0789466953")
          + "\r\n";
  private static final String LINE_078946697X =
      "\"078946697X\";\"DK Readers: Creating the X-Men, How It All Began (Level 4: Proficient"
          + " Readers)\\\";Michael Teitelbaum\";\"2000\";\"DK Publishing Inc\";"
          + urls("078946697X")
          + "\r\n";
  private static final String LINE_2070426769 =
      "\"2070426769\";\"Peuple du ciel, suivi de 'Les Bergers\\\";"
          + CLEZIO
          + "\";\"2003\";\"Gallimard\";"
          + urls("2070426769")
          + "\r\n";

  private static String urls(String isbn) {
    return String.format(
        "\"%1$s%2$s.01.THUMBZZZ.jpg\";\"%1$s%2$s.01.MZZZZZZZ.jpg\";\"%1$s%2$s.01.LZZZZZZZ.jpg\"",
        IMAGES, isbn);
  }

  private static List<String> images(String isbn) {
    return List.of(
        IMAGES + isbn + ".01.THUMBZZZ.jpg",
        IMAGES + isbn + ".01.MZZZZZZZ.jpg",
        IMAGES + isbn + ".01.LZZZZZZZ.jpg");
  }

  private static List<String> fields(String... values) {
    return Arrays.asList(values);
  }

  private static List<String> parsed(String isbn, String merged, String year, String publisher) {
    List<String> fields = new ArrayList<>(fields(isbn, merged, year, publisher));
    fields.addAll(images(isbn));
    return fields;
  }

  private static List<String> book(
      String isbn, String title, String author, String year, String publisher) {
    List<String> fields = new ArrayList<>(fields(isbn, title, author, year, publisher));
    fields.addAll(images(isbn));
    return fields;
  }

  private static final List<String> PARSED_0789466953 =
      parsed(
          "0789466953",
          "DK Readers: Creating the X-Men, How Comic Books Come to Life (Level 4: Proficient"
              + " Readers)\";James Buckley",
          "2000",
          "DK Publishing Inc");

  @Test
  void repairsTheJamesBuckleyRow() {
    assertThat(Cleansing.repairShiftedBook(PARSED_0789466953))
        .contains(
            book(
                "0789466953",
                "DK Readers: Creating the X-Men, How Comic Books Come to Life (Level 4: Proficient"
                    + " Readers)",
                "James Buckley",
                "2000",
                "DK Publishing Inc"));
  }

  @Test
  void repairsTheMichaelTeitelbaumRow() {
    List<String> parsed =
        parsed(
            "078946697X",
            "DK Readers: Creating the X-Men, How It All Began (Level 4: Proficient Readers)\";"
                + "Michael Teitelbaum",
            "2000",
            "DK Publishing Inc");
    assertThat(Cleansing.repairShiftedBook(parsed))
        .contains(
            book(
                "078946697X",
                "DK Readers: Creating the X-Men, How It All Began (Level 4: Proficient Readers)",
                "Michael Teitelbaum",
                "2000",
                "DK Publishing Inc"));
  }

  @Test
  void repairsTheLeClezioRow() {
    List<String> parsed =
        parsed(
            "2070426769", "Peuple du ciel, suivi de 'Les Bergers\";" + CLEZIO, "2003", "Gallimard");
    assertThat(Cleansing.repairShiftedBook(parsed))
        .contains(
            book(
                "2070426769",
                "Peuple du ciel, suivi de 'Les Bergers",
                CLEZIO,
                "2003",
                "Gallimard"));
  }

  @Test
  void repairsTheRowsAsTheBronzeReaderParsesThem() throws Exception {
    String file = HEADER + LINE_0789466953 + LINE_078946697X + LINE_2070426769;
    List<List<String>> repaired = new ArrayList<>();
    try (BxRecordReader reader =
        new BxRecordReader(BxSource.BOOKS, new StringReader(file), "BX-Books.csv")) {
      while (reader.hasNext()) {
        BxRecord record = reader.next();
        assertThat(record.rescued()).isTrue();
        List<String> fields = rescuedFields(record);
        assertThat(fields).hasSize(7);
        repaired.add(Cleansing.repairShiftedBook(fields).orElseThrow());
      }
    }
    assertThat(repaired)
        .extracting(values -> values.subList(0, 5))
        .containsExactly(
            fields(
                "0789466953",
                "DK Readers: Creating the X-Men, How Comic Books Come to Life (Level 4: Proficient"
                    + " Readers)",
                "James Buckley",
                "2000",
                "DK Publishing Inc"),
            fields(
                "078946697X",
                "DK Readers: Creating the X-Men, How It All Began (Level 4: Proficient Readers)",
                "Michael Teitelbaum",
                "2000",
                "DK Publishing Inc"),
            fields(
                "2070426769",
                "Peuple du ciel, suivi de 'Les Bergers",
                CLEZIO,
                "2003",
                "Gallimard"));
    assertThat(repaired.get(2).subList(5, 8)).isEqualTo(images("2070426769"));
  }

  private static List<String> rescuedFields(BxRecord record) throws Exception {
    JsonNode rescued = new ObjectMapper().readTree(record.rescuedData());
    List<String> fields = new ArrayList<>();
    for (JsonNode field : rescued.get("fields")) {
      fields.add(field.isNull() ? null : field.asText());
    }
    return fields;
  }

  @Test
  void acceptsAMissingYear() {
    for (String year : new String[] {null, "", "NULL", " ", "0", "1999", " 2000 "}) {
      List<String> parsed = new ArrayList<>(PARSED_0789466953);
      parsed.set(2, year);
      Optional<List<String>> repaired = Cleansing.repairShiftedBook(parsed);
      assertThat(repaired).as("year '%s'", year).isPresent();
      assertThat(repaired.orElseThrow().get(3)).isEqualTo("NULL".equals(year) ? null : year);
    }
  }

  @Test
  void turnsNullMarkersIntoNulls() {
    List<String> parsed = new ArrayList<>(PARSED_0789466953);
    parsed.set(0, "NULL");
    parsed.set(1, "NULL\";NULL");
    parsed.set(3, "NULL");
    assertThat(Cleansing.repairShiftedBook(parsed).orElseThrow().subList(0, 5))
        .containsExactly(null, null, null, "2000", null);
  }

  @Test
  void splitsAtTheEscapedQuoteEvenWithEmptySides() {
    List<String> parsed = new ArrayList<>(PARSED_0789466953);
    parsed.set(1, "\";");
    assertThat(Cleansing.repairShiftedBook(parsed).orElseThrow().subList(1, 3))
        .containsExactly("", "");
  }

  @Test
  void acceptsHttpsUrlsInAnyCase() {
    List<String> parsed = new ArrayList<>(PARSED_0789466953);
    parsed.set(4, "HTTPS://images.amazon.com/images/P/0789466953.01.THUMBZZZ.jpg");
    assertThat(Cleansing.repairShiftedBook(parsed)).isPresent();
  }

  @Test
  void leavesWellFormedRowsAlone() {
    List<String> wellFormed =
        book("0195153448", "Classical Mythology", "Mark P. O. Morford", "2002", "Oxford");
    assertThat(Cleansing.repairShiftedBook(wellFormed)).isEmpty();
    // a title with a quote inside, as the parser returns it
    assertThat(
            Cleansing.repairShiftedBook(
                book(
                    "0140292918",
                    "Of Mice and Men (Steinbeck \"Essentials\")",
                    "John Steinbeck",
                    "2001",
                    "Penguin Books Ltd")))
        .isEmpty();
  }

  @Test
  void refusesRowsOfAnotherSize() {
    assertThat(Cleansing.repairShiftedBook(List.of())).isEmpty();
    assertThat(Cleansing.repairShiftedBook(PARSED_0789466953.subList(0, 6))).isEmpty();
    List<String> eight = new ArrayList<>(PARSED_0789466953);
    eight.add(IMAGES + "extra.jpg");
    assertThat(Cleansing.repairShiftedBook(eight)).isEmpty();
    List<String> six = new ArrayList<>(PARSED_0789466953);
    six.remove(3);
    assertThat(Cleansing.repairShiftedBook(six)).isEmpty();
  }

  @Test
  void refusesRowsWithoutExactlyOneSwallowedDelimiter() {
    for (String merged :
        new String[] {
          null,
          "",
          "DK Readers (Level 4)",
          "DK Readers (Level 4)\"; James\";Buckley",
          "a\";b\";c",
          "a\" ;b",
          "a;\"b",
          "a\\;b"
        }) {
      List<String> parsed = new ArrayList<>(PARSED_0789466953);
      parsed.set(1, merged);
      assertThat(Cleansing.repairShiftedBook(parsed)).as("'%s'", merged).isEmpty();
    }
  }

  @Test
  void refusesRowsWhoseYearDoesNotLookLikeAYear() {
    for (String year : new String[] {"DK Publishing Inc", "Gallimard", "20000", "2000.0", "-1"}) {
      List<String> parsed = new ArrayList<>(PARSED_0789466953);
      parsed.set(2, year);
      assertThat(Cleansing.repairShiftedBook(parsed)).as("year '%s'", year).isEmpty();
    }
  }

  @Test
  void refusesRowsWhoseImageFieldsAreNotUrls() {
    for (int field = 4; field < 7; field++) {
      for (String url :
          new String[] {
            null, "", "NULL", "DK Publishing Inc", "images.amazon.com/x.jpg", "ftp://x"
          }) {
        List<String> parsed = new ArrayList<>(PARSED_0789466953);
        parsed.set(field, url);
        assertThat(Cleansing.repairShiftedBook(parsed)).as("field %s '%s'", field, url).isEmpty();
      }
    }
    // shifted the other way: the publisher where the first URL should be
    List<String> shifted = new ArrayList<>(PARSED_0789466953);
    shifted.add(4, "DK Publishing Inc");
    shifted.remove(7);
    assertThat(Cleansing.repairShiftedBook(shifted)).isEmpty();
  }

  @Test
  void rejectsANullList() {
    assertThatThrownBy(() -> Cleansing.repairShiftedBook(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid book fields: null");
  }

  @Test
  void returnsAnUnmodifiableList() {
    List<String> repaired = Cleansing.repairShiftedBook(PARSED_0789466953).orElseThrow();
    assertThatThrownBy(() -> repaired.set(0, "x"))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
