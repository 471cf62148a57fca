package org.bookslakehouse.it;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * A test-side reader of the BX dialect, written from the contract and independent of the
 * pipeline's: {@code ;} between fields, fields in {@code "} with {@code \"} for a quote inside,
 * bare {@code NULL}, ISO-8859-1, CRLF or LF, a header row, {@code .csv} or {@code .csv.gz}. A quote
 * inside a quoted field that is not followed by {@code ;} or the end of the line is kept as text.
 */
final class BxFile {
  private BxFile() {}

  /** The data records of a landed file (the header dropped), each a list of fields. */
  static List<List<String>> records(Path file) throws IOException {
    String text;
    try (InputStream in = open(file)) {
      text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
    List<List<String>> records = parse(text);
    return records.isEmpty() ? records : records.subList(1, records.size());
  }

  private static InputStream open(Path file) throws IOException {
    InputStream in = Files.newInputStream(file);
    return file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(in) : in;
  }

  static List<List<String>> parse(String text) {
    List<List<String>> records = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    int i = 0;
    int n = text.length();
    while (i < n) {
      StringBuilder field = new StringBuilder();
      boolean quoted = text.charAt(i) == '"';
      if (quoted) {
        i++;
        while (i < n) {
          char c = text.charAt(i);
          if (c == '\\' && i + 1 < n && text.charAt(i + 1) == '"') {
            field.append('"');
            i += 2;
          } else if (c == '"' && (i + 1 == n || isEnd(text.charAt(i + 1)))) {
            i++;
            break;
          } else {
            field.append(c);
            i++;
          }
        }
        fields.add(field.toString());
      } else {
        while (i < n && !isEnd(text.charAt(i))) {
          field.append(text.charAt(i++));
        }
        String value = field.toString();
        fields.add(value.equals("NULL") ? null : value);
      }
      if (i < n && text.charAt(i) == ';') {
        i++;
        if (i == n) {
          fields.add("");
        }
        continue;
      }
      // End of the record: CRLF, LF or the end of the text.
      if (i < n && text.charAt(i) == '\r') {
        i++;
      }
      if (i < n && text.charAt(i) == '\n') {
        i++;
      }
      records.add(fields);
      fields = new ArrayList<>();
    }
    if (!fields.isEmpty()) {
      records.add(fields);
    }
    return records;
  }

  private static boolean isEnd(char c) {
    return c == ';' || c == '\r' || c == '\n';
  }
}
