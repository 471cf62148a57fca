package org.bookslakehouse.silver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Year, User-ID, Age, Book-Rating and the age group: the integer rules. */
class CleansingNumbersTest {
  private static final int AS_OF = 2004;

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "1999|1999",
        "2004|2004",
        "1000|1000",
        "1376|1376",
        "' 1999 '|1999",
        "'\t1999\r\n'|1999",
        "01999|1999",
      })
  void yearKeepsIntegersFrom1000ToTheAsOfYear(String raw, int expected) {
    assertThat(Cleansing.year(raw, AS_OF)).isEqualTo(expected);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        // real years of the books dump: 0, the future, and the shifted rows' publishers
        "0",
        "2005",
        "2030",
        "2050",
        "2999",
        "DK Publishing Inc",
        "Gallimard",
        "999",
        "1",
        "NULL",
        " ",
        // not integers as the dump writes them
        "1999.0",
        "1999.5",
        "1.999e3",
        "+1999",
        "-1999",
        "1,999",
        "1 999",
        "19 99",
        "\u0661\u0669\u0669\u0669",
        "99999999999999999999999",
      })
  void yearIsNullOtherwise(String raw) {
    assertThat(Cleansing.year(raw, AS_OF)).isNull();
  }

  @Test
  void yearFollowsTheAsOfYear() {
    assertThat(Cleansing.year("2005", 2004)).isNull();
    assertThat(Cleansing.year("2005", 2005)).isEqualTo(2005);
    assertThat(Cleansing.year("2026", 2026)).isEqualTo(2026);
    assertThat(Cleansing.year("1000", 1000)).isEqualTo(1000);
    assertThatThrownBy(() -> Cleansing.year("1999", 999))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid as-of year: 999");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "1|1",
        "8|8",
        "276725|276725",
        "278858|278858",
        "' 42 '|42",
        "'42\r\n'|42",
        "007|7",
        "2147483647|2147483647",
      })
  void userIdKeepsPositiveIntegers(String raw, int expected) {
    Checked<Integer> id = Cleansing.userId(raw);
    assertThat(id.isValid()).isTrue();
    assertThat(id.value()).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "abc",
        "0",
        "000",
        "-3",
        "+3",
        "42.0",
        "4 2",
        "1e5",
        "0x10",
        "NULL",
        "User-ID",
        "\u0664\u0662"
      })
  void userIdRejectsWhatIsNotAPositiveInteger(String raw) {
    Checked<Integer> id = Cleansing.userId(raw);
    assertThat(id.isValid()).isFalse();
    assertThat(id.value()).isNull();
    assertThat(id.problem())
        .isEqualTo("invalid User-ID '" + raw + "': expected a positive integer");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"2147483648", "9999999999", "9223372036854775808", "1234567890123456789012"})
  void userIdRejectsIntegersThatDoNotFitInAnInt(String raw) {
    assertThat(Cleansing.userId(raw).problem())
        .isEqualTo("invalid User-ID '" + raw + "': expected a positive integer up to 2147483647");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {" ", "\t\r\n"})
  void userIdRejectsMissingIds(String raw) {
    assertThat(Cleansing.userId(raw).problem()).isEqualTo("missing User-ID");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"5|5", "17|17", "18|18", "' 18 '|18", "018|18", "99|99", "100|100"})
  void ageKeepsIntegersFrom5To100(String raw, int expected) {
    assertThat(Cleansing.age(raw)).isEqualTo(expected);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        // real ages of the users dump
        "NULL",
        "0",
        "1",
        "2",
        "4",
        "101",
        "200",
        "244",
        "-3",
        "18.5",
        "18.0",
        "eighteen",
        "1 8",
        " "
      })
  void ageIsNullOtherwise(String raw) {
    assertThat(Cleansing.age(raw)).isNull();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"0|0", "1|1", "5|5", "10|10", "' 8 '|8", "'7\r\n'|7", "08|8", "000|0"})
  void ratingKeepsIntegersFrom0To10(String raw, int expected) {
    Checked<Integer> rating = Cleansing.rating(raw);
    assertThat(rating.isValid()).isTrue();
    assertThat(rating.value()).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "11",
        "100",
        "-1",
        "abc",
        "5.0",
        "7.5",
        "+5",
        "1 0",
        "NULL",
        "99999999999999999999"
      })
  void ratingRejectsOtherValues(String raw) {
    Checked<Integer> rating = Cleansing.rating(raw);
    assertThat(rating.isValid()).isFalse();
    assertThat(rating.problem())
        .isEqualTo("invalid Book-Rating '" + raw + "': expected an integer from 0 to 10");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {" ", "\r\n"})
  void ratingRejectsMissingRatings(String raw) {
    assertThat(Cleansing.rating(raw).problem()).isEqualTo("missing Book-Rating");
  }

  @Test
  void zeroIsAnImplicitRatingAndOneToTenExplicit() {
    assertThat(Cleansing.isExplicit(0)).isFalse();
    for (int rating = 1; rating <= 10; rating++) {
      assertThat(Cleansing.isExplicit(rating)).as("rating %s", rating).isTrue();
    }
    assertThatThrownBy(() -> Cleansing.isExplicit(11))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid rating: 11 (expected 0 to 10)");
    assertThatThrownBy(() -> Cleansing.isExplicit(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  static Stream<Arguments> ageGroups() {
    return Stream.of(
        arguments(0, "0-10"),
        arguments(5, "0-10"),
        arguments(10, "0-10"),
        arguments(11, "11-20"),
        arguments(18, "11-20"),
        arguments(20, "11-20"),
        arguments(21, "21-30"),
        arguments(30, "21-30"),
        arguments(31, "31-40"),
        arguments(49, "41-50"),
        arguments(50, "41-50"),
        arguments(51, "51-60"),
        arguments(69, "61-70"),
        arguments(71, "71-80"),
        arguments(80, "71-80"),
        arguments(81, "81-90"),
        arguments(90, "81-90"),
        arguments(91, "91-100"),
        arguments(99, "91-100"),
        arguments(100, "91-100"));
  }

  @ParameterizedTest
  @MethodSource("ageGroups")
  void ageGroupsAreTensEndingInZero(int age, String group) {
    assertThat(Cleansing.ageGroup(age)).isEqualTo(group);
  }

  @Test
  void everyCleansedAgeHasOneOfTheTenGroups() {
    for (int age = 0; age <= 100; age++) {
      assertThat(Cleansing.ageGroup(age))
          .isIn(
              "0-10", "11-20", "21-30", "31-40", "41-50", "51-60", "61-70", "71-80", "81-90",
              "91-100");
    }
  }

  @Test
  void ageGroupIsNullWithoutAge() {
    assertThat(Cleansing.ageGroup(null)).isNull();
    assertThat(Cleansing.ageGroup(Cleansing.age("NULL"))).isNull();
    assertThat(Cleansing.ageGroup(Cleansing.age("244"))).isNull();
    assertThat(Cleansing.ageGroup(Cleansing.age("18"))).isEqualTo("11-20");
  }

  @Test
  void ageGroupRejectsAgesOutside0To100() {
    assertThatThrownBy(() -> Cleansing.ageGroup(101))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid age: 101 (expected 0 to 100)");
    assertThatThrownBy(() -> Cleansing.ageGroup(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void authorKeyIsTheLowerCasedCleansedAuthor() {
    assertThat(Cleansing.authorKey("Dan Brown")).isEqualTo("dan brown");
    assertThat(Cleansing.authorKey("DAN BROWN")).isEqualTo("dan brown");
    assertThat(Cleansing.authorKey("dan brown")).isEqualTo("dan brown");
    assertThat(Cleansing.authorKey(Cleansing.text("Mary-Kate &amp; Ashley Olsen")))
        .isEqualTo("mary-kate & ashley olsen");
    assertThat(Cleansing.authorKey("Gabriel Garc\u00cdA M\u00c1RQUEZ"))
        .isEqualTo("gabriel garc\u00eda m\u00e1rquez");
    assertThat(Cleansing.authorKey("E. J. W. Barber")).isEqualTo("e. j. w. barber");
    assertThat(Cleansing.authorKey(null)).isNull();
    assertThat(Cleansing.authorKey(Cleansing.text("  "))).isNull();
  }

  @Test
  void authorKeyDoesNotDependOnTheDefaultLocale() {
    // Locale.ROOT: an I is an i even on a Turkish machine; a dotted capital I keeps its dot as a
    // combining character, so the key can be longer than the author
    assertThat(Cleansing.authorKey("ISIK")).isEqualTo("isik");
    assertThat(Cleansing.authorKey("\u0130pek")).isEqualTo("i\u0307pek").hasSize(5);
    assertThat(Cleansing.authorKey("\u0131")).isEqualTo("\u0131");
  }

  @Test
  void checkedHoldsEitherAValueOrAProblem() {
    assertThat(Checked.valid(3)).isEqualTo(new Checked<>(3, null));
    assertThat(Checked.<Integer>rejected("bad")).isEqualTo(new Checked<Integer>(null, "bad"));
    assertThatThrownBy(() -> new Checked<>(3, "bad")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Checked<>(null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Checked.valid(null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Checked.rejected(null)).isInstanceOf(IllegalArgumentException.class);
  }
}
