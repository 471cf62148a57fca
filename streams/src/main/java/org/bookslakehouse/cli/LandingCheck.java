package org.bookslakehouse.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.bookslakehouse.bronze.BxSource;
import org.bookslakehouse.pipeline.LakeTable;
import org.bookslakehouse.pipeline.StreamSource;

/**
 * Checks, before a command reads the landing zone, that it is one: a landing zone with none of the
 * source folders is a usage error (a missing or misspelled {@code --landing} would otherwise run
 * "successfully" over nothing and build an empty lake); a source folder missing for a table the
 * command runs is a warning (that table has nothing to read yet).
 */
final class LandingCheck {
  private LandingCheck() {}

  /**
   * @param tables the tables the command runs; nothing is checked when none reads the landing
   * @throws IllegalArgumentException when the landing zone holds none of the source folders
   */
  static void check(Configuration hadoop, String landing, List<LakeTable> tables, PrintWriter out) {
    List<BxSource> read = new ArrayList<>();
    for (LakeTable table : tables) {
      if (table.source() instanceof StreamSource.LandingFiles files) {
        read.add(BxSource.fromFolder(files.folder()));
      }
    }
    if (read.isEmpty()) {
      return;
    }
    List<BxSource> present = new ArrayList<>();
    for (BxSource source : BxSource.values()) {
      if (isFolder(hadoop, folder(landing, source))) {
        present.add(source);
      }
    }
    if (present.isEmpty()) {
      throw new IllegalArgumentException(
          "The landing zone "
              + landing
              + " has none of the source folders "
              + String.join(
                  ", ", List.of(BxSource.values()).stream().map(s -> s.folder() + "/").toList())
              + ": there is nothing to read (a missing or misspelled landing zone?). Fix: point"
              + " --landing (or BOOKS_LANDING, or 'landing' in the config file) at the folder that"
              + " holds them, e.g. --landing samples/landing; each day's files go into"
              + " <landing>/<source>/.");
    }
    for (BxSource source : read) {
      if (!present.contains(source)) {
        out.printf(
            "books run: warning: no folder %s/ in the landing zone %s: %s has nothing to read"
                + " (expected %s).%n",
            source.folder(), landing, source.bronzeTable(), folder(landing, source));
      }
    }
    out.flush();
  }

  private static String folder(String landing, BxSource source) {
    return landing + "/" + source.folder();
  }

  private static boolean isFolder(Configuration hadoop, String folder) {
    Path path = new Path(folder);
    try {
      FileSystem fs = path.getFileSystem(hadoop);
      return fs.exists(path) && fs.getFileStatus(path).isDirectory();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot look at the landing folder " + folder + ": " + e.getMessage(), e);
    }
  }
}
