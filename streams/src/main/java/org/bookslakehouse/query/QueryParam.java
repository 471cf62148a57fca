package org.bookslakehouse.query;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One declared parameter of a named query: {@code -- param: NAME TYPE DEFAULT DESCRIPTION}.
 *
 * @param name the name of its marker in the SQL ({@code :years})
 * @param type its type
 * @param defaultValue its default as written: a literal, a run value such as {@code ${as_of_year}},
 *     or empty when the parameter is required
 * @param description what it means
 */
public record QueryParam(
    String name, ParamType type, Optional<String> defaultValue, String description) {
  private static final Pattern RUN_VALUE = Pattern.compile("\\$\\{([a-z_][a-z0-9_]*)}");

  /** The run values a default can name: {@code ${as_of_year}}, the year of {@code --as-of}. */
  public static final String AS_OF_YEAR = "as_of_year";

  public boolean required() {
    return defaultValue.isEmpty();
  }

  /** The name of the run value the default refers to ({@code as_of_year}), if it refers to one. */
  public Optional<String> runValue() {
    return defaultValue.map(RUN_VALUE::matcher).filter(Matcher::matches).map(m -> m.group(1));
  }

  /** The default as text, its run value resolved; empty when the parameter is required. */
  public Optional<String> defaultText(Map<String, String> runValues) {
    Optional<String> run = runValue();
    if (run.isPresent()) {
      return Optional.ofNullable(runValues.get(run.get()));
    }
    return defaultValue;
  }

  /** How the default reads in a listing: {@code 10}, {@code ${as_of_year} (2004)}, {@code -}. */
  public String defaultShown(Map<String, String> runValues) {
    if (defaultValue.isEmpty()) {
      return "(required)";
    }
    Optional<String> run = runValue();
    if (run.isPresent() && runValues.containsKey(run.get())) {
      return defaultValue.get() + " (" + runValues.get(run.get()) + ")";
    }
    return defaultValue.get();
  }
}
