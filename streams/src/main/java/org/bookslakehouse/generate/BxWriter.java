package org.bookslakehouse.generate;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Writes one file in the BX dialect: ISO-8859-1, {@code ;} between fields, every field in double
 * quotes except a bare {@code NULL} (a {@code null} value), a double quote inside a field escaped
 * as {@code \"}, CRLF after every record, a header row. Streams: nothing is kept in memory.
 */
final class BxWriter implements AutoCloseable {
  private static final int BUFFER = 1 << 20;

  private final Writer out;
  private long records;

  /** A writer over {@code out}, without a header; {@link #open} writes a file with one. */
  BxWriter(Writer out) {
    this.out = out;
  }

  /** Opens {@code file} (gzip-compressed when its name ends in {@code .gz}) and writes a header. */
  static BxWriter open(Path file, List<String> header) throws IOException {
    Files.createDirectories(file.getParent());
    OutputStream stream = Files.newOutputStream(file);
    if (file.getFileName().toString().endsWith(".gz")) {
      stream = new GZIPOutputStream(stream, BUFFER);
    }
    BxWriter writer =
        new BxWriter(
            new BufferedWriter(
                new OutputStreamWriter(stream, StandardCharsets.ISO_8859_1), BUFFER));
    writer.writeFields(header.toArray(new String[0]));
    writer.records = 0;
    return writer;
  }

  /** Writes one record; a {@code null} field is written as a bare {@code NULL}. */
  void write(String... fields) throws IOException {
    writeFields(fields);
  }

  /**
   * Writes one record as given, plus CRLF: for rows the dialect cannot express field by field, like
   * the dump's column-shifted books rows.
   */
  void writeRaw(String line) throws IOException {
    out.write(line);
    out.write("\r\n");
    records++;
  }

  private void writeFields(String[] fields) throws IOException {
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        out.write(';');
      }
      writeField(out, fields[i]);
    }
    out.write("\r\n");
    records++;
  }

  static void writeField(Writer out, String value) throws IOException {
    if (value == null) {
      out.write("NULL");
      return;
    }
    out.write('"');
    int start = 0;
    for (int i = 0; i < value.length(); i++) {
      if (value.charAt(i) == '"') {
        out.write(value, start, i - start);
        out.write("\\\"");
        start = i + 1;
      }
    }
    out.write(value, start, value.length() - start);
    out.write('"');
  }

  /** Quotes one field as the dialect writes it (for raw lines). */
  static String quote(String value) {
    return value == null ? "NULL" : "\"" + value.replace("\"", "\\\"") + "\"";
  }

  long records() {
    return records;
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
