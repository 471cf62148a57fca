package org.bookslakehouse.cli;

import org.apache.spark.SparkThrowable;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.catalyst.parser.ParseException;

/** Spark's errors as a person wants to read them in a terminal. */
final class SparkErrors {
  private SparkErrors() {}

  /**
   * A one-line message for an error of Spark: its error class and text with Spark's hint ("Did you
   * mean ..."), without plans, the echoed statement or stacks. Another error: its message, or its
   * type when it has none.
   */
  static String describe(Throwable error) {
    Throwable shown = error;
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof SparkThrowable spark && spark.getErrorClass() != null) {
        shown = cause;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    String message;
    if (shown instanceof AnalysisException analysis && !(shown instanceof ParseException)) {
      message = analysis.getSimpleMessage();
    } else if (shown.getMessage() == null || shown.getMessage().isBlank()) {
      message = shown.toString();
    } else {
      message = shown.getMessage();
    }
    // Note: what follows the first blank line is the statement echoed with a caret (a parse
    // error), or a plan; what follows "\n\tat" a stack.
    int end = message.indexOf("\n\n");
    int stack = message.indexOf("\n\tat ");
    if (stack >= 0 && (end < 0 || stack < end)) {
      end = stack;
    }
    String first = end < 0 ? message : message.substring(0, end);
    return first.strip().replaceAll("\\s*\\R\\s*", " ");
  }
}
