package org.bookslakehouse.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.text.StringEscapeUtils;
import org.bookslakehouse.pipeline.TableRegistry;

/**
 * The data-quality and operations report: {@code index.html} with the charts beside it, and under
 * each chart the figures it draws (each number carries a {@code data-key}, so that a test can
 * compare the page with {@code pipeline_runs}). It loads nothing from the network; a small inline
 * script marks each image as rendered or says which one could not be loaded.
 */
public final class HtmlReport {
  public static final String INDEX = "index.html";
  public static final String LINEAGE = "lineage.svg";

  private static final String STYLE =
      "body{font-family:sans-serif;margin:24px;color:#222;max-width:1000px}"
          + "h1{font-size:22px}h2{font-size:17px;margin-top:32px}"
          + "table{border-collapse:collapse;font-size:12px;margin:8px 0}"
          + "td,th{border:1px solid #ccc;padding:2px 8px}td.n{text-align:right}"
          + "p.note{color:#555;font-size:13px}p.missing{color:#b00;font-weight:bold}"
          + "details{margin:6px 0}";

  private static final String CHECK_IMAGES =
      "window.addEventListener('load',function(){for(const img of document.images){"
          + "const ok=img.complete&&img.naturalWidth>0;"
          + "img.setAttribute('data-rendered',ok?'true':'false');"
          + "img.setAttribute('data-natural-width',String(img.naturalWidth));"
          + "if(!ok){console.error('image not rendered: '+img.getAttribute('src'));"
          + "const p=document.createElement('p');p.className='missing';"
          + "p.textContent='This image could not be loaded: '+img.getAttribute('src')"
          + "+' (keep the image files beside index.html).';img.after(p);}}"
          + "document.body.setAttribute('data-loaded','true');});";

  private HtmlReport() {}

  /** Writes the report into {@code dir}; returns the page's path. */
  public static Path write(Path dir, RunFigures figures, TableRegistry registry, String lake)
      throws IOException {
    Files.createDirectories(dir);
    ReportCharts charts = new ReportCharts(figures);
    List<ReportCharts.Chart> images = charts.write(dir);
    Files.writeString(dir.resolve(LINEAGE), LineageSvg.of(registry), StandardCharsets.UTF_8);
    Map<String, String> labels = charts.runLabels();
    StringBuilder html = new StringBuilder();
    head(html, figures, lake);
    rowsByLayer(html, images.get(0), figures, labels);
    quarantinedByReason(html, images.get(1), figures, labels);
    durations(html, images.get(2), figures, labels);
    lastChange(html, images.get(3), figures, labels);
    lineage(html);
    Path index = dir.resolve(INDEX);
    Files.writeString(index, html.toString(), StandardCharsets.UTF_8);
    return index;
  }

  /** The page's head, title and what it was written from. */
  private static void head(StringBuilder html, RunFigures figures, String lake) {
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>books-lakehouse: data quality and operations</title>")
        .append("<style>")
        .append(STYLE)
        .append("</style><script>")
        .append(CHECK_IMAGES)
        .append("</script></head><body>\n")
        .append("<h1>books-lakehouse: data quality and operations</h1>\n")
        .append(
            p(
                "Lake "
                    + lake
                    + ". "
                    + figures.runs().size()
                    + " runs of books run in pipeline_runs. Written "
                    + Instant.now()
                    + "."));
    if (figures.runs().isEmpty()) {
      html.append(p("No run is recorded yet: run books run, then write this report again."));
    }
  }

  /** Rows each layer's tasks read and wrote, per run: the chart and its figures. */
  private static void rowsByLayer(
      StringBuilder html,
      ReportCharts.Chart chart,
      RunFigures figures,
      Map<String, String> labels) {
    html.append(section(chart, "Rows each layer's tasks read and wrote, per run."));
    html.append("<details><summary>figures</summary><table><tr><th>run</th><th>layer</th>")
        .append("<th>rows in</th><th>rows out</th></tr>\n");
    figures
        .rowsByLayer()
        .forEach(
            (run, layers) ->
                layers.forEach(
                    (layer, rows) ->
                        html.append("<tr><td>")
                            .append(esc(labels.get(run)))
                            .append("</td><td>")
                            .append(esc(layer))
                            .append("</td>")
                            .append(number("rows_in|" + run + "|" + layer, rows.in()))
                            .append(number("rows_out|" + run + "|" + layer, rows.out()))
                            .append("</tr>\n")));
    html.append("</table></details>\n");
  }

