package org.bookslakehouse.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.bookslakehouse.config.Settings;
import org.bookslakehouse.inspect.Example;
import org.bookslakehouse.inspect.FileReport;
import org.bookslakehouse.inspect.QuirkCount;
import org.bookslakehouse.inspect.SourceReport;

/**
 * Prints the reports of {@code books inspect}: a text report with one table per source, CSV (one
 * row per quirk) or one JSON document.
 */
final class InspectPrinter {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final String FOLDER_MISSING = "landing-folder-missing";

  private InspectPrinter() {}

  static void print(
      Settings settings,
      List<SourceReport> reports,
      ResultPrinter.Format format,
      PrintWriter out,
      PrintWriter err) {
    switch (format) {
      case TABLE -> table(settings, reports, out);
      case CSV -> csv(reports, out);
      case JSON -> json(settings, reports, out);
    }
    out.flush();
    if (format != ResultPrinter.Format.TABLE) {
      for (SourceReport report : reports) {
        if (!report.folderExists()) {
          err.println("books inspect: no landing folder " + report.folder());
        }
        for (FileReport file : report.files()) {
          if (file.error() != null) {
            err.println("books inspect: " + file.error());
          }
        }
      }
      err.flush();
    }
  }

  private static void table(Settings settings, List<SourceReport> reports, PrintWriter out) {
    out.printf(
        "Landing zone %s, as of %s (read only: no table is written).%n",
        settings.landing(), settings.asOf());
    for (SourceReport report : reports) {
      out.println();
      if (!report.folderExists()) {
        out.printf(
            "%s: no landing folder %s: nothing to inspect.%n",
            report.source().folder(), report.folder());
        continue;
      }
      out.printf(
          "%s: %s/ (%s, %d row%s)%n",
          report.source().folder(),
          report.folder(),
          plural(report.files().size(), "file"),
          report.rows(),
          report.rows() == 1 ? "" : "s");
      for (FileReport file : report.files()) {
        out.printf(
            "  %s UTC  %s  %d rows, %d bytes%n",
            TIME.format(Instant.ofEpochMilli(file.modificationTime())),
            file.name(),
            file.rows(),
            file.bytes());
        if (file.headerProblem() != null) {
          out.println("    header problem: " + file.headerProblem());
        }
        if (file.error() != null) {
          out.println("    UNREADABLE: " + file.error());
        }
      }
      if (!report.ignored().isEmpty()) {
        out.println(
            "  not read (not *.csv or *.csv.gz, hidden, or a folder): "
                + String.join(", ", report.ignored()));
      }
      quirkTable(report.quirks(), out);
    }
    out.println();
    long files = reports.stream().mapToLong(report -> report.files().size()).sum();
    long rows = reports.stream().mapToLong(SourceReport::rows).sum();
    long unreadable = reports.stream().mapToLong(SourceReport::unreadableFiles).sum();
    long missing = reports.stream().filter(report -> !report.folderExists()).count();
    out.printf(
        "Total: %s, %s, %d rows, %s, %s.%n",
        plural(reports.size(), "source"),
        plural(files, "file"),
        rows,
        plural(unreadable, "unreadable file"),
        plural(missing, "missing folder"));
  }

  private static void quirkTable(List<QuirkCount> quirks, PrintWriter out) {
    String[] headings = {"quirk", "count", "examples (file:line value)"};
    int labelWidth = headings[0].length();
    int countWidth = headings[1].length();
    int exampleWidth = headings[2].length();
    for (QuirkCount quirk : quirks) {
      labelWidth = Math.max(labelWidth, quirk.label().length());
      countWidth = Math.max(countWidth, Long.toString(quirk.count()).length());
      for (Example example : quirk.examples()) {
        exampleWidth = Math.max(exampleWidth, example.shown().length());
      }
    }
    String rule =
        "+"
            + "-".repeat(labelWidth + 2)
            + "+"
            + "-".repeat(countWidth + 2)
            + "+"
            + "-".repeat(exampleWidth + 2)
            + "+";
    String pattern = "| %-" + labelWidth + "s | %" + countWidth + "s | %-" + exampleWidth + "s |%n";
    out.println(rule);
    out.printf(pattern, (Object[]) headings);
    out.println(rule);
    for (QuirkCount quirk : quirks) {
      List<Example> examples = quirk.examples();
      out.printf(
          pattern, quirk.label(), quirk.count(), examples.isEmpty() ? "" : examples.get(0).shown());
      for (Example example : examples.subList(Math.min(1, examples.size()), examples.size())) {
        out.printf(pattern, "", "", example.shown());
      }
    }
    out.println(rule);
  }

