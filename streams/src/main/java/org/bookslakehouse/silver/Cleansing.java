package org.bookslakehouse.silver;

import com.google.common.base.CharMatcher;
import com.google.common.base.Preconditions;
import com.google.common.base.Splitter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The silver cleansing rules of the product contract, as pure functions of the bronze strings.
 *
 * <p>Rules that can reject a row return {@link Checked}, whose problem names the raw value so that
 * the caller can quarantine the row with a readable reason. Rules that only blank a value (year,
 * age, text) return {@code null} instead.
 *
 * <p>Integers ({@link #year}, {@link #userId}, {@link #age}, {@link #rating}) are written the way
 * the BX dump writes them: ASCII digits only, surrounded by optional white space (trimmed). Leading
 * zeros are fine ({@code "007"} is 7). A sign, a decimal point ({@code "1999.0"}, {@code "18.5"}),
 * an exponent or a thousands separator make the value not an integer.
 */
// the Javadoc quotes HTML entities as BX data holds them, so they must render literally
@SuppressWarnings("EscapedEntity")
public final class Cleansing {
  /** The white space the contract trims and folds: space, tab, CR, LF, FF and VT. */
  public static final CharMatcher WHITESPACE = CharMatcher.anyOf(" \t\r\n\f\u000B");

  /** The earliest Year-Of-Publication kept; the latest is the run's as-of year. */
  public static final int MIN_YEAR = 1000;

  /** The youngest Age kept. */
  public static final int MIN_AGE = 5;

  /** The oldest Age kept. */
  public static final int MAX_AGE = 100;

  private static final CharMatcher ASCII_DIGITS = CharMatcher.inRange('0', '9');
  private static final CharMatcher ISBN_NOISE = CharMatcher.anyOf("- .\"\\");
  private static final Pattern VALID_ISBN = Pattern.compile("[0-9]{9}[0-9X]|[0-9]{13}");
  private static final Splitter COMMA = Splitter.on(',');
  private static final String NOT_AVAILABLE = "n/a";
  private static final String NULL_MARKER = "NULL";

  private static final int MAX_RATING = 10;
  private static final int AGE_GROUP_YEARS = 10;
  private static final List<AgeGroup> AGE_GROUPS = ageGroups();
  private static final int MAX_SHOWN_CHARS = 100;

  /** More digits than this (leading zeros aside) cannot fit in a long. */
  private static final int MAX_LONG_DIGITS = 18;

  private static final int BOOK_FIELDS = 8;
  private static final Pattern YEAR_LIKE = Pattern.compile("[0-9]{1,4}");
  private static final Pattern URL_LIKE = Pattern.compile("(?i)https?://\\S+");
  private static final String SWALLOWED_DELIMITER = "\";";

  private Cleansing() {}

  /**
   * Cleanses an ISBN: trims it, drops {@code -}, spaces, dots, double quotes and backslashes, and
   * upper-cases it ({@code "0 7322 6794 3"} becomes {@code 0732267943}, {@code \"8804501367\"}
   * becomes {@code 8804501367}, a final {@code x} becomes {@code X}).
   *
   * @param raw the ISBN as landed, or {@code null}
   * @return the cleansed ISBN when it is 9 digits then a digit or {@code X}, or 13 digits;
   *     otherwise rejected ({@code "missing ISBN"} for {@code null} or blank), naming the raw and
   *     the cleansed value. Short ISBNs are not zero-padded: {@code 342310538} is rejected.
   */
  public static Checked<String> isbn(String raw) {
    String trimmed = raw == null ? "" : WHITESPACE.trimFrom(raw);
    if (trimmed.isEmpty()) {
      return Checked.rejected("missing ISBN");
    }
    String cleansed = isbnCleansed(trimmed);
    if (VALID_ISBN.matcher(cleansed).matches()) {
      return Checked.valid(cleansed);
    }
    return Checked.rejected(
        String.format(
            "invalid ISBN '%s' (cleansed '%s'): expected 10 characters (9 digits then a digit or X)"
                + " or 13 digits",
            shown(raw), shown(cleansed)));
  }

  /**
   * The ISBN as {@link #isbn} cleanses it before it checks it, valid or not: trimmed, without
   * {@code -}, spaces, dots, double quotes and backslashes, upper-cased.
   *
   * @param raw the ISBN as landed, not {@code null}
   */
  public static String isbnCleansed(String raw) {
    return ISBN_NOISE.removeFrom(WHITESPACE.trimFrom(raw)).toUpperCase(Locale.ROOT);
  }

  /**
   * Cleanses a text value (title, author, publisher, location).
   *
   * <p>First HTML 4 named entities and numeric character references that end in {@code ;} are
   * decoded, once ({@code &amp;} is {@code &}, {@code &#304;} and {@code &#x130;} are {@code İ},
   * {@code &amp;amp;} is {@code &amp;}). Anything else stays as written: {@code b&h}, {@code &amp}
   * or {@code &#304} without {@code ;}, unknown names like {@code &foo;}, names in the wrong case
   * like {@code &AMP;}, the XML-only {@code &apos;}, and references to code points that are not
   * HTML 4 characters ({@code &#0;}, control characters such as {@code &#150;}, surrogates, above
   * U+10FFFF).
   *
   * <p>Then white space (space, tab, CR, LF, FF, VT, including decoded {@code &#10;}) is trimmed
   * and each run is folded to one space. Other spaces, like the no-break space of {@code &nbsp;},
   * are kept.
   *
   * @param raw the text as landed, or {@code null}
   * @return the cleansed text, or {@code null} when nothing is left
   */
  public static String text(String raw) {
    if (raw == null) {
      return null;
    }
    String folded = WHITESPACE.trimAndCollapseFrom(HtmlEntities.decode(raw), ' ');
    return folded.isEmpty() ? null : folded;
  }

  /**
   * Cleanses a Year-Of-Publication; an unusable year never rejects the row.
   *
   * @param raw the year as landed, or {@code null}
   * @param asOfYear the run's as-of year, the latest acceptable year
   * @return the year when it is an integer in [1000, asOfYear], else {@code null} ({@code "0"},
   *     {@code "2050"} after 2050, {@code "DK Publishing Inc"}, {@code "1999.0"})
   */
  public static Integer year(String raw, int asOfYear) {
    Preconditions.checkArgument(asOfYear >= MIN_YEAR, "Invalid as-of year: %s", asOfYear);
    Long value = integer(raw);
    return value != null && value >= MIN_YEAR && value <= asOfYear ? value.intValue() : null;
  }

  /**
   * Cleanses a User-ID.
   *
   * @param raw the User-ID as landed, or {@code null}
   * @return the id when it is an integer from 1 to {@link Integer#MAX_VALUE}, white space around it
   *     trimmed ({@code " 42 "} is 42); otherwise rejected, naming the raw value
   */
  public static Checked<Integer> userId(String raw) {
    if (raw == null || WHITESPACE.trimFrom(raw).isEmpty()) {
      return Checked.rejected("missing User-ID");
    }
    Long value = integer(raw);
    if (value == null || value < 1) {
      return Checked.rejected(
          String.format("invalid User-ID '%s': expected a positive integer", shown(raw)));
    }
    if (value > Integer.MAX_VALUE) {
      return Checked.rejected(
          String.format(
              "invalid User-ID '%s': expected a positive integer up to %d",
              shown(raw), Integer.MAX_VALUE));
    }
    return Checked.valid(value.intValue());
  }

  /**
   * Splits a user's Location into city, state and country.
   *
   * <p>The value is cleansed as {@link #text text} first, then split on {@code ,}: city, state,
   * country in that order, missing parts {@code null}. Each part is trimmed; an empty part or
   * {@code n/a} (any case, also when the dump wrote it in double quotes, {@code "n/a"}, as 652 real
   * users have it) becomes {@code null}. With more than three parts the city is the first, the
   * country the last, and the state the non-null middle parts joined by {@code ", "} ({@code null}
   * when none).
   *
   * @param raw the Location as landed, or {@code null}
   * @return the location; {@link Location#UNKNOWN} when there is none
   */
  public static Location location(String raw) {
    List<String> parts = locationParts(raw);
    if (parts.isEmpty()) {
      return Location.UNKNOWN;
    }
    parts.replaceAll(part -> isEmptyPart(part) || isNotAvailable(part) ? null : part);
    if (parts.size() <= 3) {
      return new Location(parts.get(0), part(parts, 1), part(parts, 2));
    }
    String state =
        parts.subList(1, parts.size() - 1).stream()
            .filter(Objects::nonNull)
            .collect(Collectors.joining(", "));
    return new Location(parts.get(0), state.isEmpty() ? null : state, parts.get(parts.size() - 1));
  }

  /**
   * Cleanses an Age; an unusable age never rejects the row.
   *
   * @param raw the age as landed, or {@code null} (a bare {@code NULL} in the dump)
   * @return the age when it is an integer in [5, 100], else {@code null} ({@code "0"}, {@code
   *     "200"}, {@code "-3"}, {@code "18.5"}, {@code "NULL"})
   */
  public static Integer age(String raw) {
    Long value = integer(raw);
    return value != null && value >= MIN_AGE && value <= MAX_AGE ? value.intValue() : null;
  }

  /**
   * Cleanses a Book-Rating.
   *
   * @param raw the rating as landed, or {@code null}
   * @return the rating when it is an integer from 0 to 10, white space around it trimmed; otherwise
   *     rejected, naming the raw value
   * @see #isExplicit(int)
   */
  public static Checked<Integer> rating(String raw) {
    if (raw == null || WHITESPACE.trimFrom(raw).isEmpty()) {
      return Checked.rejected("missing Book-Rating");
    }
    Long value = integer(raw);
    if (value == null || value > MAX_RATING) {
      return Checked.rejected(
          String.format(
              "invalid Book-Rating '%s': expected an integer from 0 to %d",
              shown(raw), MAX_RATING));
    }
    return Checked.valid(value.intValue());
  }

  /**
   * Whether a cleansed rating is explicit (1 to 10) rather than an implicit interaction (0).
   *
   * @throws IllegalArgumentException when the rating is not from 0 to 10
   */
  public static boolean isExplicit(int rating) {
    Preconditions.checkArgument(
        rating >= 0 && rating <= MAX_RATING, "Invalid rating: %s (expected 0 to 10)", rating);
    return rating > 0;
  }

  /**
   * The age group of a cleansed age: {@code 0-10}, {@code 11-20}, ..., {@code 91-100}.
   *
   * @param age an age from 0 to 100, or {@code null}
   * @return the group, or {@code null} without an age
   * @throws IllegalArgumentException when the age is outside 0 to 100
   * @see #ageGroupSql
   */
  public static String ageGroup(Integer age) {
    if (age == null) {
      return null;
    }
    Preconditions.checkArgument(
        age >= 0 && age <= MAX_AGE, "Invalid age: %s (expected 0 to 100)", age);
    return AGE_GROUPS.stream()
        .filter(group -> age <= group.high())
        .findFirst()
        .orElseThrow()
        .name();
  }

  /**
   * {@link #ageGroup} as a Spark SQL expression over an integer column, made from the same groups:
   * the group of an age from 0 to 100, NULL for NULL (and for an age outside 0 to 100, which silver
   * never holds).
   *
   * @param ageColumn the column (or expression) that holds the age
   */
  public static String ageGroupSql(String ageColumn) {
    StringBuilder sql = new StringBuilder("CASE");
    for (AgeGroup group : AGE_GROUPS) {
      sql.append(
          String.format(
              " WHEN %s BETWEEN %d AND %d THEN '%s'",
              ageColumn, group.low(), group.high(), group.name()));
    }
    return sql.append(" END").toString();
  }

  /** An age group: the ages from {@code low} to {@code high}. */
  private record AgeGroup(int low, int high) {
    String name() {
      return low + "-" + high;
    }
  }

  /** 0-10, then 10 years each up to 100: 11-20, ..., 91-100. */
  private static List<AgeGroup> ageGroups() {
    List<AgeGroup> groups = new ArrayList<>();
    groups.add(new AgeGroup(0, AGE_GROUP_YEARS));
    for (int high = 2 * AGE_GROUP_YEARS; high <= MAX_AGE; high += AGE_GROUP_YEARS) {
      groups.add(new AgeGroup(high - AGE_GROUP_YEARS + 1, high));
    }
    return List.copyOf(groups);
  }

  /**
   * The key that groups an author's spellings: the cleansed author lower-cased with {@link
   * Locale#ROOT}. Lower-casing can change the length: {@code İ} (U+0130) becomes {@code i} followed
   * by U+0307.
   *
   * @param cleansedAuthor an author cleansed by {@link #text}, or {@code null}
   * @return the key, or {@code null} without an author
   */
  public static String authorKey(String cleansedAuthor) {
    return cleansedAuthor == null ? null : cleansedAuthor.toLowerCase(Locale.ROOT);
  }

  /**
   * Repairs a books row shifted by one column.
   *
   * <p>A title ending in an escaped quote right before the delimiter ({@code ...Readers)\";James
   * Buckley";"2000";...}) makes a quote-aware parser with {@code \} escapes read 7 fields instead
   * of 8: the second holds {@code title";author} and the others are shifted left by one. The real
   * BX dump has three such rows (ISBNs 0789466953, 078946697X and 2070426769).
   *
   * <p>A row is repaired only when it has exactly that shape: 7 fields; the second contains {@code
   * ";} exactly once; the fourth (the year after repair) is 1 to 4 digits, empty or {@code NULL};
   * the last three (the image URLs) are {@code http(s)://} URLs. The second field is split at
   * {@code ";} into title and author. As for well-formed rows, a field that is {@code NULL} becomes
   * {@code null}. No value is cleansed here.
   *
   * @param fields the fields the parser returned for one books row, {@code null} for a missing one
   * @return the 8 values in header order (ISBN, title, author, year, publisher, image URLs S, M and
   *     L), or empty when the row does not have the shape of a shifted row
   */
  public static Optional<List<String>> repairShiftedBook(List<String> fields) {
    Preconditions.checkArgument(fields != null, "Invalid book fields: null");
    if (fields.size() != BOOK_FIELDS - 1) {
      return Optional.empty();
    }
    String merged = fields.get(1);
    if (merged != null
        && merged.length() > 2
        && merged.startsWith("\"")
        && merged.endsWith("\"")
        && merged.contains("\";\"")) {
      // The CSV parser gave up on the quoted field and returned it raw: "title";"author".
      merged = merged.substring(1, merged.length() - 1).replace("\";\"", "\";");
    }
    int split = merged == null ? -1 : merged.indexOf(SWALLOWED_DELIMITER);
    if (split < 0 || merged.indexOf(SWALLOWED_DELIMITER, split + 1) >= 0) {
      return Optional.empty();
    }
    if (!isYearLike(fields.get(2))) {
      return Optional.empty();
    }
    for (String url : fields.subList(4, 7)) {
      if (url == null || !URL_LIKE.matcher(url).matches()) {
        return Optional.empty();
      }
    }
    List<String> repaired = new ArrayList<>(BOOK_FIELDS);
    repaired.add(fields.get(0));
    repaired.add(merged.substring(0, split));
    repaired.add(merged.substring(split + SWALLOWED_DELIMITER.length()));
    repaired.addAll(fields.subList(2, 7));
    repaired.replaceAll(value -> NULL_MARKER.equals(value) ? null : value);
    return Optional.of(Collections.unmodifiableList(repaired));
  }

  private static boolean isYearLike(String value) {
    if (value == null || NULL_MARKER.equals(value)) {
      return true;
    }
    String trimmed = WHITESPACE.trimFrom(value);
    return trimmed.isEmpty() || YEAR_LIKE.matcher(trimmed).matches();
  }

  /**
   * The parts of a Location as {@link #location} splits them, before it makes any {@code null}: the
   * {@link #text cleansed} value split on {@code ,}, each part trimmed.
   *
   * @param raw the Location as landed, or {@code null}
   * @return the parts (a new, modifiable list); empty when the cleansed value is {@code null}
   */
  public static List<String> locationParts(String raw) {
    String text = text(raw);
    if (text == null) {
      return new ArrayList<>();
    }
    return COMMA.splitToList(text).stream()
        .map(WHITESPACE::trimFrom)
        .collect(Collectors.toCollection(ArrayList::new));
  }

  /** Whether {@link #location} makes a part {@code null} as empty (also {@code ""}, quoted). */
  public static boolean isEmptyPart(String part) {
    return unquoted(part).isEmpty();
  }

  /** Whether {@link #location} makes a part {@code null} as {@code n/a} (any case, also quoted). */
  public static boolean isNotAvailable(String part) {
    return NOT_AVAILABLE.equalsIgnoreCase(unquoted(part));
  }

  /** A trimmed Location part without the double quotes around it, trimmed again. */
  private static String unquoted(String part) {
    if (part.length() >= 2 && part.startsWith("\"") && part.endsWith("\"")) {
      return WHITESPACE.trimFrom(part.substring(1, part.length() - 1));
    }
    return part;
  }

  private static String part(List<String> parts, int index) {
    return index < parts.size() ? parts.get(index) : null;
  }

  /**
   * An integer field (Year-Of-Publication, User-ID, Age, Book-Rating) as the rules read it: ASCII
   * digits with optional white space around them (see the class comment).
   *
   * @param raw the value as landed, or {@code null}
   * @return its value, {@link Long#MAX_VALUE} when it is too large for a long, or {@code null} when
   *     it is not such an integer (a sign, a decimal point, blank, {@code null})
   */
  public static Long integer(String raw) {
    if (raw == null) {
      return null;
    }
    String digits = WHITESPACE.trimFrom(raw);
    if (digits.isEmpty() || !ASCII_DIGITS.matchesAllOf(digits)) {
      return null;
    }
    String significant = CharMatcher.is('0').trimLeadingFrom(digits);
    if (significant.length() > MAX_LONG_DIGITS) {
      return Long.MAX_VALUE;
    }
    return significant.isEmpty() ? 0L : Long.parseLong(significant);
  }

  /** A raw value as a quarantine reason shows it: cut after 100 characters. */
  private static String shown(String raw) {
    return raw.length() <= MAX_SHOWN_CHARS ? raw : raw.substring(0, MAX_SHOWN_CHARS) + "...";
  }
}
