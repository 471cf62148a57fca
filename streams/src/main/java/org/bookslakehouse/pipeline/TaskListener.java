package org.bookslakehouse.pipeline;

import java.util.Map;

/** Hears what the tasks of a run do; called from the tasks' threads. */
public interface TaskListener {
  /** The task started. */
  default void started(String table) {}

  /** A micro-batch of the task committed; {@code counts} are the task's totals so far. */
  default void batchDone(String table, long batchId, Map<String, Long> counts) {}

  /** The task ended (succeeded, skipped, failed, or blocked by a failed upstream). */
  default void finished(TableRun run) {}

  TaskListener NONE = new TaskListener() {};
}
