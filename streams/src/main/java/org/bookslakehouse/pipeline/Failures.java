package org.bookslakehouse.pipeline;

import org.bookslakehouse.bronze.LandingFileException;

/** Turns an exception from deep inside Spark into the message a user can act on. */
public final class Failures {
  private Failures() {}

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
    return message == null ? kind : kind + ": " + firstLine(message);
  }

  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
