package org.bookslakehouse.lake;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.bookslakehouse.config.Settings;
import org.bookslakehouse.config.SettingsException;

/**
 * The Hadoop settings that let the landing zone and the lake live in Azure storage, taken from the
 * environment (never from a file, never logged).
 *
 * <table>
 *   <caption>URIs and credentials</caption>
 *   <tr><th>URI</th><th>credentials</th></tr>
 *   <tr><td>{@code abfss://CONTAINER@ACCOUNT.dfs.core.windows.net/PATH} (ADLS Gen2)</td>
 *       <td>an account key ({@code BOOKS_AZURE_ACCOUNT_KEY} or {@code AZURE_STORAGE_KEY}), or a
 *       service principal ({@code AZURE_CLIENT_ID}, {@code AZURE_CLIENT_SECRET}, {@code
 *       AZURE_TENANT_ID}, OAuth client credentials)</td></tr>
 *   <tr><td>{@code wasbs://CONTAINER@ACCOUNT.blob.core.windows.net/PATH} (Blob storage)</td>
 *       <td>an account key</td></tr>
 *   <tr><td>{@code wasb://CONTAINER@devstoreaccount1.blob.core.windows.net/PATH} (the Azurite
 *       emulator at 127.0.0.1:10000)</td><td>none: the emulator's well-known account</td></tr>
 * </table>
 *
 * <p>On Databricks nothing is set: the cluster's Spark configuration brings the credentials from a
 * secret scope. Credentials already present in the Hadoop configuration (a {@code core-site.xml}, a
 * {@code -Dspark.hadoop.fs.azure...} property) are kept and satisfy the check.
 *
 * <p>Each command also checks at start that the storage answers ({@link #checkReachable}): an
 * account that does not resolve would otherwise keep Hadoop's Azure clients retrying, with
 * back-off, for minutes before the command fails.
 */
public final class AzureStorage {
  /** The account key for every account the URIs name. */
  public static final String ACCOUNT_KEY_ENV = "BOOKS_AZURE_ACCOUNT_KEY";

  /** The Azure SDKs' name for the same key; used when {@link #ACCOUNT_KEY_ENV} is not set. */
  public static final String STORAGE_KEY_ENV = "AZURE_STORAGE_KEY";

  public static final String CLIENT_ID_ENV = "AZURE_CLIENT_ID";
  public static final String CLIENT_SECRET_ENV = "AZURE_CLIENT_SECRET";
  public static final String TENANT_ID_ENV = "AZURE_TENANT_ID";

  /** The account name of the Azurite emulator and the Azure Storage Emulator. */
  public static final String EMULATOR_ACCOUNT = "devstoreaccount1";

  static final String EMULATOR_PROPERTY = "fs.azure.storage.emulator.account.name";

  /** Where hadoop-azure reaches the emulator's blob endpoint. */
  static final InetSocketAddress EMULATOR_ENDPOINT =
      InetSocketAddress.createUnresolved("127.0.0.1", 10000);

  /** How long the storage may take to answer at start. */
  static final Duration REACHABLE_WITHIN = Duration.ofSeconds(10);

  private static final Pattern AUTHORITY =
      Pattern.compile(
          "([a-z0-9][a-z0-9-]{1,62})@([a-z0-9]{3,24})\\.(dfs|blob)\\.core\\.windows\\.net");

  private AzureStorage() {}

  /** One Azure location: its scheme, container, account and endpoint kind. */
  record Location(String uri, String scheme, String container, String account, String kind) {
    /** The host the Hadoop per-account properties are keyed by. */
    String host() {
      return account + "." + kind + ".core.windows.net";
    }

    boolean abfs() {
      return scheme.startsWith("abfs");
    }

    boolean emulator() {
      return !abfs() && account.equals(EMULATOR_ACCOUNT);
    }
  }

  /** The Hadoop settings for this process's settings and environment; empty on Databricks. */
  public static Map<String, String> forThisProcess(Settings settings) {
    if (Sessions.onDatabricks()) {
      return Map.of();
    }
    Configuration existing = new Configuration();
    List<String> uris = List.of(settings.landing(), settings.lake());
    Map<String, String> conf =
        hadoopConf(
            uris,
            System.getenv(),
            key -> {
              String property = System.getProperty("spark.hadoop." + key);
              return property != null ? property : existing.get(key);
            });
    // Note: through a proxy the storage's host may not resolve here; hadoop-azure then uses it.
    if (System.getProperty("https.proxyHost") == null
        && System.getProperty("http.proxyHost") == null) {
      checkReachable(uris, AzureStorage::connect, REACHABLE_WITHIN);
    }
    return conf;
  }

  /** Connects to a storage endpoint: resolves its host and opens a TCP connection. */
  interface Probe {
    void connect(InetSocketAddress endpoint, Duration timeout) throws IOException;
  }

