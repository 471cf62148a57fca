package org.bookslakehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

/**
 * Ages a Delta table's log in a test. Note: Delta deletes log files older than the table's log
 * retention (rounded down to whole days) and only when it writes a checkpoint; setting old
 * modification times on the {@code _delta_log} files ages the log in no time, and the next
 * checkpoint Delta writes then cleans it up as it would on a lake that old.
 */
public final class AgedLog {
  private AgedLog() {}

  /** Sets every file of the table's log to {@code age} ago; {@code table} is a path or file URI. */
  public static void age(String table, Duration age) {
    FileTime then = FileTime.from(Instant.now().minus(age));
    try (Stream<Path> files = Files.list(logOf(table))) {
      for (Path file : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(file)) {
          Files.setLastModifiedTime(file, then);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Moves the modification time of every file of the table's log {@code by} into the past, as if
   * the log had been written that much earlier.
   */
  public static void shift(String table, Duration by) {
    try (Stream<Path> files = Files.list(logOf(table))) {
      for (Path file : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(file)) {
          Files.setLastModifiedTime(
              file, FileTime.from(Files.getLastModifiedTime(file).toInstant().minus(by)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path logOf(String table) {
    return (table.startsWith("file:") ? Paths.get(java.net.URI.create(table)) : Path.of(table))
        .resolve("_delta_log");
  }

  /** True while the table's log still holds version 0's commit file. */
  public static boolean hasFirstCommit(String table) {
    return Files.exists(logOf(table).resolve(String.format("%020d.json", 0)));
  }
}
