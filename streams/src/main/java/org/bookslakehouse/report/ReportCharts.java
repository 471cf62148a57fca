package org.bookslakehouse.report;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;

/** The report's charts, drawn by JFreeChart and saved as PNG images. */
final class ReportCharts {
  static final int WIDTH = 900;
  static final int HEIGHT = 420;

  /** A chart saved in the report folder: its file name and title. */
  record Chart(String file, String title) {}

  private final RunFigures figures;
  private final Map<String, String> runLabels;

  ReportCharts(RunFigures figures) {
    this.figures = figures;
    this.runLabels = runLabels(figures.runs());
  }

  /** A short, unique label per run: its number and when it started (UTC). */
  static Map<String, String> runLabels(Map<String, Timestamp> runs) {
    Map<String, String> labels = new LinkedHashMap<>();
    int n = 1;
    for (Map.Entry<String, Timestamp> run : runs.entrySet()) {
      String at = run.getValue().toInstant().toString();
      labels.put(run.getKey(), "#" + n++ + " " + at.substring(5, 16).replace('T', ' '));
    }
    return labels;
  }

  Map<String, String> runLabels() {
    return runLabels;
  }

  List<Chart> write(Path dir) throws IOException {
    List<Chart> charts = new ArrayList<>();
    charts.add(save(dir, "rows-per-layer.png", rowsPerLayer()));
    charts.add(save(dir, "quarantined-by-reason.png", quarantined()));
    charts.add(save(dir, "task-durations.png", durations()));
    charts.add(save(dir, "gold-freshness.png", freshness()));
    return charts;
  }

  private JFreeChart rowsPerLayer() {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    figures
        .rowsByLayer()
        .forEach(
            (run, layers) ->
                layers.forEach(
                    (layer, rows) -> {
                      data.addValue((double) rows.in(), layer + " in", runLabels.get(run));
                      data.addValue((double) rows.out(), layer + " out", runLabels.get(run));
                    }));
    return rotated(
        ChartFactory.createBarChart("Rows in and out per layer and run", "run", "rows", data));
  }

  private JFreeChart quarantined() {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    figures
        .quarantinedByReason()
        .forEach(
            (run, reasons) -> {
              // Every run is a point of every reason's line: 0 where it quarantined none.
              figures.quarantinedByReason().values().stream()
                  .flatMap(r -> r.keySet().stream())
                  .distinct()
                  .forEach(
                      reason ->
                          data.addValue(
                              reasons.getOrDefault(reason, 0L), reason, runLabels.get(run)));
            });
    JFreeChart chart =
        ChartFactory.createLineChart("Rows quarantined by reason per run", "run", "rows", data);
    // Note: a line needs two runs; the points show the first run's figures too.
    ((LineAndShapeRenderer) ((CategoryPlot) chart.getPlot()).getRenderer())
        .setDefaultShapesVisible(true);
    return rotated(chart);
  }

  private JFreeChart durations() {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    figures
        .durations()
        .forEach(
            (run, tasks) ->
                tasks.forEach((task, seconds) -> data.addValue(seconds, task, runLabels.get(run))));
    return rotated(
        ChartFactory.createStackedBarChart(
            "Task durations per run (stacked)", "run", "seconds", data));
  }

  private JFreeChart freshness() {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    List<String> labels = new ArrayList<>(runLabels.keySet());
    figures
        .lastChange()
        .forEach(
            (table, change) -> {
              if (table.startsWith("gold_")) {
                data.addValue(labels.indexOf(change.runId()) + 1, "last changed by run", table);
              }
            });
    return ChartFactory.createBarChart(
        "Gold freshness: the run that last changed each table",
        "table",
        "run number",
        data,
        PlotOrientation.HORIZONTAL,
        false,
        false,
        false);
  }

  private static JFreeChart rotated(JFreeChart chart) {
    ((CategoryPlot) chart.getPlot())
        .getDomainAxis()
        .setCategoryLabelPositions(CategoryLabelPositions.UP_45);
    return chart;
  }

  private static Chart save(Path dir, String file, JFreeChart chart) throws IOException {
    ChartUtils.saveChartAsPNG(dir.resolve(file).toFile(), chart, WIDTH, HEIGHT);
    return new Chart(file, chart.getTitle().getText());
  }
}
