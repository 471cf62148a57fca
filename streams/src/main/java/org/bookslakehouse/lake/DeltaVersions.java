package org.bookslakehouse.lake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The latest version of a Delta table, read from the names of its log's commit files (the Delta
 * protocol: {@code _delta_log/00000000000000000012.json} is version 12), and the metrics of one
 * commit. One listing or one file, no Spark job: cheap enough to ask before and after every task.
 *
 * <p>Note: this is the one class that reads Delta's log files by hand; everything else asks Delta
 * ({@code DeltaTable.detail()}, {@code history()}). It stays because {@code history()} and {@code
 * detail()} cost Spark jobs per call ({@code detail()} computes the snapshot's state first: three
 * jobs, seconds per table on a small cluster, asked for every table of every run), and it only ever
 * reads the newest commits: Delta's log cleanup deletes only files older than the log retention and
 * older than the latest checkpoint, so the latest commit file is always there. Never read version 0
 * here. AgedLakeTest checks each reading against Delta's own history and {@code DESCRIBE DETAIL} on
 * a log Delta has cleaned up.
 */
public final class DeltaVersions {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern COMMIT = Pattern.compile("(\\d{20})\\.json");

  private DeltaVersions() {}

  /** The table's latest committed version, or -1 when there is no Delta table at the path. */
  public static long latest(Configuration hadoop, String tablePath) {
    Path log = new Path(tablePath, "_delta_log");
    try {
      FileSystem fs = log.getFileSystem(hadoop);
      long latest = -1;
      for (FileStatus status : fs.listStatus(log)) {
        Matcher commit = COMMIT.matcher(status.getPath().getName());
        if (commit.matches()) {
          latest = Math.max(latest, Long.parseLong(commit.group(1)));
        }
      }
      return latest;
    } catch (FileNotFoundException e) {
      return -1;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot list the Delta log at " + log + ": " + e.getMessage(), e);
    }
  }

  /**
   * The table's id and properties as of a version, from the checksum file Delta writes after each
   * commit ({@code _delta_log/00000000000000000012.crc}, which holds the metadata action of that
   * version); empty when the file or its metadata is missing (a writer that died between its commit
   * and its checksum, a writer that writes none): ask {@code DeltaTable.detail()} then.
   */
  public static Optional<TableMetadata> metadata(
      Configuration hadoop, String tablePath, long version) {
    Path checksum =
        new Path(new Path(tablePath, "_delta_log"), String.format("%020d.crc", version));
    try {
      FileSystem fs = checksum.getFileSystem(hadoop);
      JsonNode metadata;
      try (InputStream in = fs.open(checksum)) {
        metadata = JSON.readTree(in).path("metadata");
      }
      if (!metadata.path("id").isTextual()) {
        return Optional.empty();
      }
      Map<String, String> configuration = new TreeMap<>();
      metadata
          .path("configuration")
          .fields()
          .forEachRemaining(p -> configuration.put(p.getKey(), p.getValue().asText()));
      return Optional.of(new TableMetadata(metadata.path("id").asText(), configuration));
    } catch (FileNotFoundException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read the Delta checksum " + checksum + ": " + e.getMessage(), e);
    }
  }

  /**
   * A Delta table's id and properties ({@code DESCRIBE DETAIL}'s {@code id} and {@code
   * properties}).
   *
   * @param id the table's id, new whenever the table is created anew
   * @param properties its table properties
   */
  public record TableMetadata(String id, Map<String, String> properties) {
    public TableMetadata {
      properties = Map.copyOf(properties);
    }
  }

  /**
   * The operation metrics of a commit ({@code commitInfo.operationMetrics} in its log file: rows
   * inserted, updated, files added...), those that are counts; read from the file, no Spark job.
   */
  public static Map<String, Long> commitMetrics(
      Configuration hadoop, String tablePath, long version) {
    Path commit = new Path(new Path(tablePath, "_delta_log"), String.format("%020d.json", version));
    Map<String, Long> metrics = new TreeMap<>();
    try {
      FileSystem fs = commit.getFileSystem(hadoop);
      try (BufferedReader lines =
          new BufferedReader(new InputStreamReader(fs.open(commit), StandardCharsets.UTF_8))) {
        String line;
        // One action per line; commitInfo is usually the first, so the add actions (with their
        // statistics) after it are not parsed.
        while ((line = lines.readLine()) != null) {
          JsonNode info = JSON.readTree(line).path("commitInfo");
          if (info.isMissingNode()) {
            continue;
          }
          info.path("operationMetrics")
              .fields()
              .forEachRemaining(
                  metric -> {
                    try {
                      metrics.put(metric.getKey(), Long.parseLong(metric.getValue().asText()));
                    } catch (NumberFormatException e) {
                      // not a count (none today); skip it
                    }
                  });
          break;
        }
      }
      return metrics;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read the Delta commit " + commit + ": " + e.getMessage(), e);
    }
  }

  /**
   * The micro-batch of the streaming writer whose commit made the table as it is at {@code
   * version}: the {@code txn} action (idempotent write: app id and batch) of that commit or, for
   * commits without one (a rebuild, compaction), of the latest commit before it that has one; -1
   * when none of the commits still in the log has one. Note: no public Delta API gives a commit's
   * {@code txn} action, so this reads the commit files, like {@link #commitMetrics}.
   */
  public static long streamBatch(Configuration hadoop, String tablePath, long version) {
    Path log = new Path(tablePath, "_delta_log");
    try {
      FileSystem fs = log.getFileSystem(hadoop);
      for (long v = version; v >= 0; v--) {
        Path commit = new Path(log, String.format("%020d.json", v));
        if (!fs.exists(commit)) {
          return -1;
        }
        try (BufferedReader lines =
            new BufferedReader(new InputStreamReader(fs.open(commit), StandardCharsets.UTF_8))) {
          for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            JsonNode txn = JSON.readTree(line).path("txn");
            if (!txn.isMissingNode()) {
              return txn.path("version").asLong();
            }
          }
        }
      }
      return -1;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read the Delta log at " + log + ": " + e.getMessage(), e);
    }
  }
}
