package org.bookslakehouse.lake;

/**
 * A landed file that cannot be read to its end (a broken gzip stream, an I/O error, a record the
 * CSV parser cannot get past). The message names the file, the line, what went wrong and what to
 * do.
 */
public final class LandingFileException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public LandingFileException(String message, Throwable cause) {
    super(message, cause);
  }

  public static LandingFileException unreadable(String file, long line, Throwable cause) {
    return new LandingFileException(
        String.format(
            "Cannot read landed file %s at line %d: %s. Nothing of the batch that holds it was"
                + " written. Fix: move the file out of the landing folder (a file that is gone is"
                + " skipped when the batch is retried), land a repaired copy under a new name, and"
                + " run again.",
            file, line, describe(cause)),
        cause);
  }

  private static String describe(Throwable cause) {
    String message = cause.getMessage();
    String kind = cause.getClass().getSimpleName();
    return message == null || message.isBlank() ? kind : kind + ": " + message.strip();
  }
}
