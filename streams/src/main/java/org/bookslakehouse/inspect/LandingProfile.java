package org.bookslakehouse.inspect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.base.CharMatcher;
import com.google.common.base.Preconditions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.bookslakehouse.bronze.BxRecord;
import org.bookslakehouse.bronze.BxSource;
import org.bookslakehouse.silver.Checked;
import org.bookslakehouse.silver.Cleansing;

/**
 * The data-inspection notebook as a pure accumulator: fed the records of one source's landed files
 * in landing order, it counts every quirk of the contract that applies to the source and keeps the
 * first examples (file, line, value) of each.
 *
 * <p>Validity is decided by the silver rules themselves ({@link Cleansing}), so the counts say what
 * silver will quarantine, blank or repair. Memory: the counts, the examples, and one entry per
 * distinct cleansed key (to find repeated keys); rows are not kept.
 *
 * <p>Not thread-safe.
 */
// the Javadoc and labels quote HTML entities as BX data holds them
@SuppressWarnings("EscapedEntity")
public final class LandingProfile {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ENTITY =
      Pattern.compile("&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9A-Fa-f]+);");
  private static final CharMatcher ISBN_CHARS = CharMatcher.anyOf("0123456789X");
  private static final int MAX_SHOWN_CHARS = 120;
  private static final int MAX_REASON_CHARS = 80;
  private static final String HEADER_PROBLEM = "the header does not match";
  private static final Pattern AT_LINE = Pattern.compile("at line (\\d+)");
  private static final int SHOWN_BEFORE = 40;
  private static final int BOOK_FIELDS = 8;
  private static final int MANY_PARTS = 5;

  private final BxSource source;
  private final int asOfYear;
  private final int maxExamples;
  private final List<String> header;
  private final int isbn;
  private final int userId;
  private final int title;
  private final int year;
  private final int age;
  private final int location;
  private final int rating;

  private final Map<Key, Tally> tallies = new LinkedHashMap<>();

  /** Each cleansed key seen so far, with the index of the last file it was seen in. */
  private final Map<String, Integer> keys = new HashMap<>();

  private String currentFile;
  private int fileIndex = -1;
  private long rows;

  private record Key(Quirk quirk, String detail) {}

  private static final class Tally {
    long count;
    final List<Example> examples = new ArrayList<>();
  }

  /**
   * @param source the source whose records are fed
   * @param asOfYear the as-of year: later years of publication are counted as future
   * @param maxExamples how many examples to keep per quirk (0 for none)
   */
  public LandingProfile(BxSource source, int asOfYear, int maxExamples) {
    Preconditions.checkArgument(source != null, "Invalid source: null");
    Preconditions.checkArgument(maxExamples >= 0, "Invalid examples: %s", maxExamples);
    this.source = source;
    this.asOfYear = asOfYear;
    this.maxExamples = maxExamples;
    this.header = source.header();
    this.isbn = header.indexOf("ISBN");
    this.userId = header.indexOf("User-ID");
    this.title = header.indexOf("Book-Title");
    this.year = header.indexOf("Year-Of-Publication");
    this.age = header.indexOf("Age");
    this.location = header.indexOf("Location");
    this.rating = header.indexOf("Book-Rating");
    register();
  }

