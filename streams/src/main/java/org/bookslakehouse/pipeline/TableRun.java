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
    FAILED
  }

  public TableRun {
    counts = Map.copyOf(counts);
  }

  public long count(String name) {
    return counts.getOrDefault(name, 0L);
  }
}
