package org.bookslakehouse.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bookslakehouse.TestLake;
import org.bookslakehouse.lake.LakeLayout;
import org.bookslakehouse.pipeline.LakeTable;
import org.bookslakehouse.pipeline.Metric;
import org.bookslakehouse.pipeline.RunHistory;
import org.bookslakehouse.pipeline.TableRun;
import org.bookslakehouse.tables.Tables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, item 4: the report opens in headless Chromium, every image renders, nothing is logged
 * to the console, and every number on the page equals what pipeline_runs holds.
 */
class ReportPageTest {
  private static final Pattern NUMBER = Pattern.compile("data-key=\"([^\"]+)\"[^>]*>([^<]*)<");
  private static final Pattern IMAGE = Pattern.compile("<img[^>]*>");

  @TempDir Path dir;

  /** Three runs of a few tasks, and a verify, appended as books run and books verify do. */
  private static void history(SparkSession spark, LakeLayout layout) {
    List<Row> rows = new ArrayList<>();
    Instant day = Instant.parse("2004-10-30T06:00:00Z");
    for (int r = 0; r < 3; r++) {
      String runId = "run-" + r;
      Instant start = day.plus(Duration.ofDays(r));
      Map<String, Long> silver = new TreeMap<>(Map.of("rows_in", 100L + r, "merge_inserted", 90L));
      silver.put("merge_updated", (long) r);
      silver.put(Metric.quarantinedFor("invalid ISBN"), 2L + r);
      if (r != 1) {
        silver.put(Metric.quarantinedFor("book shifted by one column"), 1L);
      }
      List<TableRun> runs =
          List.of(
              run("bronze_books", Map.of("rows", 100L + r), r, r + 1, 1500 + r),
              run("silver_books", silver, r, r + 1, 2250),
              run("silver_ratings", Map.of("rows_in", 7L * r), r, r, 1750 + 100 * r),
              // gold_book_stats changes on the first two runs only.
              run(
                  "gold_book_stats",
                  Map.of("affected_keys", 10L + r, "merge_updated", r < 2 ? 4L : 0L),
                  r,
                  r < 2 ? r + 1 : r,
                  3125),
              run(
                  "gold_author_stats",
                  Map.of("affected_keys", 3L, "merge_inserted", 1L),
                  r,
                  r + 1,
                  875));
      for (TableRun run : runs) {
        rows.add(RunHistory.row(runId, start, "run", run, start));
      }
    }
    rows.add(
        RunHistory.row(
            "verify-0",
            day.plus(Duration.ofDays(3)),
            "verify",
            run("verify", Map.of("rows_in", 999L), -1, -1, 60_000),
            day.plus(Duration.ofDays(3))));
    new RunHistory(spark, layout).append(rows);
  }

  private static TableRun run(
      String table, Map<String, Long> counts, long before, long after, long millis) {
    return new TableRun(
        table, TableRun.Status.SUCCEEDED, 1, counts, before, after, Duration.ofMillis(millis), "");
  }

  /** The figures the page must show, computed here from pipeline_runs' rows. */
  private static Map<String, String> expected(SparkSession spark, LakeLayout layout) {
    Map<String, Long> sums = new TreeMap<>();
    Map<String, String> expected = new TreeMap<>();
    Map<String, Timestamp> lastChange = new TreeMap<>();
    for (Row row :
        spark
            .read()
            .format("delta")
            .load(layout.tablePath(RunHistory.TABLE))
            .where("command = 'run'")
            .collectAsList()) {
      String run = row.getAs("run_id");
      String task = row.getAs("task");
      String layer = task.substring(0, task.indexOf('_'));
      sums.merge("rows_in|" + run + "|" + layer, row.<Long>getAs("rows_read"), Long::sum);
      sums.merge("rows_out|" + run + "|" + layer, row.<Long>getAs("rows_written"), Long::sum);
      row.<String, Long>getJavaMap(row.fieldIndex("quarantined_by_reason"))
          .forEach((reason, n) -> sums.merge("quarantined|" + run + "|" + reason, n, Long::sum));
      expected.put("duration|" + run + "|" + task, String.valueOf(row.<Double>getAs("duration_s")));
      Long before = row.getAs("version_before");
      Long after = row.getAs("version_after");
      Timestamp at = row.getAs("run_started_at");
      if (task.startsWith("gold_")
          && after > before
          && (!lastChange.containsKey(task) || at.after(lastChange.get(task)))) {
        lastChange.put(task, at);
        expected.put("last_run|" + task, run);
        expected.put("version|" + task, after.toString());
      }
    }
    sums.forEach((key, n) -> expected.put(key, n.toString()));
    return expected;
  }

  @Test
  void everyChartRendersAndTheNumbersAreThoseOfPipelineRuns() throws Exception {
    Chromium chromium = Chromium.require(dir);
    SparkSession spark = TestLake.spark();
    TestLake lake = new TestLake(dir.resolve("lake"));
    LakeLayout layout = LakeLayout.of(lake.settings());
    history(spark, layout);

    Path page =
        HtmlReport.write(
            dir.resolve("report"),
            RunFigures.read(spark, layout),
            Tables.registry(),
            lake.settings().lake());

    Chromium.Output dom = chromium.run(page, "--dump-dom", "--enable-logging=stderr", "--v=0");
    assertThat(dom.exitCode()).as(dom.err()).isZero();
    assertThat(dom.out()).contains("data-loaded=\"true\"");
    assertThat(dom.err().lines().filter(l -> l.contains("CONSOLE")).toList())
        .as("console messages")
        .isEmpty();
    List<String> images = new ArrayList<>();
    IMAGE.matcher(dom.out()).results().forEach(m -> images.add(m.group()));
    assertThat(images).hasSize(5);
    assertThat(images)
        .allSatisfy(
            img ->
                assertThat(img)
                    .contains("data-rendered=\"true\"")
                    .doesNotContain("data-natural-width=\"0\""));

    Map<String, String> shown = new TreeMap<>();
    Matcher number = NUMBER.matcher(dom.out());
    while (number.find()) {
      shown.put(number.group(1).replace("&amp;", "&"), number.group(2));
    }
    Map<String, String> expected = expected(spark, layout);
    assertThat(shown.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
    expected.forEach(
        (key, value) -> {
          if (key.startsWith("duration|")) {
            assertThat(Double.parseDouble(shown.get(key)))
                .as(key)
                .isCloseTo(Double.parseDouble(value), within(0.0005));
          } else {
            assertThat(shown.get(key)).as(key).isEqualTo(value);
          }
        });
    assertThat(expected).containsEntry("last_run|gold_book_stats", "run-1");

    Path screenshot = dir.resolve("report.png");
    Chromium.Output shot =
        chromium.run(page, "--screenshot=" + screenshot, "--window-size=1000,3600");
    assertThat(shot.exitCode()).as(shot.err()).isZero();
    BufferedImage image = ImageIO.read(screenshot.toFile());
    assertThat(image.getWidth()).isEqualTo(1000);
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 7) {
      for (int x = 0; x < image.getWidth(); x += 7) {
        colours.add(image.getRGB(x, y));
      }
    }
    assertThat(colours).as("distinct colours in the screenshot").hasSizeGreaterThan(20);

    String svg = Files.readString(page.resolveSibling(HtmlReport.LINEAGE), StandardCharsets.UTF_8);
    for (LakeTable table : Tables.registry().ordered()) {
      assertThat(svg).contains("data-table=\"" + table.name() + "\"");
      for (String upstream : table.upstreams()) {
        assertThat(svg).contains("data-from=\"" + upstream + "\" data-to=\"" + table.name() + "\"");
      }
    }
  }
}