  /** The quirks that apply to the source, so that they are reported even when none occurs. */
  private void register() {
    register(Quirk.ROWS, null);
    if (source == BxSource.BOOKS) {
      register(Quirk.SHIFTED_REPAIRABLE, null);
      register(Quirk.SHIFTED_NOT_REPAIRABLE, null);
    }
    for (String column : header) {
      register(Quirk.BARE_NULL, column);
    }
    for (Quirk quirk :
        List.of(
            Quirk.QUOTE,
            Quirk.BACKSLASH,
            Quirk.HTML_ENTITY,
            Quirk.HTML_ENTITY_KEPT,
            Quirk.NON_ASCII,
            Quirk.LINE_BREAK)) {
      register(quirk, null);
    }
    if (title >= 0) {
      register(Quirk.TITLE_ENDS_IN_QUOTE, null);
    }
    if (isbn >= 0) {
      register(Quirk.ISBN_CLEANSED, null);
    }
    if (year >= 0) {
      register(Quirk.YEAR_ZERO, null);
      register(Quirk.YEAR_BELOW_1000, null);
      register(Quirk.YEAR_FUTURE, "after " + asOfYear);
      register(Quirk.YEAR_NOT_INTEGER, null);
    }
    if (age >= 0) {
      register(Quirk.AGE_BELOW_5, null);
      register(Quirk.AGE_ABOVE_100, null);
      register(Quirk.AGE_NOT_INTEGER, null);
    }
    if (location >= 0) {
      register(Quirk.LOCATION_EMPTY, null);
      for (int parts = 1; parts <= MANY_PARTS; parts++) {
        register(Quirk.LOCATION_PARTS, partsBucket(parts));
      }
      register(Quirk.LOCATION_NA_PART, null);
      register(Quirk.LOCATION_EMPTY_PART, null);
    }
    if (rating >= 0) {
      register(Quirk.RATING_INVALID, null);
      register(Quirk.RATING_IMPLICIT, null);
      register(Quirk.RATING_EXPLICIT, null);
    }
    register(Quirk.KEY_REPEATED_IN_FILE, null);
    register(Quirk.KEY_REPEATED_ACROSS_FILES, null);
  }

  private void register(Quirk quirk, String detail) {
    tallies.computeIfAbsent(new Key(quirk, detail), k -> new Tally());
  }

  public BxSource source() {
    return source;
  }

  /** The records fed so far, rescued ones included. */
  public long rows() {
    return rows;
  }

  /**
   * Profiles one record. Feed the files in landing order (modification time, then name) and the
   * records of each file in file order: a file name that differs from the previous record's starts
   * a new file.
   *
   * @param file the landed file's name, as examples show it
   * @param record the parsed record
   */
  public void accept(String file, BxRecord record) {
    Preconditions.checkArgument(file != null, "Invalid file: null");
    if (!file.equals(currentFile)) {
      currentFile = file;
      fileIndex++;
    }
    rows++;
    tick(Quirk.ROWS, null);
    long line = record.lineNumber();
    List<String> values = record.values();
    if (record.rescued()) {
      JsonNode rescued = parse(record.rescuedData());
      String reason = reason(rescued.path("reason").asText("unknown"));
      JsonNode raw = rescued.get("raw");
      add(
          Quirk.RESCUED,
          reason,
          file,
          line,
          shorten(raw == null ? record.rescuedData() : raw.asText(), 0));
      JsonNode fields = rescued.get("fields");
      if (fields == null) {
        // extra columns only: the source's columns are mapped as usual
        profile(file, line, values);
        return;
      }
      if (source != BxSource.BOOKS || fields.size() != BOOK_FIELDS - 1) {
        return;
      }
      List<String> parsed = new ArrayList<>();
      fields.forEach(field -> parsed.add(field.isNull() ? null : field.asText()));
      Optional<List<String>> repaired = Cleansing.repairShiftedBook(parsed);
      String shown = shorten(raw == null ? String.join(";", parsed) : raw.asText(), 0);
      if (repaired.isEmpty()) {
        add(Quirk.SHIFTED_NOT_REPAIRABLE, null, file, line, shown);
        return;
      }
      add(Quirk.SHIFTED_REPAIRABLE, null, file, line, shown);
      // silver stores the repaired row: profile it as such
      values = repaired.get();
    }
    profile(file, line, values);
  }

  /** A rescue reason short enough for a label; a header problem is told in full per file. */
  private static String reason(String reason) {
    if (reason.startsWith(HEADER_PROBLEM)) {
      return "the header does not match the source";
    }
    return reason.length() <= MAX_REASON_CHARS
        ? reason
        : reason.substring(0, MAX_REASON_CHARS) + "...";
  }

  /** Records that a file could not be read to its end; its records read so far stay counted. */
  public void fileUnreadable(String file, String message) {
    Matcher at = AT_LINE.matcher(message == null ? "" : message);
    long line = at.find() ? Long.parseLong(at.group(1)) : 0;
    add(Quirk.UNREADABLE_FILE, null, file, line, String.valueOf(message));
  }

