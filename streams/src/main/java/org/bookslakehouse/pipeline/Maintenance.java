package org.bookslakehouse.pipeline;

import com.google.common.base.Preconditions;
import com.google.common.base.Stopwatch;
import io.delta.tables.DeltaTable;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.bookslakehouse.lake.DeltaVersions;
import org.bookslakehouse.lake.LakeLayout;
import org.bookslakehouse.lake.TableProperties;

/**
 * Keeps one table small and bounded: compacts it (OPTIMIZE) when enough of its files are worth
 * rewriting, and VACUUMs the files it removed longer ago than the retention. What it did comes back
 * as a {@link TableRun} with the counts {@code files_before}, {@code files_after}, {@code
 * compacted_files}, {@code bytes_before} and {@code bytes_after} (bytes on disk, the log included,
 * by listing the table's folder), and {@code bytes_removed} (the bytes VACUUM deleted).
 */
public final class Maintenance {
  /** The policy: when compaction is worth it, and how long removed files are kept. */
  public record Policy(int minFilesToCompact, Duration retention, boolean allowShortRetention) {
    public Policy {
      Preconditions.checkArgument(
          minFilesToCompact > 1, "minFilesToCompact must be at least 2: %s", minFilesToCompact);
      Preconditions.checkArgument(
          retention.toHours() >= TableProperties.DELETED_FILE_RETENTION_HOURS
              || allowShortRetention,
          "A VACUUM retention of %s hours is shorter than the %s hours Delta keeps removed files"
              + " for (the tables' %s): a stream or a query that reads an older version would"
              + " find its files gone. Fix: keep the default (7 days) or longer; to shorten it"
              + " anyway (a test, a lake nobody reads in the past), pass"
              + " --allow-short-retention.",
          retention.toHours(),
          TableProperties.DELETED_FILE_RETENTION_HOURS,
          TableProperties.DELETED_FILE_RETENTION);
    }
  }

  /** Delta's per-file share of deleted rows above which OPTIMIZE rewrites a file (its default). */
  private static final double MAX_DELETED_ROWS_RATIO = 0.05;

  private final SparkSession spark;
  private final LakeLayout layout;
  private final Policy policy;

  public Maintenance(SparkSession spark, LakeLayout layout, Policy policy) {
    this.spark = spark;
    this.layout = layout;
    this.policy = policy;
  }

  /** Maintains one table; a table not created yet is skipped. */
  public TableRun maintain(String table) {
    Stopwatch clock = Stopwatch.createStarted();
    String path = layout.tablePath(table);
    long version = DeltaVersions.latest(spark.sparkContext().hadoopConfiguration(), path);
    if (version < 0) {
      return new TableRun(
          table,
          TableRun.Status.SKIPPED,
          0,
          Map.of(),
          -1,
          -1,
          clock.elapsed(),
          "not created yet: nothing to maintain");
    }
    try {
      Map<String, Long> counts = new TreeMap<>();
      DeltaTable delta = DeltaTable.forPath(spark, path);
      counts.put("files_before", liveFiles(delta));
      counts.put("bytes_before", bytesOnDisk(path).all());
      long candidates = compactionCandidates(path);
      counts.put("compaction_candidates", candidates);
      if (candidates >= policy.minFilesToCompact()) {
        Row metrics = delta.optimize().executeCompaction().first();
        counts.put("compacted_files", metrics.getStruct(1).<Long>getAs("numFilesRemoved"));
      } else {
        counts.put("compacted_files", 0L);
      }
      // Note: VACUUM itself commits to the log (its start and end), so what it removed is the
      // difference in the bytes outside the log.
      long beforeVacuum = bytesOnDisk(path).outsideLog();
      vacuum(delta);
      DiskBytes after = bytesOnDisk(path);
      counts.put("files_after", liveFiles(delta));
      counts.put("bytes_after", after.all());
      counts.put("bytes_removed", Math.max(0, beforeVacuum - after.outsideLog()));
      return new TableRun(
          table,
          TableRun.Status.SUCCEEDED,
          0,
          counts,
          version,
          DeltaVersions.latest(spark.sparkContext().hadoopConfiguration(), path),
          clock.elapsed(),
          "");
    } catch (RuntimeException e) {
      return TableRun.failed(table, clock.elapsed(), Failures.describe(table, e));
    }
  }

  private void vacuum(DeltaTable delta) {
    String check = "spark.databricks.delta.retentionDurationCheck.enabled";
    boolean shorter = policy.retention().toHours() < TableProperties.DELETED_FILE_RETENTION_HOURS;
    String before = spark.conf().get(check, "true");
    if (shorter) {
      // Note: the policy refused a short retention unless the operator asked for it; Delta then
      // needs its own check off for this call only.
      spark.conf().set(check, "false");
    }
    try {
      delta.vacuum(policy.retention().toMillis() / 3_600_000.0);
    } finally {
      spark.conf().set(check, before);
    }
  }

  private static long liveFiles(DeltaTable delta) {
    return delta.detail().select("numFiles").first().getLong(0);
  }

  /**
   * The live files OPTIMIZE would rewrite: those smaller than its minimum file size, and those with
   * more than {@value #MAX_DELETED_ROWS_RATIO} of their rows deleted (deletion vectors). Note: no
   * public API lists a table's files with their deletion vectors, so this reads the snapshot's file
   * list from Delta's {@code DeltaLog} (one small Spark job over the log's state).
   */
  private long compactionCandidates(String path) {
    long minFileSize =
        Long.parseLong(
            spark
                .conf()
                .get("spark.databricks.delta.optimize.minFileSize", Long.toString(1L << 30)));
    return DeltaLog.forTable(spark, path)
        .update(false, scala.Option.empty(), scala.Option.empty())
        .allFiles()
        .toDF()
        .selectExpr(
            "size",
            "coalesce(deletionVector.cardinality, 0) AS deleted",
            "cast(get_json_object(stats, '$.numRecords') AS long) AS records")
        .where(
            String.format(
                Locale.ROOT,
                "size < %d OR deleted > %f * coalesce(records, 0)",
                minFileSize,
                MAX_DELETED_ROWS_RATIO))
        .count();
  }

  /** Bytes on disk under a table's folder: in all, and outside its log (data, deletion vectors). */
  private record DiskBytes(long all, long outsideLog) {}

  private DiskBytes bytesOnDisk(String path) {
    Path root = new Path(path);
    try {
      FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
      long all = 0;
      long outsideLog = 0;
      RemoteIterator<LocatedFileStatus> files = fs.listFiles(root, true);
      while (files.hasNext()) {
        LocatedFileStatus file = files.next();
        all += file.getLen();
        if (!file.getPath().toUri().getPath().contains("/_delta_log/")) {
          outsideLog += file.getLen();
        }
      }
      return new DiskBytes(all, outsideLog);
    } catch (FileNotFoundException e) {
      return new DiskBytes(0, 0);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + root + ": " + e.getMessage(), e);
    }
  }
}
