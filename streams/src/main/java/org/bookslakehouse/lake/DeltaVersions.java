package org.bookslakehouse.lake;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The latest version of a Delta table, read from the names of its log's commit files (the Delta
 * protocol: {@code _delta_log/00000000000000000012.json} is version 12). One listing, no Spark job:
 * cheap enough to ask before every task.
 */
public final class DeltaVersions {
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
}
