package org.bookslakehouse.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a named query file: a comment header, then one SQL statement.
 *
 * <pre>
 * -- name: top_rated_books
 * -- description: The best-rated books published in the N years up to the as-of year ...
 * -- description: (a description may go on over several lines)
 * -- param: as_of_year INT ${as_of_year} The last year counted
 * -- param: years INT 10 How many years, the as-of year included
 * SELECT ... WHERE year &gt; :as_of_year - :years ... LIMIT :top;
 * </pre>
 *
 * <ul>
 *   <li>The header is the file's first run of lines that start with {@code --}. In it, {@code --
 *       KEY: VALUE} lines with the keys {@code name} (once; equal to the file name without {@code
 *       .sql}), {@code description} (once or more, joined) and {@code param} (once per parameter).
 *       Other comment lines are free text, but one that starts with a lower-case word and a colon
 *       is read as a key, and an unknown key is an error (a typo such as {@code parm:}).
 *   <li>{@code param: NAME TYPE DEFAULT DESCRIPTION}: NAME in {@code [a-z][a-z0-9_]*}; TYPE one of
 *       {@link ParamType}; DEFAULT a literal of the type (in single quotes when it holds a space,
 *       {@code ''} for a quote), a run value ({@code ${as_of_year}}: the year of the run's {@code
 *       --as-of}) or {@code -} for a required parameter; DESCRIPTION the rest of the line.
 *   <li>The statement after the header uses each parameter as a named marker ({@code :years}), and
 *       no other marker; a final {@code ;} is allowed (SQL clients want it).
 * </ul>
 */
public final class QueryFileParser {
  private static final Pattern KEY_LINE = Pattern.compile("--\\s*([a-z_]+):(.*)");
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");
  private static final Pattern PARAM =
      Pattern.compile("([^\\s]+)\\s+([^\\s]+)\\s+('(?:[^']|'')*'|[^\\s]+)(?:\\s+(.*))?");

  private QueryFileParser() {}

  /**
   * Parses the text of the file {@code fileName} ({@code NAME.sql}).
   *
   * @param source where the text comes from, for messages and {@link NamedQuery#source()}
   * @throws QueryException naming the file and line of what is wrong
   */
  public static NamedQuery parse(String fileName, String source, String text) {
    if (!fileName.endsWith(".sql")) {
      throw new QueryException(source + ": a query file's name ends in .sql");
    }
    String expectedName = fileName.substring(0, fileName.length() - ".sql".length());
    String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
    String name = null;
    List<String> description = new ArrayList<>();
    List<QueryParam> params = new ArrayList<>();
    int line = 0;
    for (; line < lines.length; line++) {
      String stripped = lines[line].strip();
      if (!stripped.startsWith("--")) {
        break;
      }
      Matcher key = KEY_LINE.matcher(stripped);
      if (!key.matches()) {
        continue;
      }
      String value = key.group(2).strip();
      String where = source + ":" + (line + 1) + ": ";
      switch (key.group(1)) {
        case "name" -> name = name(where, value, name, expectedName);
        case "description" -> {
          if (!value.isEmpty()) {
            description.add(value);
          }
        }
        case "param" -> params.add(param(where, value, params));
        default ->
            throw new QueryException(
                where
                    + "unknown header key '"
                    + key.group(1)
                    + ":' (the keys are name:, description:, param:)");
      }
    }
    if (name == null) {
      throw new QueryException(source + ": the header has no '-- name: " + expectedName + "' line");
    }
    if (description.isEmpty()) {
      throw new QueryException(source + ": the header has no '-- description: ...' line");
    }
    String sql = statement(source, lines, line);
    checkMarkers(source, sql, params);
    return new NamedQuery(name, String.join(" ", description), params, sql, source);
  }

  /** The query's name, from its {@code name:} line: the file's name, given once. */
  private static String name(String where, String value, String earlier, String expectedName) {
    if (earlier != null) {
      throw new QueryException(where + "a second 'name:'");
    }
    if (!value.equals(expectedName)) {
      throw new QueryException(
          where
              + "the name '"
              + value
              + "' is not the file's name; write '-- name: "
              + expectedName
              + "'");
    }
    return value;
  }

  /** A {@code param:} line's parameter, not one of those {@code declared} before it. */
  private static QueryParam param(String where, String value, List<QueryParam> declared) {
    QueryParam param = param(where, value);
    if (declared.stream().anyMatch(p -> p.name().equals(param.name()))) {
      throw new QueryException(where + "parameter " + param.name() + " is declared twice");
    }
    return param;
  }

