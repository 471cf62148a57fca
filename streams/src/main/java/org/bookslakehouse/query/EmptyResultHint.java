package org.bookslakehouse.query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * Why a named query returned no rows: the one whole-number parameter whose change alone brings rows
 * back, and the value nearest its current one that does. The rule needs no knowledge of a query:
 * each INT or BIGINT parameter (but a run value such as {@code as_of_year}) is tried at 0 and far
 * above its value; on the side that gives rows, values halving (or doubling) away from the current
 * one find the nearest that still does. The parameter needing the smallest change wins.
 */
public final class EmptyResultHint {
  /** How far above its value a parameter is probed: ten times it, plus this. */
  private static final long HIGH_MARGIN = 100;

  private EmptyResultHint() {}

  /** A parameter value that brings rows back. */
  public record Suggestion(QueryParam param, long current, long suggested, long rows) {
    /** The hint, e.g. "0 rows with min_ratings=20 (...); try --param min_ratings=5 (3 rows)." */
    public String message() {
      return String.format(
          Locale.ROOT,
          "0 rows with %s=%d (%s); try --param %s=%d (%d row%s).",
          param.name(),
          current,
          param.description(),
          param.name(),
          suggested,
          rows,
          rows == 1 ? "" : "s");
    }
  }

  /**
   * The parameter that most likely filtered every row, if changing one alone brings rows back.
   *
   * @param query the query that returned no rows
   * @param values the values it was bound with
   * @param rows counts the rows of the query bound with other values
   */
  public static Optional<Suggestion> find(
      NamedQuery query, Map<String, Object> values, ToLongFunction<Map<String, Object>> rows) {
    List<Suggestion> found = new ArrayList<>();
    for (QueryParam param : query.params()) {
      boolean whole = param.type() == ParamType.INT || param.type() == ParamType.BIGINT;
      if (!whole || param.runValue().isPresent() || !(values.get(param.name()) instanceof Number)) {
        continue;
      }
      long current = ((Number) values.get(param.name())).longValue();
      nearest(param, current, values, rows).ifPresent(found::add);
    }
    return found.stream()
        .min(
            (a, b) ->
                Double.compare(
                    change(a.current(), a.suggested()), change(b.current(), b.suggested())));
  }

  private static Optional<Suggestion> nearest(
      QueryParam param,
      long current,
      Map<String, Object> values,
      ToLongFunction<Map<String, Object>> rows) {
    long high = current * 10 + HIGH_MARGIN;
    for (long extreme : new long[] {0, high}) {
      if (extreme == current || count(param, extreme, values, rows) == 0) {
        continue;
      }
      // From the current value towards the extreme: halving it, or doubling it.
      long candidate = extreme == 0 ? current / 2 : Math.max(current * 2, current + 1);
      while (true) {
        candidate = extreme == 0 ? candidate : Math.min(candidate, high);
        long n = count(param, candidate, values, rows);
        if (n > 0) {
          return Optional.of(new Suggestion(param, current, candidate, n));
        }
        if (candidate == extreme) {
          break;
        }
        candidate = extreme == 0 ? candidate / 2 : candidate * 2;
      }
    }
    return Optional.empty();
  }

  private static long count(
      QueryParam param,
      long value,
      Map<String, Object> values,
      ToLongFunction<Map<String, Object>> rows) {
    Map<String, Object> changed = new LinkedHashMap<>(values);
    changed.put(param.name(), param.type() == ParamType.INT ? (Object) (int) value : value);
    return rows.applyAsLong(changed);
  }

  private static double change(long from, long to) {
    return Math.abs(Math.log((to + 1.0) / (from + 1.0)));
  }
}