  /** Rows the silver tasks quarantined, by reason, per run: the chart and its figures. */
  private static void quarantinedByReason(
      StringBuilder html,
      ReportCharts.Chart chart,
      RunFigures figures,
      Map<String, String> labels) {
    html.append(section(chart, "Rows the silver tasks quarantined, by reason, per run."));
    html.append("<details><summary>figures</summary><table><tr><th>run</th><th>reason</th>")
        .append("<th>rows</th></tr>\n");
    figures
        .quarantinedByReason()
        .forEach(
            (run, reasons) ->
                reasons.forEach(
                    (reason, rows) ->
                        html.append("<tr><td>")
                            .append(esc(labels.get(run)))
                            .append("</td><td>")
                            .append(esc(reason))
                            .append("</td>")
                            .append(number("quarantined|" + run + "|" + reason, rows))
                            .append("</tr>\n")));
    html.append("</table></details>\n");
  }

  /** Each task's duration per run: the chart and its figures. */
  private static void durations(
      StringBuilder html,
      ReportCharts.Chart chart,
      RunFigures figures,
      Map<String, String> labels) {
    html.append(section(chart, "Each task's duration per run, in seconds."));
    html.append("<details><summary>figures</summary><table><tr><th>run</th><th>task</th>")
        .append("<th>seconds</th></tr>\n");
    figures
        .durations()
        .forEach(
            (run, tasks) ->
                tasks.forEach(
                    (task, seconds) ->
                        html.append("<tr><td>")
                            .append(esc(labels.get(run)))
                            .append("</td><td>")
                            .append(esc(task))
                            .append("</td><td class=\"n\" data-key=\"")
                            .append(esc("duration|" + run + "|" + task))
                            .append("\">")
                            .append(String.format(Locale.ROOT, "%.3f", seconds))
                            .append("</td></tr>\n")));
    html.append("</table></details>\n");
  }

  /** The last run that changed each gold table: the chart and a table of runs and versions. */
  private static void lastChange(
      StringBuilder html,
      ReportCharts.Chart chart,
      RunFigures figures,
      Map<String, String> labels) {
    html.append(
        section(
            chart, "The last run that changed each gold table (wrote a new Delta version of it)."));
    html.append("<table><tr><th>table</th><th>last changed by run</th><th>run id</th>")
        .append("<th>version</th></tr>\n");
    figures
        .lastChange()
        .forEach(
            (table, change) -> {
              if (table.startsWith("gold_")) {
                html.append("<tr><td>")
                    .append(esc(table))
                    .append("</td><td>")
                    .append(esc(labels.getOrDefault(change.runId(), "")))
                    .append("</td><td data-key=\"")
                    .append(esc("last_run|" + table))
                    .append("\">")
                    .append(esc(change.runId()))
                    .append("</td>")
                    .append(number("version|" + table, change.version()))
                    .append("</tr>\n");
              }
            });
    html.append("</table>\n");
  }

  /** The lineage graph, and the page's end. */
  private static void lineage(StringBuilder html) {
    html.append("<h2>Lineage</h2>\n")
        .append(
            p("The tables and what each reads, from the table registry (the job's task graph)."))
        .append("<img id=\"lineage\" src=\"")
        .append(LINEAGE)
        .append("\" alt=\"lineage graph of the tables\">\n")
        .append("</body></html>\n");
  }

  private static String section(ReportCharts.Chart chart, String what) {
    return "<h2>"
        + esc(chart.title())
        + "</h2>\n"
        + p(what)
        + String.format(
            Locale.ROOT,
            "<img class=\"chart\" src=\"%s\" width=\"%d\" height=\"%d\" alt=\"%s\">%n",
            chart.file(),
            ReportCharts.WIDTH,
            ReportCharts.HEIGHT,
            esc(chart.title()));
  }

  private static String number(String key, long value) {
    return "<td class=\"n\" data-key=\"" + esc(key) + "\">" + value + "</td>";
  }

  private static String p(String text) {
    return "<p class=\"note\">" + esc(text) + "</p>\n";
  }

  private static String esc(String text) {
    return StringEscapeUtils.escapeHtml4(text);
  }
}
