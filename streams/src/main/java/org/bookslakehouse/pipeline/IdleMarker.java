package org.bookslakehouse.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.bookslakehouse.lake.LakeLayout;

/**
 * Remembers, inside a table's checkpoint, the upstream versions its last successful run started
 * from and the last batch the checkpoint had committed then. A stream with {@code
 * Trigger.AvailableNow} processes at least what was committed when it started, so when the
 * upstreams are still at those versions and the checkpoint is where it was, there is nothing new
 * and the task is skipped without starting a stream. A reset checkpoint loses the marker with
 * everything else; a checkpoint that lost a batch commit (a crash) no longer matches it.
 */
final class IdleMarker {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FILE = "_books/idle-marker.json";

  /** What a successful run saw. */
  record State(Map<String, Long> upstreams, long lastCommittedBatch) {}

  private final Configuration hadoop;
  private final LakeLayout layout;

  IdleMarker(Configuration hadoop, LakeLayout layout) {
    this.hadoop = hadoop;
    this.layout = layout;
  }

  /** True when the table's upstreams and checkpoint are where its last successful run left them. */
  boolean idle(LakeTable table, Map<String, Long> upstreams) {
    if (upstreams.isEmpty()) {
      return false;
    }
    Path path = marker(table);
    try {
      FileSystem fs = path.getFileSystem(hadoop);
      if (!fs.exists(path)) {
        return false;
      }
      State state;
      try (InputStream in = fs.open(path)) {
        state = JSON.readValue(in, State.class);
      }
      return upstreams.equals(state.upstreams())
          && state.lastCommittedBatch() == lastCommittedBatch(table);
    } catch (IOException e) {
      return false;
    }
  }

  void write(LakeTable table, Map<String, Long> upstreams) {
    if (upstreams.isEmpty()) {
      return;
    }
    Path path = marker(table);
    try {
      FileSystem fs = path.getFileSystem(hadoop);
      try (OutputStream out = fs.create(path, true)) {
        JSON.writeValue(out, new State(upstreams, lastCommittedBatch(table)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + path + ": " + e.getMessage(), e);
    }
  }

  private Path marker(LakeTable table) {
    return new Path(layout.checkpointPath(table.name()), FILE);
  }

  /** The highest batch id in the checkpoint's commits folder, -1 when none. */
  private long lastCommittedBatch(LakeTable table) throws IOException {
    return CheckpointState.highest(
        hadoop, new Path(layout.checkpointPath(table.name()), "commits"));
  }
}
