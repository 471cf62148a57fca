package org.bookslakehouse.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.univocity.parsers.csv.CsvWriter;
import com.univocity.parsers.csv.CsvWriterSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/** Prints query results as an aligned text table, CSV with a header row, or a JSON array. */
final class ResultPrinter {
  /** The output formats. */
  enum Format {
    TABLE,
    CSV,
    JSON;

    static Format parse(String value) {
      try {
        return valueOf(value.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "Unknown format '" + value + "': use table, csv or json.", e);
      }
    }
  }

  private ResultPrinter() {}

  static void print(StructType schema, List<Row> rows, Format format, PrintWriter out) {
    String[] columns = schema.fieldNames();
    List<String[]> cells = new ArrayList<>(rows.size());
    for (Row row : rows) {
      String[] values = new String[columns.length];
      for (int i = 0; i < columns.length; i++) {
        values[i] = row.isNullAt(i) ? null : String.valueOf(row.get(i));
      }
      cells.add(values);
    }
    switch (format) {
      case TABLE -> table(columns, cells, out);
      case CSV -> csv(columns, cells, out);
      case JSON -> json(columns, rows, out);
    }
    out.flush();
  }

  private static void table(String[] columns, List<String[]> cells, PrintWriter out) {
    int[] widths = new int[columns.length];
    for (int i = 0; i < columns.length; i++) {
      widths[i] = columns[i].length();
      for (String[] row : cells) {
        widths[i] = Math.max(widths[i], shown(row[i]).length());
      }
    }
    StringBuilder rule = new StringBuilder("+");
    for (int width : widths) {
      rule.append("-".repeat(width + 2)).append('+');
    }
    out.println(rule);
    out.println(line(columns, widths));
    out.println(rule);
    for (String[] row : cells) {
      String[] shown = new String[row.length];
      for (int i = 0; i < row.length; i++) {
        shown[i] = shown(row[i]);
      }
      out.println(line(shown, widths));
    }
    out.println(rule);
    out.printf("%d row%s%n", cells.size(), cells.size() == 1 ? "" : "s");
  }

  private static String shown(String value) {
    return value == null ? "NULL" : value.replace('\n', ' ').replace('\r', ' ');
  }

  private static String line(String[] values, int[] widths) {
    StringBuilder line = new StringBuilder("|");
    for (int i = 0; i < values.length; i++) {
      line.append(' ').append(values[i]).append(" ".repeat(widths[i] - values[i].length()));
      line.append(" |");
    }
    return line.toString();
  }

  private static void csv(String[] columns, List<String[]> cells, PrintWriter out) {
    CsvWriterSettings settings = new CsvWriterSettings();
    settings.getFormat().setLineSeparator("\n");
    settings.setQuoteEscapingEnabled(true);
    CsvWriter writer = new CsvWriter(out, settings);
    writer.writeHeaders(columns);
    for (String[] row : cells) {
      writer.writeRow((Object[]) row);
    }
    writer.flush();
  }

  private static void json(String[] columns, List<Row> rows, PrintWriter out) {
    ObjectMapper mapper = new ObjectMapper().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    try (JsonGenerator json = mapper.getFactory().createGenerator(out)) {
      json.useDefaultPrettyPrinter();
      json.writeStartArray();
      for (Row row : rows) {
        json.writeStartObject();
        for (int i = 0; i < columns.length; i++) {
          json.writeFieldName(columns[i]);
          Object value = row.isNullAt(i) ? null : row.get(i);
          if (value == null) {
            json.writeNull();
          } else if (value instanceof Number || value instanceof Boolean) {
            mapper.writeValue(json, value);
          } else {
            json.writeString(String.valueOf(value));
          }
        }
        json.writeEndObject();
      }
      json.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.println();
  }
}