  private static String plural(long count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }

  private static void csv(List<SourceReport> reports, PrintWriter out) {
    StructType schema =
        new StructType()
            .add("source", DataTypes.StringType)
            .add("quirk", DataTypes.StringType)
            .add("detail", DataTypes.StringType)
            .add("count", DataTypes.LongType)
            .add("examples", DataTypes.StringType);
    List<Row> rows = new ArrayList<>();
    for (SourceReport report : reports) {
      String source = report.source().folder();
      if (!report.folderExists()) {
        rows.add(RowFactory.create(source, FOLDER_MISSING, report.folder(), 1L, null));
        continue;
      }
      for (QuirkCount quirk : report.quirks()) {
        String examples =
            quirk.examples().stream().map(Example::shown).collect(Collectors.joining(" | "));
        rows.add(
            RowFactory.create(
                source,
                quirk.quirk().id(),
                quirk.detail(),
                quirk.count(),
                examples.isEmpty() ? null : examples));
      }
    }
    ResultPrinter.print(schema, rows, ResultPrinter.Format.CSV, out);
  }

  private static void json(Settings settings, List<SourceReport> reports, PrintWriter out) {
    ObjectMapper mapper =
        new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    ObjectNode root = mapper.createObjectNode();
    root.put("landing", settings.landing());
    root.put("as_of", settings.asOf().toString());
    ArrayNode sources = root.putArray("sources");
    long files = 0;
    long rows = 0;
    long unreadable = 0;
    for (SourceReport report : reports) {
      putSource(sources.addObject(), report);
      files += report.files().size();
      rows += report.rows();
      unreadable += report.unreadableFiles();
    }
    ObjectNode totals = root.putObject("totals");
    totals.put("sources", reports.size());
    totals.put("files", files);
    totals.put("rows", rows);
    totals.put("unreadable_files", unreadable);
    totals.put("missing_folders", reports.stream().filter(r -> !r.folderExists()).count());
    try {
      mapper.writeValue(out, root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.println();
  }

  /** One source's report in JSON: its folder, files, ignored names, rows and quirks. */
  private static void putSource(ObjectNode source, SourceReport report) {
    source.put("source", report.source().folder());
    source.put("folder", report.folder());
    source.put("folder_exists", report.folderExists());
    ArrayNode fileNodes = source.putArray("files");
    for (FileReport file : report.files()) {
      ObjectNode node = fileNodes.addObject();
      node.put("file", file.name());
      node.put("path", file.path());
      node.put("modification_time", Instant.ofEpochMilli(file.modificationTime()).toString());
      node.put("bytes", file.bytes());
      node.put("rows", file.rows());
      node.put("header_problem", file.headerProblem());
      node.put("error", file.error());
    }
    ArrayNode ignored = source.putArray("ignored");
    report.ignored().forEach(ignored::add);
    source.put("rows", report.rows());
    ArrayNode quirks = source.putArray("quirks");
    for (QuirkCount quirk : report.quirks()) {
      ObjectNode node = quirks.addObject();
      node.put("quirk", quirk.quirk().id());
      node.put("detail", quirk.detail());
      node.put("label", quirk.label());
      node.put("count", quirk.count());
      ArrayNode examples = node.putArray("examples");
      for (Example example : quirk.examples()) {
        examples
            .addObject()
            .put("file", example.file())
            .put("line", example.line())
            .put("value", example.value());
      }
    }
  }
}