  /**
   * The counts, in report order: every quirk that applies to the source (zero when it did not
   * occur), then per quirk the details in the order they were first seen.
   */
  public List<QuirkCount> quirks() {
    List<QuirkCount> result = new ArrayList<>();
    tallies.forEach(
        (key, tally) ->
            result.add(new QuirkCount(key.quirk, key.detail, tally.count, tally.examples)));
    for (Quirk grouped : List.of(Quirk.RESCUED, Quirk.UNREADABLE_FILE)) {
      addZero(result, grouped);
    }
    if (userId >= 0) {
      addZero(result, Quirk.USER_ID_INVALID);
    }
    if (isbn >= 0) {
      addZero(result, Quirk.ISBN_INVALID);
    }
    result.sort(Comparator.comparing(QuirkCount::quirk));
    return Collections.unmodifiableList(result);
  }

  private static void addZero(List<QuirkCount> result, Quirk quirk) {
    if (result.stream().noneMatch(count -> count.quirk() == quirk)) {
      result.add(new QuirkCount(quirk, null, 0, List.of()));
    }
  }

  /** The count of one quirk (0 when it did not occur). */
  public long count(Quirk quirk, String detail) {
    Tally tally = tallies.get(new Key(quirk, detail));
    return tally == null ? 0 : tally.count;
  }

  private void profile(String file, long line, List<String> values) {
    for (int c = 0; c < values.size(); c++) {
      String value = values.get(c);
      if (value == null) {
        add(Quirk.BARE_NULL, header.get(c), file, line, shorten(row(values), 0));
      } else {
        text(file, line, header.get(c), value);
      }
    }
    String isbnKey = isbn >= 0 ? isbn(file, line, values.get(isbn)) : null;
    Integer id = userId >= 0 ? userId(file, line, values.get(userId)) : null;
    if (title >= 0) {
      String titleValue = values.get(title);
      if (titleValue != null && Cleansing.WHITESPACE.trimTrailingFrom(titleValue).endsWith("\"")) {
        add(Quirk.TITLE_ENDS_IN_QUOTE, null, file, line, shown(header.get(title), titleValue, -1));
      }
    }
    if (year >= 0) {
      year(file, line, values.get(year));
    }
    if (age >= 0) {
      age(file, line, values.get(age));
    }
    if (location >= 0) {
      location(file, line, values.get(location));
    }
    if (rating >= 0) {
      rating(file, line, values.get(rating));
    }
    String key = key(isbnKey, id);
    if (key != null) {
      Integer previous = keys.put(key, fileIndex);
      if (previous != null) {
        Quirk quirk =
            previous == fileIndex ? Quirk.KEY_REPEATED_IN_FILE : Quirk.KEY_REPEATED_ACROSS_FILES;
        add(quirk, null, file, line, "key " + key);
      }
    }
  }

  /** The cleansed key, or {@code null} when a part of it is invalid (the row is quarantined). */
  private String key(String isbnKey, Integer id) {
    return switch (source) {
      case BOOKS -> isbnKey;
      case USERS -> id == null ? null : id.toString();
      case RATINGS, RATINGS_DELETED -> id == null || isbnKey == null ? null : id + ";" + isbnKey;
    };
  }

  private void text(String file, long line, String column, String value) {
    int quote = value.indexOf('"');
    if (quote >= 0) {
      add(Quirk.QUOTE, null, file, line, shown(column, value, quote));
    }
    int backslash = value.indexOf('\\');
    if (backslash >= 0) {
      add(Quirk.BACKSLASH, null, file, line, shown(column, value, backslash));
    }
    if (value.indexOf('&') >= 0) {
      Matcher entity = ENTITY.matcher(value);
      int first = -1;
      int kept = -1;
      while (entity.find()) {
        first = first < 0 ? entity.start() : first;
        if (kept < 0 && !decodes(entity.group())) {
          kept = entity.start();
        }
      }
      if (first >= 0) {
        add(Quirk.HTML_ENTITY, null, file, line, shown(column, value, first));
      }
      if (kept >= 0) {
        add(Quirk.HTML_ENTITY_KEPT, null, file, line, shown(column, value, kept));
      }
    }
    int nonAscii = CharMatcher.ascii().negate().indexIn(value);
    if (nonAscii >= 0) {
      add(Quirk.NON_ASCII, null, file, line, shown(column, value, nonAscii));
    }
    int lineBreak = CharMatcher.anyOf("\r\n").indexIn(value);
    if (lineBreak >= 0) {
      add(Quirk.LINE_BREAK, null, file, line, shown(column, value, lineBreak));
    }
  }

