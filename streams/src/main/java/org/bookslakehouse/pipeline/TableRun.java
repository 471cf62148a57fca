package org.bookslakehouse.pipeline;

import java.time.Duration;
import java.util.Map;

/**
 * What one run did to one table.
 *
 * @param counts named counts summed over the run's batches (files, rows, rescued rows, ...)
 * @param versionBefore the table's Delta version before the run
 * @param versionAfter its version after the run (equal when nothing was written)
 * @param message for a failed or skipped table: what happened and what to do; else empty
 */
public record TableRun(
    String table,
    Status status,
    int batches,
    Map<String, Long> counts,
    long versionBefore,
    long versionAfter,
    Duration duration,
    String message) {

  /** How a table's run ended. */
  public enum Status {
    SUCCEEDED,
    SKIPPED,
    FAILED,
    /** Not run: an upstream task failed (or was blocked itself). */
    BLOCKED
  }

  public TableRun {
    counts = Map.copyOf(counts);
  }

  /** A task that did not run because its upstream did not succeed. */
  public static TableRun blocked(String table, String upstream) {
    return new TableRun(
        table,
        Status.BLOCKED,
        0,
        Map.of(),
        -1,
        -1,
        Duration.ZERO,
        "not run: its upstream " + upstream + " did not succeed; fix that and run again");
  }

  /** A task that failed before it could read its table's state. */
  public static TableRun failed(String table, Duration duration, String message) {
    return new TableRun(table, Status.FAILED, 0, Map.of(), -1, -1, duration, message);
  }

  /** True when the task did its work (or had none to do): its downstream tasks may run. */
  public boolean succeeded() {
    return status == Status.SUCCEEDED || status == Status.SKIPPED;
  }

  public long count(Metric metric) {
    return metric.in(counts);
  }

  public long count(String name) {
    return counts.getOrDefault(name, 0L);
  }
}
