package org.bookslakehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.bookslakehouse.pipeline.TableRun;
import org.junit.jupiter.api.Test;

/** What a run prints per table: live lines on a terminal, log lines elsewhere. */
class RunProgressTest {
  private static final TableRun SILVER_RATINGS =
      new TableRun(
          "silver_ratings",
          TableRun.Status.SUCCEEDED,
          1,
          Map.of(
              "rows_in", 2547L,
              "merge_inserted", 2513L,
              "merge_updated", 2L,
              "merge_deleted", 1L,
              "quarantined", 30L,
              "quarantined: invalid ISBN", 30L),
          0,
          1,
          Duration.ofSeconds(3),
          "");

  private static final TableRun PUBLISHERS =
      new TableRun(
          "gold_publisher_year_stats",
          TableRun.Status.SUCCEEDED,
          1,
          Map.of("affected_keys", 820L, "merge_inserted", 820L),
          0,
          1,
          Duration.ofSeconds(2),
          "");

  @Test
  @SuppressWarnings("StringSplitter") // the frames are what lies between the cursor moves
  void theLiveLinesShowQuarantineMergeMetricsAndNothingNew() {
    StringWriter text = new StringWriter();
    TableRun idle =
        new TableRun("bronze_books", TableRun.Status.SKIPPED, 0, Map.of(), 1, 1, Duration.ZERO, "");
    try (ProgressPrinter printer =
        new ProgressPrinter(
            new PrintWriter(text),
            ProgressPrinter.Mode.LIVE,
            List.of("bronze_books", "silver_ratings", "gold_publisher_year_stats"))) {
      printer.finished(idle);
      printer.finished(SILVER_RATINGS);
      printer.finished(PUBLISHERS);
    }
    String[] frames = text.toString().split("\u001b\\[3A");
    // Each frame moves up over the last one and clears each line before drawing it.
    List<String> last = frames[frames.length - 1].replace("\r\u001b[2K", "").lines().toList();

    assertThat(last.get(0)).contains("skipped").contains("nothing new");
    assertThat(last.get(1))
        .contains("rows in 2,547  out 2,516 (inserted 2,513, updated 2, deleted 1)")
        .contains("quarantined 30 (invalid ISBN 30)");
    assertThat(last.get(2)).contains("keys in 820  out 820 (inserted 820, updated 0, deleted 0)");
    // Every name, the longest too, leaves the state column where the others have it.
    assertThat(last.get(2).indexOf("done")).isEqualTo(last.get(1).indexOf("done"));
  }

  @Test
  void logLinesKeepTheirColumnsForTheLongestTableName() {
    assertThat(RunCommand.describe(PUBLISHERS).indexOf("SUCCEEDED"))
        .isEqualTo(RunCommand.describe(SILVER_RATINGS).indexOf("SUCCEEDED"));
  }
}