  /** The real {@link Probe}. */
  static void connect(InetSocketAddress endpoint, Duration timeout) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(
          new InetSocketAddress(endpoint.getHostString(), endpoint.getPort()),
          (int) timeout.toMillis());
    }
  }

  /**
   * Checks that the storage of every Azure URI answers (its host resolves and accepts a
   * connection), each within {@code timeout}.
   *
   * @throws SettingsException naming the account, what failed and what to check
   */
  static void checkReachable(List<String> uris, Probe probe, Duration timeout) {
    ExecutorService executor =
        Executors.newCachedThreadPool(
            new ThreadFactoryBuilder()
                .setNameFormat("books-storage-check")
                .setDaemon(true)
                .build());
    try {
      for (String uri : uris) {
        Location location = parse(uri);
        if (location != null) {
          checkReachable(location, probe, timeout, executor);
        }
      }
    } finally {
      // Note: a DNS lookup cannot be interrupted; its daemon thread ends when the lookup does.
      executor.shutdownNow();
    }
  }

  private static void checkReachable(
      Location location, Probe probe, Duration timeout, ExecutorService executor) {
    InetSocketAddress endpoint =
        location.emulator()
            ? EMULATOR_ENDPOINT
            : InetSocketAddress.createUnresolved(
                location.host(), location.scheme().endsWith("s") ? 443 : 80);
    Future<?> answer =
        executor.submit(
            () -> {
              probe.connect(endpoint, timeout);
              return null;
            });
    String problem;
    try {
      answer.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
      return;
    } catch (TimeoutException e) {
      problem = "it did not answer within " + timeout.toSeconds() + " s";
    } catch (ExecutionException e) {
      problem =
          e.getCause() instanceof UnknownHostException
              ? "its host " + endpoint.getHostString() + " does not resolve (unknown host)"
              : "it did not answer (" + e.getCause() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SettingsException("Interrupted while checking the storage of " + location.uri());
    }
    if (location.emulator()) {
      throw new SettingsException(
          String.format(
              "Cannot reach the Azurite emulator for %s at %s:%d: %s. Fix: start Azurite (e.g."
                  + " npx azurite-blob --blobHost 127.0.0.1 --blobPort 10000), or check the URI.",
              location.uri(), endpoint.getHostString(), endpoint.getPort(), problem));
    }
    throw new SettingsException(
        String.format(
            "Cannot reach the storage account %s for %s at %s:%d: %s. Check: the account name in"
                + " the URI (as the Azure portal spells it), that the account exists, and that this"
                + " machine reaches it (DNS, firewall, the account's network rules; behind a proxy"
                + " set -Dhttps.proxyHost in BOOKS_JAVA_OPTS).",
            location.account(),
            location.uri(),
            endpoint.getHostString(),
            endpoint.getPort(),
            problem));
  }

  /** Adds the settings to a Hadoop configuration (for code that reads storage without Spark). */
  public static Configuration configure(Configuration hadoop, Settings settings) {
    forThisProcess(settings).forEach(hadoop::set);
    return hadoop;
  }

  /**
   * The Hadoop settings the URIs need.
   *
   * @param uris the landing zone and the lake; those that are not Azure URIs are ignored
   * @param env the environment variables
   * @param existing what the Hadoop configuration holds already for a key ({@code null}: nothing)
   * @throws SettingsException when an Azure URI is malformed or has no credentials, saying what to
   *     set
   */
  public static Map<String, String> hadoopConf(
      List<String> uris, Map<String, String> env, Function<String, String> existing) {
    Map<String, String> conf = new TreeMap<>();
    for (String uri : uris) {
      Location location = parse(uri);
      if (location != null) {
        putCredentials(location, env, existing, conf);
      }
    }
    return conf;
  }

  /**
   * Puts the settings one Azure location needs into {@code conf}: the emulator's, an account key
   * from the environment, else (abfs) a service principal; nothing when the configuration has a key
   * or (abfs) an auth type for the account already.
   */
  private static void putCredentials(
      Location location,
      Map<String, String> env,
      Function<String, String> existing,
      Map<String, String> conf) {
    String host = location.host();
    String keyProperty = "fs.azure.account.key." + host;
    String key = firstSet(env, ACCOUNT_KEY_ENV, STORAGE_KEY_ENV);
    if (location.emulator()) {
      conf.put(EMULATOR_PROPERTY, host);
      // The emulator needs no key (its account's key is well known); one given is set as for
      // any account, so that the emulator runs see a key in the configuration as real ones do.
      if (key != null) {
        conf.put(keyProperty, key);
      }
      return;
    }
    if (key != null) {
      conf.put(keyProperty, key);
      return;
    }
    if (existing.apply(keyProperty) != null) {
      return;
    }
    if (!location.abfs()) {
      throw new SettingsException(
          String.format(
              "%s needs credentials: set %s (or %s) to the account key of %s.",
              location.uri(), ACCOUNT_KEY_ENV, STORAGE_KEY_ENV, location.account()));
    }
    putServicePrincipal(location, env, existing, conf);
  }

  /**
   * Puts the OAuth settings of the service principal the environment names for an abfs location
   * that has no account key; nothing when the configuration has an auth type for the account.
   *
   * @throws SettingsException when the environment names part of a service principal, or none
   */
  private static void putServicePrincipal(
      Location location,
      Map<String, String> env,
      Function<String, String> existing,
      Map<String, String> conf) {
    String host = location.host();
    String clientId = firstSet(env, CLIENT_ID_ENV);
    String secret = firstSet(env, CLIENT_SECRET_ENV);
    String tenant = firstSet(env, TENANT_ID_ENV);
    if (clientId != null && secret != null && tenant != null) {
      conf.put("fs.azure.account.auth.type." + host, "OAuth");
      conf.put(
          "fs.azure.account.oauth.provider.type." + host,
          "org.apache.hadoop.fs.azurebfs.oauth2.ClientCredsTokenProvider");
      conf.put("fs.azure.account.oauth2.client.id." + host, clientId);
      conf.put("fs.azure.account.oauth2.client.secret." + host, secret);
      conf.put(
          "fs.azure.account.oauth2.client.endpoint." + host,
          "https://login.microsoftonline.com/" + tenant + "/oauth2/token");
      return;
    }
    if (existing.apply("fs.azure.account.auth.type." + host) != null) {
      return;
    }
    if (clientId != null || secret != null || tenant != null) {
      throw new SettingsException(
          String.format(
              "%s needs credentials: a service principal needs all of %s, %s and %s (%s"
                  + " missing). Fix: set the missing ones, or set %s to the account key of %s.",
              location.uri(),
              CLIENT_ID_ENV,
              CLIENT_SECRET_ENV,
              TENANT_ID_ENV,
              missing(clientId, secret, tenant),
              ACCOUNT_KEY_ENV,
              location.account()));
    }
    throw new SettingsException(
        String.format(
            "%s needs credentials: set %s (or %s) to the account key of %s, or %s, %s and %s"
                + " to a service principal that may use the container %s.",
            location.uri(),
            ACCOUNT_KEY_ENV,
            STORAGE_KEY_ENV,
            location.account(),
            CLIENT_ID_ENV,
            CLIENT_SECRET_ENV,
            TENANT_ID_ENV,
            location.container()));
  }

  /** The Azure location of a URI; {@code null} when it is not an Azure URI. */
  static Location parse(String uri) {
    int colon = uri.indexOf("://");
    if (colon < 0) {
      return null;
    }
    String scheme = uri.substring(0, colon).toLowerCase(Locale.ROOT);
    if (!List.of("abfs", "abfss", "wasb", "wasbs").contains(scheme)) {
      return null;
    }
    String authority;
    try {
      authority = new URI(uri).getRawAuthority();
    } catch (URISyntaxException e) {
      throw new SettingsException("Invalid URI " + uri + ": " + e.getMessage(), e);
    }
    String kind = scheme.startsWith("abfs") ? "dfs" : "blob";
    String example = scheme + "://CONTAINER@ACCOUNT." + kind + ".core.windows.net/PATH";
    Matcher matcher =
        AUTHORITY.matcher(authority == null ? "" : authority.toLowerCase(Locale.ROOT));
    if (!matcher.matches()) {
      throw new SettingsException(
          String.format(
              "Invalid Azure URI %s: expected %s (a container and a storage account)%s.",
              uri,
              example,
              scheme.startsWith("wasb")
                  ? "; for the Azurite emulator: "
                      + scheme
                      + "://CONTAINER@"
                      + EMULATOR_ACCOUNT
                      + ".blob.core.windows.net/PATH"
                  : ""));
    }
    if (!matcher.group(3).equals(kind)) {
      throw new SettingsException(
          String.format(
              "Invalid Azure URI %s: %s:// goes to the %s endpoint, so the host is ACCOUNT.%s"
                  + ".core.windows.net, e.g. %s.",
              uri, scheme, kind, kind, example));
    }
    return new Location(uri, scheme, matcher.group(1), matcher.group(2), kind);
  }

  private static String firstSet(Map<String, String> env, String... names) {
    for (String name : names) {
      String value = env.get(name);
      if (value != null && !value.isBlank()) {
        return value.strip();
      }
    }
    return null;
  }

  private static String missing(String clientId, String secret, String tenant) {
    StringBuilder names = new StringBuilder();
    if (clientId == null) {
      names.append(CLIENT_ID_ENV);
    }
    if (secret == null) {
      names.append(names.length() > 0 ? ", " : "").append(CLIENT_SECRET_ENV);
    }
    if (tenant == null) {
      names.append(names.length() > 0 ? ", " : "").append(TENANT_ID_ENV);
    }
    return names.toString();
  }
}
