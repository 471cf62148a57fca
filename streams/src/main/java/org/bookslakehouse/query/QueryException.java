package org.bookslakehouse.query;

/**
 * A named query that cannot be found, read or bound: a usage error (the {@code books} command exits
 * with 2 and prints the message, which says what is known or expected).
 */
public final class QueryException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public QueryException(String message) {
    super(message);
  }

  public QueryException(String message, Throwable cause) {
    super(message, cause);
  }
}
