package org.bookslakehouse.silver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.google.common.base.Strings;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CleansingIsbnTest {
  private static final String EXPECTED =
      ": expected 10 characters (9 digits then a digit or X) or 13 digits";

  static Stream<Arguments> validIsbns() {
    return Stream.of(
        arguments("0195153448", "0195153448"),
        arguments("034545104X", "034545104X"),
        // lowercase x endings (10 of them in one real ratings chunk)
        arguments("080652121x", "080652121X"),
        arguments(" 0195153448 ", "0195153448"),
        arguments("\t0195153448\r\n", "0195153448"),
        // spaces inside, as in the ratings dump
        arguments("0 7322 6794 3", "0732267943"),
        arguments("0-19-515344-8", "0195153448"),
        arguments("0.19.515344.8", "0195153448"),
        // escaped quotes kept in the value by the parser: "48821";"\"8804501367\"";"0"
        arguments("\"8804501367\"", "8804501367"),
        // the same value if a parser kept the backslashes too
        arguments("\\\"8804501367\\\"", "8804501367"),
        arguments("9780195153446", "9780195153446"),
        arguments("978-0-19-515344-6", "9780195153446"),
        arguments("978 0 19 515344 6", "9780195153446"),
        arguments("000000000X", "000000000X"),
        arguments("0000000000000", "0000000000000"));
  }

  @ParameterizedTest
  @MethodSource("validIsbns")
  void cleansesValidIsbns(String raw, String expected) {
    Checked<String> isbn = Cleansing.isbn(raw);
    assertThat(isbn.isValid()).as("'%s'", raw).isTrue();
    assertThat(isbn.value()).isEqualTo(expected);
    assertThat(isbn.problem()).isNull();
  }

  static Stream<Arguments> invalidIsbns() {
    return Stream.of(
        // real odd ISBNs of the ratings dump
        arguments("0553260111>>5", "0553260111>>5"),
        arguments("B.41.6442003", "B416442003"),
        arguments("342310538", "342310538"),
        arguments("014366020444", "014366020444"),
        arguments("N3453124715", "N3453124715"),
        arguments("B0000BLD7X", "B0000BLD7X"),
        arguments("0 7322 6794", "073226794"),
        // X only as the check digit of a 10-character ISBN
        arguments("X123456789", "X123456789"),
        arguments("12345678X9", "12345678X9"),
        arguments("978019515344X", "978019515344X"),
        arguments("97801951534x", "97801951534X"),
        // wrong lengths
        arguments("01234567890", "01234567890"),
        arguments("01234567890123", "01234567890123"),
        arguments("1", "1"),
        arguments("3442358x", "3442358X"),
        // only noise
        arguments("--", ""),
        arguments("\"\"", ""),
        // other punctuation is not dropped
        arguments("0195153448/", "0195153448/"),
        arguments("0195153448,", "0195153448,"),
        arguments("0_195153448", "0_195153448"),
        // non-ASCII digits are not digits here (Arabic-Indic)
        arguments(
            "\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669",
            "\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669"),
        // a no-break space is not removed
        arguments("0195153448\u00A0", "0195153448\u00A0"));
  }

  @ParameterizedTest
  @MethodSource("invalidIsbns")
  void rejectsInvalidIsbnsNamingTheRawAndCleansedValue(String raw, String cleansed) {
    Checked<String> isbn = Cleansing.isbn(raw);
    assertThat(isbn.isValid()).isFalse();
    assertThat(isbn.value()).isNull();
    assertThat(isbn.problem())
        .isEqualTo("invalid ISBN '" + raw + "' (cleansed '" + cleansed + "')" + EXPECTED);
  }

  @Test
  void reasonMatchesTheDocumentedExample() {
    assertThat(Cleansing.isbn("0553260111>>5").problem())
        .isEqualTo(
            "invalid ISBN '0553260111>>5' (cleansed '0553260111>>5'): expected 10 characters"
                + " (9 digits then a digit or X) or 13 digits");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {" ", "   ", "\t", "\r\n", " \f\u000B "})
  void rejectsMissingIsbns(String raw) {
    Checked<String> isbn = Cleansing.isbn(raw);
    assertThat(isbn.isValid()).isFalse();
    assertThat(isbn.problem()).isEqualTo("missing ISBN");
  }

  @Test
  void cutsVeryLongRawValuesInTheReasonAfter100Characters() {
    String title = Strings.repeat("A very long title ", 20);
    String cleansed = Strings.repeat("AVERYLONGTITLE", 20);
    assertThat(Cleansing.isbn(title).problem())
        .isEqualTo(
            "invalid ISBN '"
                + title.substring(0, 100)
                + "...' (cleansed '"
                + cleansed.substring(0, 100)
                + "...')"
                + EXPECTED);
    String hundred = Strings.repeat("Y", 100);
    assertThat(Cleansing.isbn(hundred).problem()).startsWith("invalid ISBN '" + hundred + "' (");
  }
}
