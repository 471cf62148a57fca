package org.bookslakehouse.query;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The types a query parameter can have, each with the Java value Spark binds as its literal. */
public enum ParamType {
  /** A 32-bit whole number, bound as an {@link Integer} (SQL INT). */
  INT("a whole number"),
  /** A 64-bit whole number, bound as a {@link Long} (SQL BIGINT). */
  BIGINT("a whole number"),
  /** A finite decimal number, bound as a {@link Double} (SQL DOUBLE). */
  DOUBLE("a number"),
  /** Any text, bound as a {@link String} (SQL STRING). */
  STRING("text"),
  /** {@code true} or {@code false}, bound as a {@link Boolean} (SQL BOOLEAN). */
  BOOLEAN("true or false"),
  /** An ISO date, YYYY-MM-DD, bound as a {@link LocalDate} (SQL DATE). */
  DATE("a date, YYYY-MM-DD");

  private final String expected;

  ParamType(String expected) {
    this.expected = expected;
  }

  /** What a value of this type looks like, for error messages. */
  public String expected() {
    return expected;
  }

  /** The type of this name (any case), if it is one. */
  public static Optional<ParamType> named(String name) {
    return Arrays.stream(values())
        .filter(type -> type.name().equals(name.toUpperCase(Locale.ROOT)))
        .findFirst();
  }

  /** The names of every type, for error messages. */
  public static String names() {
    return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
  }

  /**
   * The value of this text as this type.
   *
   * @throws IllegalArgumentException when the text is not a value of this type
   */
  public Object parse(String text) {
    String value = this == STRING ? text : text.strip();
    try {
      return switch (this) {
        case INT -> Integer.valueOf(value);
        case BIGINT -> Long.valueOf(value);
        case DOUBLE -> finite(Double.valueOf(value));
        case STRING -> value;
        case BOOLEAN -> bool(value);
        case DATE -> LocalDate.parse(value);
      };
    } catch (NumberFormatException | DateTimeParseException e) {
      throw new IllegalArgumentException(value, e);
    }
  }

  private static Double finite(Double value) {
    if (value.isNaN() || value.isInfinite()) {
      throw new NumberFormatException("not finite: " + value);
    }
    return value;
  }

  private static Boolean bool(String value) {
    if (value.equalsIgnoreCase("true")) {
      return Boolean.TRUE;
    }
    if (value.equalsIgnoreCase("false")) {
      return Boolean.FALSE;
    }
    throw new IllegalArgumentException(value);
  }
}
