package org.bookslakehouse.pipeline;

/**
 * A table cannot be read as it was at a moment (a run's end, a date): what happened, why and how to
 * fix it, in the message.
 */
public final class RunPointException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RunPointException(String message) {
    super(message);
  }
}
