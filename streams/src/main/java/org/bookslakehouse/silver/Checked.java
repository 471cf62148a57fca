package org.bookslakehouse.silver;

import com.google.common.base.Preconditions;

/**
 * The outcome of a cleansing rule that can reject its input: either a cleansed value, or the
 * human-readable reason why the row must be quarantined.
 *
 * @param value the cleansed value, {@code null} when rejected
 * @param problem why the input was rejected, naming the raw value; {@code null} when valid
 * @param <T> the type of the cleansed value
 */
public record Checked<T>(T value, String problem) {
  public Checked {
    Preconditions.checkArgument(
        (value == null) != (problem == null),
        "Invalid checked value: exactly one of value and problem must be set, got %s and %s",
        value,
        problem);
  }

  /** A valid, cleansed value. */
  public static <T> Checked<T> valid(T value) {
    Preconditions.checkArgument(value != null, "Invalid checked value: null");
    return new Checked<>(value, null);
  }

  /** A rejected value, with the reason a human reads in the quarantine table. */
  public static <T> Checked<T> rejected(String problem) {
    Preconditions.checkArgument(problem != null, "Invalid problem: null");
    return new Checked<>(null, problem);
  }

  /** Whether the value passed the rule; {@link #value()} is then not {@code null}. */
  public boolean isValid() {
    return problem == null;
  }
}
