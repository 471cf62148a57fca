package org.bookslakehouse.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.bookslakehouse.lake.DeltaVersions;
import org.bookslakehouse.lake.LakeLayout;
import org.bookslakehouse.lake.LandedFiles;
import org.bookslakehouse.lake.TableIdentity;

/**
 * Where a table's stream stands, read from its checkpoint without starting it: the last committed
 * batch, what it has read (landed files, or upstream Delta versions), and what waits for the next
 * run. Reads the files Spark keeps there: {@code commits/N}, {@code offsets/N} (a Delta source's
 * offset names the table id and version it reached) and {@code sources/0/} (the file source's log
 * of the files it took).
 *
 * <p>Note: Spark has no public API that reads a stream's checkpoint without starting the stream
 * (its offset, commit and file-source logs are internal classes), so these files are read here and
 * nowhere else; the upstream tables' ids and versions come from Delta ({@code DESCRIBE DETAIL},
 * {@link DeltaVersions}), never from a log file Delta's log cleanup may have deleted.
 *
 * @param lastBatch the last committed micro-batch, -1 when none
 * @param position what the stream has read, in words
 * @param waiting what waits for the next run, in words
 * @param waitingCount how many files or upstream versions wait
 */
public record CheckpointState(long lastBatch, String position, String waiting, long waitingCount) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern DIGITS = Pattern.compile("\\d+");

  /** Reads the state of a table's checkpoint; {@code landing} is the landing zone's URI. */
  public static CheckpointState of(
      SparkSession spark, LakeLayout layout, LakeTable table, String landing) {
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    try {
      Path checkpoint = new Path(layout.checkpointPath(table.name()));
      long lastBatch = highest(hadoop, new Path(checkpoint, "commits"));
      if (table.source() instanceof StreamSource.LandingFiles files) {
        Path folder = new Path(landing + "/" + files.folder());
        Set<String> taken = takenFiles(hadoop, new Path(checkpoint, "sources/0"));
        long waiting = 0;
        for (Path landed : landedFiles(hadoop, folder)) {
          if (!taken.contains(landed.toString())) {
            waiting++;
          }
        }
        return new CheckpointState(
            lastBatch,
            lastBatch < 0
                ? "never run"
                : "batch " + lastBatch + ": " + taken.size() + " files read",
            waiting + " file" + (waiting == 1 ? "" : "s"),
            waiting);
      }
      Map<String, Long> reached =
          reachedVersions(
              spark, layout, table, checkpoint, highest(hadoop, new Path(checkpoint, "offsets")));
      List<String> read = new ArrayList<>();
      long waiting = 0;
      for (String upstream : table.upstreams()) {
        long latest = DeltaVersions.latest(hadoop, layout.tablePath(upstream));
        Long next = reached.get(upstream);
        if (next == null) {
          waiting += latest + 1;
        } else {
          read.add(upstream + " up to v" + (next - 1));
          waiting += Math.max(0, latest - next + 1);
        }
      }
      String position =
          lastBatch < 0 || read.isEmpty()
              ? "never run"
              : "batch " + lastBatch + ": " + String.join(", ", read);
      return new CheckpointState(
          lastBatch, position, waiting + " upstream version" + (waiting == 1 ? "" : "s"), waiting);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read the checkpoint of " + table.name() + ": " + e.getMessage(), e);
    }
  }

  /** The last micro-batch the table's stream committed, -1 when none. */
  public static long committedBatch(Configuration hadoop, LakeLayout layout, LakeTable table) {
    try {
      return highest(hadoop, new Path(layout.checkpointPath(table.name()), "commits"));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read the checkpoint of " + table.name() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Per upstream table, the last version a Delta-reading stream had read when its micro-batch
   * {@code batch} ended: the upstream versions that batch's output was computed from. Empty when
   * the stream has no such batch (or its offsets file is gone).
   */
  public static Map<String, Long> consumedVersions(
      SparkSession spark, LakeLayout layout, LakeTable table, long batch) {
    try {
      Path checkpoint = new Path(layout.checkpointPath(table.name()));
      Map<String, Long> consumed = new TreeMap<>();
      reachedVersions(spark, layout, table, checkpoint, batch)
          .forEach((upstream, next) -> consumed.put(upstream, next - 1));
      return consumed;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read the checkpoint of " + table.name() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Per upstream table, the first version the stream has not read completely after batch {@code
   * last}: from that batch's offsets file, matched to the upstreams by the table id in the offset.
   */
  private static Map<String, Long> reachedVersions(
      SparkSession spark, LakeLayout layout, LakeTable table, Path checkpoint, long last)
      throws IOException {
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    Map<String, String> upstreamById = new TreeMap<>();
    for (String upstream : table.upstreams()) {
      String id = tableId(spark, layout.tablePath(upstream));
      if (id != null) {
        upstreamById.put(id, upstream);
      }
    }
    Map<String, Long> reached = new TreeMap<>();
    Path offsets = new Path(checkpoint, "offsets");
    if (last < 0) {
      return reached;
    }
    for (String line : lines(hadoop, new Path(offsets, Long.toString(last)))) {
      if (!line.startsWith("{") || !line.contains("reservoirId")) {
        continue;
      }
      JsonNode offset = JSON.readTree(line);
      String upstream = upstreamById.get(offset.path("reservoirId").asText());
      if (upstream == null) {
        continue;
      }
      long version = offset.path("reservoirVersion").asLong();
      // index -1: nothing of that version read yet; else read up to that file of the version,
      // which is all of it once a run (AvailableNow: everything available) has ended.
      long next = offset.path("index").asLong() == -1 ? version : version + 1;
      reached.put(upstream, next);
    }
    return reached;
  }

  /**
   * The Delta table's id (the {@code reservoirId} a Delta source writes in its offsets); null when
   * there is no table at the path.
   */
  private static String tableId(SparkSession spark, String tablePath) {
    return TableIdentity.of(spark, tablePath).map(TableIdentity::id).orElse(null);
  }

  /** The files a file source has taken, as qualified paths. */
  private static Set<String> takenFiles(Configuration hadoop, Path log) throws IOException {
    Set<String> taken = new HashSet<>();
    FileSystem fs = log.getFileSystem(hadoop);
    FileStatus[] entries;
    try {
      entries = fs.listStatus(log);
    } catch (FileNotFoundException e) {
      return taken;
    }
    for (FileStatus entry : entries) {
      String name = entry.getPath().getName();
      if (!DIGITS.matcher(name).matches() && !name.endsWith(".compact")) {
        continue;
      }
      for (String line : lines(hadoop, entry.getPath())) {
        if (line.startsWith("{")) {
          taken.add(new Path(JSON.readTree(line).path("path").asText()).toString());
        }
      }
    }
    return taken;
  }

  private static List<Path> landedFiles(Configuration hadoop, Path folder) throws IOException {
    List<Path> files = new ArrayList<>();
    FileSystem fs = folder.getFileSystem(hadoop);
    FileStatus[] entries;
    try {
      entries = fs.listStatus(folder);
    } catch (FileNotFoundException e) {
      return files;
    }
    for (FileStatus entry : entries) {
      if (entry.isFile() && LandedFiles.isLanded(entry.getPath().getName())) {
        files.add(fs.makeQualified(entry.getPath()));
      }
    }
    return files;
  }

  /**
   * The highest numbered file of a folder (a checkpoint's {@code offsets} or {@code commits}: the
   * last batch planned or committed), -1 when there is none.
   */
  static long highest(Configuration hadoop, Path folder) throws IOException {
    long highest = -1;
    try {
      for (FileStatus status : folder.getFileSystem(hadoop).listStatus(folder)) {
        String name = status.getPath().getName();
        if (DIGITS.matcher(name).matches()) {
          highest = Math.max(highest, Long.parseLong(name));
        }
      }
    } catch (FileNotFoundException e) {
      return -1;
    }
    return highest;
  }

  private static List<String> lines(Configuration hadoop, Path file) throws IOException {
    List<String> lines = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(file.getFileSystem(hadoop).open(file), StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lines.add(line);
      }
    } catch (FileNotFoundException e) {
      return lines;
    }
    return lines;
  }
}
