package org.bookslakehouse.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.bookslakehouse.lake.LakeLayout;

/**
 * Backfill by reset: what to remove so that the next run reprocesses a table from its upstream, and
 * its downstream tables catch up through their own streams (see checkpoints-layout.md).
 *
 * <ul>
 *   <li>a table's own {@link LakeTable#resetScope()}: its checkpoint, and for bronze and gold its
 *       table too;
 *   <li>a table whose table is removed is a new Delta table to the streams that read it, so their
 *       checkpoints go too (their tables stay: they keep the newest version of each key);
 *   <li>with {@code downstream}, every table downstream is reset by its own scope as well.
 * </ul>
 */
public final class Reset {
  /** One table's part of a reset. */
  public record Step(String table, ResetScope scope, String why) {}

  private Reset() {}

  /** The steps of resetting a table, in lineage order. */
  public static List<Step> plan(TableRegistry registry, String name, boolean downstream) {
    LakeTable target = registry.table(name);
    Map<String, Step> steps = new LinkedHashMap<>();
    steps.put(name, new Step(name, target.resetScope(), "asked for"));
    Deque<String> todo = new ArrayDeque<>(List.of(name));
    while (!todo.isEmpty()) {
      String table = todo.removeFirst();
      Step step = steps.get(table);
      for (LakeTable reader : registry.downstreamOf(table)) {
        if (downstream) {
          if (!steps.containsKey(reader.name())) {
            steps.put(
                reader.name(),
                new Step(reader.name(), reader.resetScope(), "downstream of " + name));
            todo.addLast(reader.name());
          }
        } else if (step.scope() == ResetScope.TABLE_AND_CHECKPOINT
            && !steps.containsKey(reader.name())) {
          steps.put(
              reader.name(),
              new Step(
                  reader.name(),
                  ResetScope.CHECKPOINT,
                  "its stream reads " + table + ", which is written afresh"));
        }
      }
    }
    List<Step> ordered = new ArrayList<>();
    for (String table : registry.names()) {
      if (steps.containsKey(table)) {
        ordered.add(steps.get(table));
      }
    }
    return ordered;
  }

  /** Removes what the steps say. Taking the run lock first is the caller's part. */
  public static void apply(Configuration hadoop, LakeLayout layout, List<Step> steps) {
    for (Step step : steps) {
      delete(hadoop, layout.checkpointPath(step.table()));
      if (step.scope() == ResetScope.TABLE_AND_CHECKPOINT) {
        delete(hadoop, layout.tablePath(step.table()));
      }
    }
  }

  private static void delete(Configuration hadoop, String folder) {
    Path path = new Path(folder);
    try {
      FileSystem fs = path.getFileSystem(hadoop);
      if (fs.exists(path) && !fs.delete(path, true)) {
        throw new IOException("the file system refused to delete it");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot delete "
              + folder
              + ": "
              + e.getMessage()
              + ". Nothing after it was reset; fix"
              + " the cause and run the reset again (it is safe to repeat).",
          e);
    }
  }
}
