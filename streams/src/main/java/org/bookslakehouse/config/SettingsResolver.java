package org.bookslakehouse.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.google.common.collect.ImmutableMap;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves {@link Settings} with one precedence, highest first: command-line flag, environment
 * variable, config file, default.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>flag</th><th>environment</th><th>config file key</th><th>default</th></tr>
 *   <tr><td>--landing</td><td>BOOKS_LANDING</td><td>landing</td><td>./landing</td></tr>
 *   <tr><td>--lake</td><td>BOOKS_LAKE</td><td>lake</td><td>./lake</td></tr>
 *   <tr><td>--database</td><td>BOOKS_DATABASE</td><td>database</td><td>books</td></tr>
 *   <tr><td>--as-of</td><td>BOOKS_AS_OF</td><td>as-of</td><td>today</td></tr>
 *   <tr><td>--max-files-per-trigger</td><td>BOOKS_MAX_FILES_PER_TRIGGER</td>
 *       <td>max-files-per-trigger</td><td>no limit</td></tr>
 *   <tr><td>--master</td><td>BOOKS_SPARK_MASTER</td><td>master</td><td>local[*]</td></tr>
 *   <tr><td>--retention (books maintain)</td><td>BOOKS_VACUUM_RETENTION</td>
 *       <td>vacuum-retention</td><td>7d</td></tr>
 *   <tr><td>--run-id (books run, maintain, verify)</td><td>BOOKS_RUN_ID</td>
 *       <td>run-id</td><td>a new UUID</td></tr>
 * </table>
 *
 * <p>The config file is the one named by {@code --config} or {@code BOOKS_CONFIG}, else {@code
 * ./books.yaml} when it exists. It is YAML with the keys above.
 */
public final class SettingsResolver {
  public static final String CONFIG_ENV = "BOOKS_CONFIG";
  public static final String DEFAULT_CONFIG_FILE = "books.yaml";

  private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
  private static final Pattern RETENTION = Pattern.compile("(\\d{1,6})\\s*([dDhH])");
  private static final Duration DEFAULT_VACUUM_RETENTION = Duration.ofDays(7);
  private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
  private static final Pattern URI_SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://.*");

  /** The master URLs of Spark 3.5's documentation ("Master URLs"). */
  private static final Pattern MASTER =
      Pattern.compile(
          "local(\\[(\\*|[1-9][0-9]*)(,[1-9][0-9]*)?\\])?"
              + "|local-cluster\\[[1-9][0-9]*,[1-9][0-9]*,[1-9][0-9]*\\]"
              + "|spark://[^/\\s]+(:[0-9]+)?(,[^/\\s]+(:[0-9]+)?)*"
              + "|yarn|k8s://\\S+|mesos://\\S+");

  /** A setting: its flag, environment variable and config-file key. */
  public enum Key {
    LANDING("--landing", "BOOKS_LANDING", "landing"),
    LAKE("--lake", "BOOKS_LAKE", "lake"),
    DATABASE("--database", "BOOKS_DATABASE", "database"),
    AS_OF("--as-of", "BOOKS_AS_OF", "as-of"),
    MAX_FILES_PER_TRIGGER(
        "--max-files-per-trigger", "BOOKS_MAX_FILES_PER_TRIGGER", "max-files-per-trigger"),
    MASTER("--master", "BOOKS_SPARK_MASTER", "master"),
    /** books maintain only: how long VACUUM keeps removed files. */
    VACUUM_RETENTION("--retention", "BOOKS_VACUUM_RETENTION", "vacuum-retention"),
    /** books run, maintain, verify: the id recorded in pipeline_runs (one per job run). */
    RUN_ID("--run-id", "BOOKS_RUN_ID", "run-id");

    private final String flag;
    private final String env;
    private final String fileKey;

    Key(String flag, String env, String fileKey) {
      this.flag = flag;
      this.env = env;
      this.fileKey = fileKey;
    }

    public String flag() {
      return flag;
    }

    public String env() {
      return env;
    }

    public String fileKey() {
      return fileKey;
    }
  }

  private final Map<String, String> environment;
  private final Path workingDirectory;
  private final LocalDate today;

  public SettingsResolver(Map<String, String> environment, Path workingDirectory, LocalDate today) {
    this.environment = ImmutableMap.copyOf(environment);
    this.workingDirectory = workingDirectory;
    this.today = today;
  }

  /** A resolver over this process's environment and working directory, today's date. */
  public static SettingsResolver forThisProcess() {
    return new SettingsResolver(
        System.getenv(), Path.of("").toAbsolutePath(), LocalDate.now(java.time.ZoneOffset.UTC));
  }