  private static QueryParam param(String where, String value) {
    Matcher m = PARAM.matcher(value);
    if (!m.matches()) {
      throw new QueryException(
          where
              + "write '-- param: NAME TYPE DEFAULT DESCRIPTION', e.g. '-- param: years INT 10"
              + " How many years back'");
    }
    String paramName = m.group(1);
    if (!NAME.matcher(paramName).matches()) {
      throw new QueryException(
          where + "parameter name '" + paramName + "' is not lower case letters, digits and _");
    }
    ParamType type =
        ParamType.named(m.group(2))
            .orElseThrow(
                () ->
                    new QueryException(
                        where
                            + "parameter "
                            + paramName
                            + " has the unknown type '"
                            + m.group(2)
                            + "' (types: "
                            + ParamType.names()
                            + ")"));
    String paramDescription = m.group(4) == null ? "" : m.group(4).strip();
    if (paramDescription.isEmpty()) {
      throw new QueryException(where + "parameter " + paramName + " has no description");
    }
    QueryParam param = new QueryParam(paramName, type, defaultValue(m.group(3)), paramDescription);
    checkDefault(where, param);
    return param;
  }

  /** The default as written: {@code -} for none, a quoted string unquoted, else as it is. */
  private static Optional<String> defaultValue(String written) {
    if (written.equals("-")) {
      return Optional.empty();
    } else if (written.length() >= 2 && written.startsWith("'")) {
      return Optional.of(written.substring(1, written.length() - 1).replace("''", "'"));
    } else {
      return Optional.of(written);
    }
  }

  /** A default is a known run value, or a value of the parameter's type. */
  private static void checkDefault(String where, QueryParam param) {
    String paramName = param.name();
    ParamType type = param.type();
    Optional<String> defaultValue = param.defaultValue();
    Optional<String> runValue = param.runValue();
    if (runValue.isPresent()) {
      if (!runValue.get().equals(QueryParam.AS_OF_YEAR)) {
        throw new QueryException(
            where
                + "parameter "
                + paramName
                + ": unknown run value '${"
                + runValue.get()
                + "}' (known: ${"
                + QueryParam.AS_OF_YEAR
                + "})");
      }
    } else if (defaultValue.isPresent()) {
      try {
        type.parse(defaultValue.get());
      } catch (IllegalArgumentException e) {
        throw new QueryException(
            where
                + "parameter "
                + paramName
                + ": the default '"
                + defaultValue.get()
                + "' is not "
                + type.expected(),
            e);
      }
    }
  }

  private static String statement(String source, String[] lines, int from) {
    String body = String.join("\n", Arrays.copyOfRange(lines, from, lines.length));
    String sql = body.strip();
    while (sql.endsWith(";")) {
      sql = sql.substring(0, sql.length() - 1).strip();
    }
    if (sql.isEmpty()) {
      throw new QueryException(source + ": there is no SQL statement after the header");
    }
    return sql;
  }

  private static void checkMarkers(String source, String sql, List<QueryParam> params) {
    Set<String> used = markers(sql);
    for (String marker : used) {
      if (params.stream().noneMatch(p -> p.name().equals(marker))) {
        throw new QueryException(
            source
                + ": the SQL uses :"
                + marker
                + ", which the header does not declare (add '-- param: "
                + marker
                + " TYPE DEFAULT DESCRIPTION')");
      }
    }
    for (QueryParam param : params) {
      if (!used.contains(param.name())) {
        throw new QueryException(
            source
                + ": parameter "
                + param.name()
                + " is declared but the SQL never uses :"
                + param.name());
      }
    }
  }

  /**
   * The named parameter markers ({@code :name}) of a statement, in its code ({@link SqlLexer}:
   * outside string literals, quoted identifiers and comments); {@code ::} (a cast) is not a marker.
   */
  public static Set<String> markers(String sql) {
    Set<String> found = new LinkedHashSet<>();
    SqlLexer lexer = new SqlLexer();
    int n = sql.length();
    for (int i = lexer.nextCode(sql, 0); i < n; i = lexer.nextCode(sql, i + 1)) {
      char c = sql.charAt(i);
      char next = i + 1 < n ? sql.charAt(i + 1) : 0;
      if (c == ':' && next == ':') {
        i++;
      } else if (c == ':' && (Character.isLetter(next) || next == '_')) {
        int end = i + 1;
        while (end < n && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_')) {
          end++;
        }
        found.add(sql.substring(i + 1, end));
        i = end - 1;
      }
    }
    return found;
  }
}
