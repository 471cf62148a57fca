package org.bookslakehouse.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.base.Preconditions;
import com.univocity.parsers.csv.CsvWriter;
import com.univocity.parsers.csv.CsvWriterSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.OptionalInt;
import org.apache.spark.sql.Dataset;
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

  /**
   * The most rows the table view shows when no limit was asked for; it then says how many it left
   * out. CSV and JSON, the export formats, have no such cap.
   */
  static final int TABLE_ROWS = 10_000;

  private ResultPrinter() {}

  /**
   * Prints a statement's result. CSV and JSON print every row, or the first {@code limit} when one
   * is given (streamed, a partition at a time, so an export needs no memory for all its rows). The
   * table view prints at most {@code limit} rows, else {@link #TABLE_ROWS}, and when it leaves rows
   * out it says how many and how to see them ({@code moreHint}, e.g. "use --format csv").
   *
   * @param notes where the note about rows cut by the user's limit goes (standard error)
   */
  static void show(
      Dataset<Row> result,
      Format format,
      OptionalInt limit,
      String moreHint,
      PrintWriter out,
      PrintWriter notes) {
    StructType schema = result.schema();
    if (format == Format.TABLE) {
      int cap = limit.orElse(TABLE_ROWS);
      List<Row> rows = result.limit(cap + 1).collectAsList();
      long omitted = 0;
      if (rows.size() > cap) {
        rows = rows.subList(0, cap);
        omitted = result.count() - cap;
      }
      table(schema.fieldNames(), cells(schema, rows), omitted, moreHint, out);
      out.flush();
      return;
    }
    Iterator<Row> rows =
        limit.isPresent()
            ? result.limit(limit.getAsInt() + 1).toLocalIterator()
            : result.toLocalIterator();
    CutIterator shown = new CutIterator(rows, limit.orElse(Integer.MAX_VALUE));
    print(schema, shown, format, out);
    if (shown.cut) {
      notes.printf("(only the first %,d rows are shown)%n", limit.getAsInt());
      notes.flush();
    }
  }

  static void print(StructType schema, List<Row> rows, Format format, PrintWriter out) {
    if (format == Format.TABLE) {
      table(schema.fieldNames(), cells(schema, rows), 0, "", out);
      out.flush();
    } else {
      print(schema, rows.iterator(), format, out);
    }
  }

  /** CSV or JSON, a row at a time. */
  private static void print(StructType schema, Iterator<Row> rows, Format format, PrintWriter out) {
    Preconditions.checkArgument(format != Format.TABLE, "The table view needs all its rows");
    if (format == Format.CSV) {
      csv(schema.fieldNames(), rows, out);
    } else {
      json(schema.fieldNames(), rows, out);
    }
    out.flush();
  }

  private static List<String[]> cells(StructType schema, List<Row> rows) {
    List<String[]> cells = new ArrayList<>(rows.size());
    for (Row row : rows) {
      cells.add(cells(schema.size(), row));
    }
    return cells;
  }

  private static String[] cells(int columns, Row row) {
    String[] values = new String[columns];
    for (int i = 0; i < columns; i++) {
      values[i] = row.isNullAt(i) ? null : String.valueOf(row.get(i));
    }
    return values;
  }

  private static void table(
      String[] columns, List<String[]> cells, long omitted, String moreHint, PrintWriter out) {
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
    if (omitted > 0) {
      out.printf(
          "%,d rows shown; %,d more row%s not shown: %s%n",
          cells.size(), omitted, omitted == 1 ? "" : "s", moreHint);
    } else {
      out.printf("%d row%s%n", cells.size(), cells.size() == 1 ? "" : "s");
    }
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

  private static void csv(String[] columns, Iterator<Row> rows, PrintWriter out) {
    CsvWriterSettings settings = new CsvWriterSettings();
    settings.getFormat().setLineSeparator("\n");
    settings.setQuoteEscapingEnabled(true);
    CsvWriter writer = new CsvWriter(out, settings);
    writer.writeHeaders(columns);
    while (rows.hasNext()) {
      writer.writeRow((Object[]) cells(columns.length, rows.next()));
    }
    writer.flush();
  }

  private static void json(String[] columns, Iterator<Row> rows, PrintWriter out) {
    ObjectMapper mapper = new ObjectMapper().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    try (JsonGenerator json = mapper.getFactory().createGenerator(out)) {
      json.useDefaultPrettyPrinter();
      json.writeStartArray();
      while (rows.hasNext()) {
        Row row = rows.next();
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

  /** The first {@code max} rows of an iterator; remembers whether there were more. */
  private static final class CutIterator implements Iterator<Row> {
    private final Iterator<Row> rows;
    private final int max;
    private int taken;
    private boolean cut;

    CutIterator(Iterator<Row> rows, int max) {
      this.rows = rows;
      this.max = max;
    }

    @Override
    public boolean hasNext() {
      if (!rows.hasNext()) {
        return false;
      }
      if (taken >= max) {
        cut = true;
        return false;
      }
      return true;
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      taken++;
      return rows.next();
    }
  }
}
