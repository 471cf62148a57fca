package org.bookslakehouse.pipeline;

/** Another run or reset holds the lake's run lock; the message names it and says what to do. */
public final class RunLockedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RunLockedException(String message) {
    super(message);
  }
}