  /**
   * Resolves the settings.
   *
   * @param flags the values given on the command line (absent keys were not given)
   * @param configFile the {@code --config} flag, or {@code null}
   * @throws SettingsException with a message that says which setting is wrong and what to do
   */
  public Settings resolve(Map<Key, String> flags, String configFile) {
    Map<String, String> file = readConfigFile(configFile);
    String landing = location(pick(Key.LANDING, flags, file).orElse("landing"), Key.LANDING);
    String lake = location(pick(Key.LAKE, flags, file).orElse("lake"), Key.LAKE);
    String database = pick(Key.DATABASE, flags, file).orElse("books");
    if (!DATABASE_NAME.matcher(database).matches()) {
      throw new SettingsException(
          String.format(
              "Invalid database name '%s' (%s): a database name is letters, digits and '_', and"
                  + " starts with a letter or '_'. Fix: pass e.g. --database jane_books.",
              database, source(Key.DATABASE, flags, file)));
    }
    LocalDate asOf = pick(Key.AS_OF, flags, file).map(v -> date(v, flags, file)).orElse(today);
    OptionalInt maxFiles =
        pick(Key.MAX_FILES_PER_TRIGGER, flags, file)
            .map(v -> positive(v, Key.MAX_FILES_PER_TRIGGER, flags, file))
            .orElse(OptionalInt.empty());
    String master = pick(Key.MASTER, flags, file).orElse(Settings.LOCAL_MASTER).strip();
    if (!MASTER.matcher(master).matches()) {
      throw new SettingsException(
          String.format(
              "Invalid Spark master '%s' (%s): expected local[*], local[N], spark://HOST:PORT (a"
                  + " standalone cluster), yarn or k8s://https://HOST:PORT. Fix: pass e.g."
                  + " --master spark://spark-master:7077.",
              master, source(Key.MASTER, flags, file)));
    }
    return new Settings(landing, lake, database, asOf, maxFiles, master);
  }

  /**
   * The VACUUM retention of {@code books maintain}, with the same precedence: {@code --retention},
   * BOOKS_VACUUM_RETENTION, the config file's {@code vacuum-retention}, 7 days. A number of days
   * ({@code 7d}) or hours ({@code 36h}). Zero ({@code 0h}: VACUUM deletes every removed file at
   * once) is a valid value here; {@code books maintain} refuses it, as any retention under Delta's
   * 7 days, unless {@code --allow-short-retention} is given.
   */
  public Duration vacuumRetention(String flag, String configFile) {
    Map<Key, String> flags = new EnumMap<>(Key.class);
    if (flag != null) {
      flags.put(Key.VACUUM_RETENTION, flag);
    }
    Map<String, String> file = readConfigFile(configFile);
    Optional<String> value = pick(Key.VACUUM_RETENTION, flags, file);
    if (value.isEmpty()) {
      return DEFAULT_VACUUM_RETENTION;
    }
    Matcher matcher = RETENTION.matcher(value.get().strip());
    if (matcher.matches()) {
      long amount = Long.parseLong(matcher.group(1));
      return matcher.group(2).equalsIgnoreCase("d")
          ? Duration.ofDays(amount)
          : Duration.ofHours(amount);
    }
    throw new SettingsException(
        String.format(
            "Invalid vacuum-retention '%s' (%s): expected a number of days or hours, e.g."
                + " --retention 7d or --retention 168h.",
            value.get(), source(Key.VACUUM_RETENTION, flags, file)));
  }

  /**
   * The run id of {@code books run}, {@code maintain} and {@code verify}, with the same precedence:
   * {@code --run-id}, BOOKS_RUN_ID, the config file's {@code run-id}; empty when none is given (the
   * command then makes a fresh one). The Databricks job passes its own run id to every task, so
   * that all of a job run's rows in pipeline_runs share one id.
   */
  public Optional<String> runId(String flag, String configFile) {
    Map<Key, String> flags = new EnumMap<>(Key.class);
    if (flag != null) {
      flags.put(Key.RUN_ID, flag);
    }
    Optional<String> value = pick(Key.RUN_ID, flags, readConfigFile(configFile)).map(String::strip);
    if (value.isPresent() && !RUN_ID.matcher(value.get()).matches()) {
      throw new SettingsException(
          String.format(
              "Invalid run id '%s' (%s): a run id is 1 to 128 letters, digits, '.', '_', ':' or"
                  + " '-', starting with a letter or digit. Fix: pass e.g. --run-id 2004-11-01, or"
                  + " none for a fresh one.",
              value.get(), source(Key.RUN_ID, flags, readConfigFile(configFile))));
    }
    return value;
  }

