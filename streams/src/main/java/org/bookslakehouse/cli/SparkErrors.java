package org.bookslakehouse.cli;

import org.apache.spark.SparkThrowable;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.catalyst.parser.ParseException;

/** Spark's errors as a person wants to read them in a terminal. */
final class SparkErrors {
  private SparkErrors() {}

  /** A short message for an error of Spark: its error class and text, without plans or stacks. */
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
    } else {
      message = String.valueOf(shown.getMessage());
    }
    int stack = message.indexOf("\n\tat ");
    return (stack < 0 ? message : message.substring(0, stack)).strip();
  }
}