  /** Whether the text rule decodes the entity (else it keeps it as written). */
  private static boolean decodes(String entity) {
    String probe = "a" + entity + "a";
    return !probe.equals(Cleansing.text(probe));
  }

  private String isbn(String file, long line, String raw) {
    Checked<String> checked = Cleansing.isbn(raw);
    if (checked.isValid()) {
      if (!checked.value().equals(raw)) {
        add(Quirk.ISBN_CLEANSED, null, file, line, shorten(raw, 0) + " -> " + checked.value());
      }
      return checked.value();
    }
    String cleansed = raw == null ? "" : Cleansing.isbnCleansed(raw);
    String reason;
    if (raw == null) {
      reason = "missing (NULL)";
    } else if (cleansed.isEmpty()) {
      reason = "missing (blank)";
    } else if (!ISBN_CHARS.matchesAllOf(cleansed)) {
      reason = "characters other than digits and X";
    } else if (cleansed.length() == 10 || cleansed.length() == 13) {
      reason = "X not in the 10th place";
    } else {
      reason = cleansed.length() + " characters";
    }
    String shown = raw == null ? "NULL" : shorten(raw, 0) + " -> " + shorten(cleansed, 0);
    add(Quirk.ISBN_INVALID, reason, file, line, shown);
    return null;
  }

  private Integer userId(String file, long line, String raw) {
    Checked<Integer> checked = Cleansing.userId(raw);
    if (checked.isValid()) {
      return checked.value();
    }
    Long value = integer(raw);
    String reason;
    if (raw == null) {
      reason = "missing (NULL)";
    } else if (Cleansing.WHITESPACE.trimFrom(raw).isEmpty()) {
      reason = "missing (blank)";
    } else if (value == null) {
      reason = "not an integer";
    } else if (value < 0) {
      reason = "negative";
    } else if (value == 0) {
      reason = "0";
    } else {
      reason = "above " + Integer.MAX_VALUE;
    }
    add(Quirk.USER_ID_INVALID, reason, file, line, raw == null ? "NULL" : shorten(raw, 0));
    return null;
  }

  private void year(String file, long line, String raw) {
    if (raw == null || Cleansing.year(raw, asOfYear) != null) {
      return;
    }
    Long value = integer(raw);
    String shown = "Year-Of-Publication: " + shorten(raw, 0);
    if (value == null) {
      add(Quirk.YEAR_NOT_INTEGER, null, file, line, shown);
    } else if (value == 0) {
      add(Quirk.YEAR_ZERO, null, file, line, shown);
    } else if (value < Cleansing.MIN_YEAR) {
      add(Quirk.YEAR_BELOW_1000, null, file, line, shown);
    } else {
      add(Quirk.YEAR_FUTURE, "after " + asOfYear, file, line, shown);
    }
  }

  private void age(String file, long line, String raw) {
    if (raw == null || Cleansing.age(raw) != null) {
      return;
    }
    Long value = integer(raw);
    String shown = "Age: " + shorten(raw, 0);
    if (value == null) {
      add(Quirk.AGE_NOT_INTEGER, null, file, line, shown);
    } else if (value < Cleansing.MIN_AGE) {
      add(Quirk.AGE_BELOW_5, null, file, line, shown);
    } else if (value > Cleansing.MAX_AGE) {
      add(Quirk.AGE_ABOVE_100, null, file, line, shown);
    }
  }

