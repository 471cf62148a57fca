package org.bookslakehouse.bronze;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.collect.AbstractIterator;
import com.univocity.parsers.common.TextParsingException;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import com.univocity.parsers.csv.UnescapedQuoteHandling;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.bookslakehouse.lake.LandingFileException;

/**
 * Reads the records of one BX file: {@code ;}-delimited, fields in {@code "} quotes with {@code \"}
 * escapes, bare {@code NULL} for a missing value, a header row, quoted fields that may span lines.
 *
 * <p>The header is matched to the source's columns by name (case and punctuation aside), so a file
 * with its columns in another order is read correctly. A record that does not fit (another field
 * count than the header, or any record of a file whose header lacks a column) keeps all its columns
 * {@code null} and carries its raw text and the reason in {@link BxRecord#rescuedData()}; values of
 * columns the source does not know land there too. Nothing is dropped.
 *
 * <p>Errors that make the rest of the file unreadable (an I/O error, a broken gzip stream) surface
 * as {@link LandingFileException} naming the file and the line.
 */
public final class BxRecordReader extends AbstractIterator<BxRecord> implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NULL_MARKER = "NULL";

  private final BxSource source;
  private final String file;
  private final CsvParser parser;
  private final String[] header;
  private final int[] columnOfField;
  private final String headerProblem;
  private long lastLine;
  private String lastRaw = "";

  public BxRecordReader(BxSource source, Reader reader, String file) {
    this.source = source;
    this.file = file;
    this.parser = new CsvParser(settings());
    try {
      parser.beginParsing(reader);
    } catch (TextParsingException | IllegalStateException e) {
      throw LandingFileException.unreadable(file, 1, rootCause(e));
    }
    String[] first = nextNonEmpty();
    this.header = first == null ? new String[0] : first;
    this.columnOfField = new int[header.length];
    this.headerProblem = first == null ? null : mapHeader();
  }

  /** The header fields as the file wrote them; empty for an empty file. */
  public List<String> header() {
    return Collections.unmodifiableList(Arrays.asList(header));
  }

  /** Why the header does not fit the source, or {@code null} when it does. */
  public String headerProblem() {
    return headerProblem;
  }

  private String mapHeader() {
    List<String> keys = source.header().stream().map(BxSource::matchKey).toList();
    boolean[] seen = new boolean[keys.size()];
    for (int i = 0; i < header.length; i++) {
      int column = header[i] == null ? -1 : keys.indexOf(BxSource.matchKey(header[i]));
      if (column >= 0 && seen[column]) {
        column = -1;
      }
      columnOfField[i] = column;
      if (column >= 0) {
        seen[column] = true;
      }
    }
    List<String> missing = new ArrayList<>();
    for (int c = 0; c < keys.size(); c++) {
      if (!seen[c]) {
        missing.add(source.header().get(c));
      }
    }
    if (missing.isEmpty()) {
      return null;
    }
    String found = Arrays.stream(header).map(h -> "\"" + h + "\"").collect(Collectors.joining(";"));
    String expected =
        source.header().stream().map(h -> "\"" + h + "\"").collect(Collectors.joining(";"));
    String hint = delimiterHint();
    return String.format(
        "the header does not match the %s source: missing %s; expected %s, found %s%s",
        source.folder(), missing, expected, found, hint);
  }

  private String delimiterHint() {
    if (header.length != 1 || header[0] == null) {
      return "";
    }
    for (char candidate : new char[] {',', '\t', '|'}) {
      if (header[0].indexOf(candidate) >= 0) {
        String shown = candidate == '\t' ? "tab" : "'" + candidate + "'";
        return " (the file looks " + shown + "-delimited; BX files are ';'-delimited)";
      }
    }
    return " (this is not a BX header: is the header line missing?)";
  }

  @Override
  protected BxRecord computeNext() {
    if (header.length == 0) {
      return endOfData();
    }
    String[] fields = nextNonEmpty();
    if (fields == null) {
      return endOfData();
    }
    String raw = lastRaw;
    long startLine = lastLine - newlines(raw);
    return toRecord(fields, raw, startLine);
  }

  /**
   * The next record that is not an empty line, counting lines as a text editor does (every LF, also
   * a bare one inside a quoted field); {@code null} at the end of the file.
   */
  private String[] nextNonEmpty() {
    while (true) {
      String[] fields = next(parser);
      if (fields == null) {
        return null;
      }
      String raw = stripNewlines(parser.getContext().currentParsedContent());
      lastRaw = raw;
      lastLine += 1 + newlines(raw);
      if (!(fields.length == 1 && fields[0] == null && raw.isEmpty())) {
        return fields;
      }
    }
  }

  private static String stripNewlines(String raw) {
    if (raw == null) {
      return "";
    }
    int end = raw.length();
    while (end > 0 && (raw.charAt(end - 1) == '\n' || raw.charAt(end - 1) == '\r')) {
      end--;
    }
    return raw.substring(0, end);
  }

  private static int newlines(String text) {
    int count = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        count++;
      }
    }
    return count;
  }

  /** True when a quote opened in the record is never closed: BX escapes quotes inside as \". */
  static boolean endsInsideQuotes(String raw) {
    boolean inside = false;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (inside && c == '\\' && i + 1 < raw.length() && raw.charAt(i + 1) == '"') {
        i++;
      } else if (c == '"') {
        inside = !inside;
      }
    }
    return inside;
  }

  private BxRecord toRecord(String[] fields, String raw, long line) {
    List<String> values = new ArrayList<>(Collections.nCopies(source.columns().size(), null));
    if (headerProblem != null) {
      return new BxRecord(values, rescued(headerProblem, fields, raw), line);
    }
    if (fields.length == header.length && endsInsideQuotes(raw)) {
      return new BxRecord(
          values,
          rescued(
              "the record ends inside a quoted field (a truncated file or an unbalanced quote)",
              fields,
              raw),
          line);
    }
    if (fields.length != header.length) {
      String reason =
          String.format(
              "%d field%s where the header has %d",
              fields.length, fields.length == 1 ? "" : "s", header.length);
      return new BxRecord(values, rescued(reason, fields, raw), line);
    }
    Map<String, String> extra = new TreeMap<>();
    for (int i = 0; i < fields.length; i++) {
      String value = NULL_MARKER.equals(fields[i]) ? null : fields[i];
      if (columnOfField[i] >= 0) {
        values.set(columnOfField[i], value);
      } else if (value != null) {
        extra.put(header[i] == null ? "_c" + i : header[i], value);
      }
    }
    String rescued = null;
    if (!extra.isEmpty()) {
      ObjectNode node = JSON.createObjectNode();
      node.put("reason", "columns the " + source.folder() + " source does not have");
      extra.forEach(node::put);
      rescued = node.toString();
    }
    return new BxRecord(values, rescued, line);
  }

  private static String rescued(String reason, String[] fields, String raw) {
    ObjectNode node = JSON.createObjectNode();
    node.put("reason", reason);
    ArrayNode parsed = node.putArray("fields");
    for (String field : fields) {
      parsed.add(field);
    }
    node.put("raw", raw);
    return node.toString();
  }

  private String[] next(CsvParser csv) {
    try {
      return csv.parseNext();
    } catch (TextParsingException | IllegalStateException e) {
      throw LandingFileException.unreadable(file, lastLine + 1, rootCause(e));
    }
  }

  private static Throwable rootCause(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause;
  }

  @Override
  public void close() {
    parser.stopParsing();
  }

  private static CsvParserSettings settings() {
    CsvParserSettings settings = new CsvParserSettings();
    settings.getFormat().setDelimiter(';');
    settings.getFormat().setQuote('"');
    settings.getFormat().setQuoteEscape('\\');
    settings.getFormat().setCharToEscapeQuoteEscaping('\0');
    settings.setLineSeparatorDetectionEnabled(true);
    settings.setIgnoreLeadingWhitespaces(false);
    settings.setIgnoreTrailingWhitespaces(false);
    settings.setIgnoreLeadingWhitespacesInQuotes(false);
    settings.setIgnoreTrailingWhitespacesInQuotes(false);
    settings.setKeepQuotes(false);
    settings.setNullValue(null);
    settings.setEmptyValue("");
    settings.setSkipEmptyLines(false);
    settings.setMaxCharsPerColumn(-1);
    settings.setMaxColumns(20_480);
    settings.setUnescapedQuoteHandling(UnescapedQuoteHandling.STOP_AT_DELIMITER);
    settings.setReadInputOnSeparateThread(false);
    settings.setCommentProcessingEnabled(false);
    settings.setErrorContentLength(200);
    return settings;
  }
}
