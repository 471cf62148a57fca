package org.bookslakehouse.pipeline;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bookslakehouse.lake.LandingFileException;

/** Turns an exception from deep inside Spark into the message a user can act on. */
public final class Failures {
  /** Spark's file index, when a file stream's checkpoint names files outside today's folder. */
  private static final Pattern MOVED_LANDING =
      Pattern.compile("Wrong basePath (\\S+) for the root path: (\\S+)");

  /** Delta's streaming source, when the version a stream stands at is no longer in the log. */
  private static final String LOG_CLEANED_UP = "DELTA_LOG_FILE_NOT_FOUND_FOR_STREAMING_SOURCE";

  /**
   * Delta's change feed source, when it cannot rebuild the snapshot of the version a stream stands
   * at because the log entries and checkpoint it needs were cleaned up (it lists the log and finds
   * none of them).
   */
  private static final Pattern SNAPSHOT_GONE = Pattern.compile("DELTA_EMPTY_DIRECTORY.*_delta_log");

  /** Spark's reader, when a table's data file a batch planned to read is gone (VACUUM). */
  private static final Pattern FILE_GONE =
      Pattern.compile("(FILE_NOT_EXIST|does not exist).*\\.parquet|\\.parquet.*does not exist");

  private Failures() {}

  /**
   * As {@link #describe(Throwable)}, and when the table's stream stands at a position older than
   * what the lake still keeps (its upstream's log was cleaned up, or VACUUM removed the files it
   * was to read), says so and how to rebuild the table.
   */
  public static String describe(String table, Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      String message = cause.getMessage();
      if (message != null
          && (message.contains(LOG_CLEANED_UP) || SNAPSHOT_GONE.matcher(message).find())) {
        return positionGone(
            table, "its upstream's log no longer holds the versions it was to read");
      }
      if (message != null && FILE_GONE.matcher(message).find()) {
        return positionGone(table, "data files it was to read were removed by VACUUM");
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return describe(error);
  }

  private static String positionGone(String table, String why) {
    return "The stream of "
        + table
        + " stands at a position older than what the lake still keeps: "
        + why
        + ". Its upstream was cleaned up (log retention, VACUUM retention) while this table did"
        + " not run. Rebuild it and the tables that read it: books reset "
        + table
        + " --downstream, then books run (nothing is counted twice). To avoid it, run every"
        + " table at least once within the lake's retention (books maintain --help).";
  }

  /**
   * The most useful message in the cause chain: our own exceptions say what happened and what to
   * do, so the first of those wins; otherwise the innermost cause's message.
   */
  public static String describe(Throwable error) {
    Throwable innermost = error;
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof LandingFileException) {
        return cause.getMessage();
      }
      innermost = cause;
      if (cause.getCause() == cause) {
        break;
      }
    }
    String message = innermost.getMessage();
    String kind = innermost.getClass().getName();
    if (message == null) {
      return kind;
    }
    Matcher moved = MOVED_LANDING.matcher(message);
    if (moved.find()) {
      return movedLanding(moved.group(1), moved.group(2));
    }
    return kind + ": " + firstLine(message);
  }

  private static String movedLanding(String folder, String file) {
    return "The table's checkpoint lists files it has read under another folder ("
        + file
        + ") than this run's landing folder ("
        + folder
        + "): the landing zone moved, or --landing (BOOKS_LANDING) names another one. A file"
        + " stream's checkpoint records each file by its full path. Point --landing back at the"
        + " folder the lake was built from; or, to read the new folder from the start, reset the"
        + " table (books reset TABLE --downstream: every file there is read again, nothing is"
        + " counted twice).";
  }

  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