  private void location(String file, long line, String raw) {
    if (raw == null) {
      return;
    }
    List<String> parts = Cleansing.locationParts(raw);
    String shown = "Location: " + shorten(raw, 0);
    if (parts.isEmpty()) {
      add(Quirk.LOCATION_EMPTY, null, file, line, shown);
      return;
    }
    add(Quirk.LOCATION_PARTS, partsBucket(parts.size()), file, line, shown);
    if (parts.stream().anyMatch(Cleansing::isNotAvailable)) {
      add(Quirk.LOCATION_NA_PART, null, file, line, shown);
    }
    if (parts.stream().anyMatch(Cleansing::isEmptyPart)) {
      add(Quirk.LOCATION_EMPTY_PART, null, file, line, shown);
    }
  }

  private static String partsBucket(int parts) {
    return parts >= MANY_PARTS ? MANY_PARTS + "+" : Integer.toString(parts);
  }

  private void rating(String file, long line, String raw) {
    Checked<Integer> checked = Cleansing.rating(raw);
    if (!checked.isValid()) {
      add(
          Quirk.RATING_INVALID,
          null,
          file,
          line,
          "Book-Rating: " + (raw == null ? "NULL" : shorten(raw, 0)));
    } else if (Cleansing.isExplicit(checked.value())) {
      tick(Quirk.RATING_EXPLICIT, null);
    } else {
      tick(Quirk.RATING_IMPLICIT, null);
    }
  }

  /**
   * An integer field as silver reads it ({@link Cleansing#integer}), or a minus sign right before
   * such an integer: its negative value.
   */
  private static Long integer(String raw) {
    Long value = Cleansing.integer(raw);
    if (value != null || raw == null) {
      return value;
    }
    // Note: silver takes no sign (a signed value becomes NULL or is quarantined), but the report
    // names -3 by its value (below 5), not as "not an integer".
    String trimmed = Cleansing.WHITESPACE.trimLeadingFrom(raw);
    if (trimmed.length() < 2
        || trimmed.charAt(0) != '-'
        || Cleansing.WHITESPACE.matches(trimmed.charAt(1))) {
      return null;
    }
    Long magnitude = Cleansing.integer(trimmed.substring(1));
    return magnitude == null ? null : -magnitude;
  }

  private void tick(Quirk quirk, String detail) {
    tallies.computeIfAbsent(new Key(quirk, detail), k -> new Tally()).count++;
  }

  private void add(Quirk quirk, String detail, String file, long line, String shown) {
    Tally tally = tallies.computeIfAbsent(new Key(quirk, detail), k -> new Tally());
    tally.count++;
    if (tally.examples.size() < maxExamples) {
      tally.examples.add(new Example(file, line, shown));
    }
  }

  private static JsonNode parse(String rescuedData) {
    try {
      return JSON.readTree(rescuedData);
    } catch (JsonProcessingException e) {
      return JSON.createObjectNode().put("reason", "unreadable _rescued_data");
    }
  }

  /** The record as the dump writes it: quoted values, bare NULL. */
  private static String row(List<String> values) {
    return values.stream()
        .map(value -> value == null ? "NULL" : "\"" + value + "\"")
        .collect(Collectors.joining(";"));
  }

  /** {@code column: value}, the value cut around {@code at} when it is long. */
  private static String shown(String column, String value, int at) {
    return column + ": " + shorten(value, at);
  }

  /**
   * A value as the report shows it: control characters escaped ({@code \n}, {@code \r}, {@code \t},
   * {@code \u0000}), cut to about 120 characters around position {@code at} ({@code -1}: the end).
   */
  static String shorten(String value, int at) {
    int focus = at < 0 ? value.length() : at;
    int start = 0;
    int end = value.length();
    if (end > MAX_SHOWN_CHARS) {
      start = Math.max(0, Math.min(focus - SHOWN_BEFORE, value.length() - MAX_SHOWN_CHARS));
      end = start + MAX_SHOWN_CHARS;
    }
    StringBuilder shown = new StringBuilder();
    if (start > 0) {
      shown.append("...");
    }
    for (int i = start; i < end; i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\n' -> shown.append("\\n");
        case '\r' -> shown.append("\\r");
        case '\t' -> shown.append("\\t");
        default -> {
          if (Character.isISOControl(c)) {
            shown.append(String.format("\\u%04X", (int) c));
          } else {
            shown.append(c);
          }
        }
      }
    }
    if (end < value.length()) {
      shown.append("...");
    }
    return shown.toString();
  }
}