  private Optional<String> pick(Key key, Map<Key, String> flags, Map<String, String> file) {
    String flag = flags.get(key);
    if (flag != null) {
      return Optional.of(flag);
    }
    String env = environment.get(key.env());
    if (env != null && !env.isBlank()) {
      return Optional.of(env.strip());
    }
    return Optional.ofNullable(file.get(key.fileKey()));
  }

  private String source(Key key, Map<Key, String> flags, Map<String, String> file) {
    if (flags.get(key) != null) {
      return "from " + key.flag();
    }
    String env = environment.get(key.env());
    if (env != null && !env.isBlank()) {
      return "from the environment variable " + key.env();
    }
    return file.containsKey(key.fileKey())
        ? "from the key '" + key.fileKey() + "' of the config file"
        : "the default";
  }

  private LocalDate date(String value, Map<Key, String> flags, Map<String, String> file) {
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new SettingsException(
          String.format(
              "Invalid as-of date '%s' (%s): expected YYYY-MM-DD, e.g. --as-of 2004-10-31.",
              value, source(Key.AS_OF, flags, file)),
          e);
    }
  }

  private OptionalInt positive(
      String value, Key key, Map<Key, String> flags, Map<String, String> file) {
    try {
      int parsed = Integer.parseInt(value.strip());
      if (parsed > 0) {
        return OptionalInt.of(parsed);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new SettingsException(
        String.format(
            "Invalid %s '%s' (%s): expected a whole number of files greater than 0, e.g. %s 10.",
            key.fileKey(), value, source(key, flags, file), key.flag()));
  }

  /** A local path becomes an absolute {@code file:} URI; a URI with a scheme stays as it is. */
  private String location(String value, Key key) {
    if (value.isBlank()) {
      throw new SettingsException(
          "Empty " + key.fileKey() + ": pass a folder or a URI, e.g. " + key.flag() + " ./lake.");
    }
    if (URI_SCHEME.matcher(value).matches() || value.startsWith("file:")) {
      return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }
    URI uri = workingDirectory.resolve(value).normalize().toUri();
    String text = uri.toString();
    return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
  }

  private Map<String, String> readConfigFile(String flag) {
    String named = flag != null ? flag : environment.get(CONFIG_ENV);
    Path path =
        named != null && !named.isBlank()
            ? workingDirectory.resolve(named)
            : workingDirectory.resolve(DEFAULT_CONFIG_FILE);
    if (!Files.exists(path)) {
      if (named != null && !named.isBlank()) {
        throw new SettingsException(
            "Config file " + path + " does not exist. Fix: create it or name another one.");
      }
      return Map.of();
    }
    return values(path, readYaml(path));
  }

  /** The YAML document of the config file at {@code path}; a clear error where it is invalid. */
  private static JsonNode readYaml(Path path) {
    try {
      return new ObjectMapper(new YAMLFactory()).readTree(path.toFile());
    } catch (JsonProcessingException e) {
      // Note: the parser's message repeats the place twice (its own and Jackson's, counted
      // differently for some errors); say it once, from Jackson's location.
      String problem = e.getOriginalMessage().lines().findFirst().orElse("invalid YAML").strip();
      JsonLocation at = e.getLocation();
      throw new SettingsException(
          String.format(
              "Config file %s%s: %s. Fix: write one 'key: value' per line (quote a value that"
                  + " holds ': ').",
              path,
              at == null || at.getLineNr() < 1
                  ? ""
                  : String.format(", line %d, column %d", at.getLineNr(), at.getColumnNr()),
              problem),
          e);
    } catch (IOException e) {
      throw new SettingsException(
          "Cannot read config file " + path + ": " + e.getMessage() + ". Fix: make it readable.",
          e);
    }
  }

  /** The config file's keys and values (a key given no value is left out); known keys only. */
  private static Map<String, String> values(Path path, JsonNode root) {
    if (root == null || root.isMissingNode() || root.isNull()) {
      return Map.of();
    }
    if (!root.isObject()) {
      throw new SettingsException(
          "Config file "
              + path
              + " must be a YAML mapping of keys to values, e.g. 'lake: ./lake'.");
    }
    ImmutableMap.Builder<String, String> values = ImmutableMap.builder();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      if (!isKnownFileKey(entry.getKey())) {
        throw new SettingsException(
            String.format(
                "Unknown key '%s' in config file %s. Known keys: landing, lake, database, as-of,"
                    + " max-files-per-trigger, master, vacuum-retention, run-id.",
                entry.getKey(), path));
      }
      if (!entry.getValue().isNull()) {
        values.put(entry.getKey(), entry.getValue().asText());
      }
    }
    return values.buildOrThrow();
  }

  private static boolean isKnownFileKey(String key) {
    for (Key k : Key.values()) {
      if (k.fileKey().equals(key)) {
        return true;
      }
    }
    return false;
  }
}
