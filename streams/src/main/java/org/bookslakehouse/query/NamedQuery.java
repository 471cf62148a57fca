package org.bookslakehouse.query;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A named, parameterised SQL query read from a {@code queries/NAME.sql} file.
 *
 * @param name its name, the file's name without {@code .sql}
 * @param description what it returns
 * @param params its parameters, in the order the header declares them
 * @param sql the statement, with named parameter markers ({@code :years}) and no final {@code ;}
 * @param source where it was read from (a file path or a resource in the jar)
 */
public record NamedQuery(
    String name, String description, List<QueryParam> params, String sql, String source) {
  public NamedQuery {
    params = List.copyOf(params);
  }

  public Optional<QueryParam> param(String paramName) {
    return params.stream().filter(p -> p.name().equals(paramName)).findFirst();
  }

  /**
   * The values to bind, by marker name: each given value parsed as its parameter's type, every
   * other parameter's default (a run value such as {@code ${as_of_year}} taken from {@code
   * runValues}).
   *
   * @param given the values given on the command line, as text, by parameter name
   * @param runValues the run values defaults may name ({@code as_of_year})
   * @throws QueryException for an unknown parameter, a missing value or a value of another type
   */
  public Map<String, Object> bind(Map<String, String> given, Map<String, String> runValues) {
    for (String key : given.keySet()) {
      if (param(key).isEmpty()) {
        throw new QueryException(
            params.isEmpty()
                ? String.format("Unknown parameter '%s': query %s takes no parameters.", key, name)
                : String.format(
                    "Unknown parameter '%s' for query %s. Its parameters: %s.",
                    key, name, signature()));
      }
    }
    Map<String, Object> values = new LinkedHashMap<>();
    for (QueryParam param : params) {
      String text = given.get(param.name());
      if (text == null) {
        text =
            param
                .defaultText(runValues)
                .orElseThrow(
                    () ->
                        new QueryException(
                            String.format(
                                "Query %s needs parameter %s: give it as --param %s=%s.",
                                name, param.name(), param.name(), param.type())));
      } else if (text.isBlank() && param.type() != ParamType.STRING) {
        throw new QueryException(
            String.format(
                "Parameter %s of query %s has no value: give it as --param %s=%s (%s).",
                param.name(), name, param.name(), param.type(), param.type().expected()));
      }
      try {
        values.put(param.name(), param.type().parse(text));
      } catch (IllegalArgumentException e) {
        throw new QueryException(
            String.format(
                "Parameter %s of query %s is %s (%s): '%s' is not.",
                param.name(), name, param.type(), param.type().expected(), text),
            e);
      }
    }
    return values;
  }

  /** The parameters in one line: {@code years INT = 10, top INT = 20}. */
  public String signature() {
    return params.stream()
        .map(
            p ->
                p.name()
                    + " "
                    + p.type()
                    + p.defaultValue().map(d -> " = " + d).orElse(" (required)"))
        .collect(Collectors.joining(", "));
  }
}
