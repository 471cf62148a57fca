package org.bookslakehouse.lake;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.sql.SparkSession;
import org.bookslakehouse.config.Settings;

/**
 * Builds the one Spark session a command uses. Off Databricks: the master ({@code local[*]} by
 * default, {@code --master}, or the one {@code spark-submit} set), Delta, Spark's in-memory
 * catalog, which {@link LakeCatalog} fills from the lake at start (so any number of processes can
 * read the lake at once), and the Azure storage settings the landing and lake URIs need ({@link
 * AzureStorage}). On Databricks: the cluster's session, its Delta and its metastore.
 */
public final class Sessions {
  /**
   * Spark 3.5's default {@code spark.redaction.regex} (spark-core's {@code
   * SECRET_REDACTION_PATTERN}).
   */
  static final String SPARK_REDACTION = "(?i)secret|password|token|access[.]?key";

  /**
   * What Spark's default misses: Hadoop's per-account storage keys ({@code
   * fs.azure.account.key.HOST}, also as {@code spark.hadoop.fs.azure.account.key.HOST}) and SAS
   * tokens ({@code fs.azure.sas...}).
   */
  static final String STORAGE_KEYS = "account[.]key|[.]sas[.]";

  private Sessions() {}

  /** True inside a Databricks cluster, where the session and the metastore are the cluster's. */
  public static boolean onDatabricks() {
    return System.getenv("DATABRICKS_RUNTIME_VERSION") != null;
  }

  public static SparkSession create(Settings settings) {
    SparkSession.Builder builder = SparkSession.builder().appName("books-lakehouse");
    Map<String, String> azure = onDatabricks() ? Map.of() : AzureStorage.forThisProcess(settings);
    conf(settings, onDatabricks(), System::getProperty, ownJar(), azure).forEach(builder::config);
    return builder.getOrCreate();
  }

  /**
   * The Spark settings this process sets on its session; none on Databricks, whose cluster brings
   * its own (its Delta under other class names, its metastore, its secrets).
   *
   * @param property a JVM system property, {@code null} when unset ({@code spark-submit} passes its
   *     settings, {@code spark.master} among them, as {@code spark.*} properties)
   * @param ownJar the jar holding this class; {@code null} when run from class folders
   * @param azure the Hadoop settings of the Azure URIs ({@link AzureStorage#forThisProcess})
   */
  static Map<String, String> conf(
      Settings settings,
      boolean onDatabricks,
      Function<String, String> property,
      String ownJar,
      Map<String, String> azure) {
    Map<String, String> conf = new LinkedHashMap<>();
    if (onDatabricks) {
      return conf;
    }
    String master = property.apply("spark.master");
    if (master == null) {
      master = settings.master();
    }
    conf.put("spark.master", master);
    if (isLocal(master)) {
      // Note: only in-process Spark may bind the driver to the loopback address; an executor on
      // another host could not reach it there.
      conf.put("spark.driver.bindAddress", "127.0.0.1");
      conf.put("spark.driver.host", "127.0.0.1");
    } else if (property.apply("spark.jars") == null && ownJar != null) {
      // Executors load the task code (readers, functions) from this jar; spark-submit sets
      // spark.jars itself (its application jar and --jars).
      conf.put("spark.jars", ownJar);
    }
    conf.put("spark.sql.catalogImplementation", "in-memory");
    conf.put("spark.sql.warehouse.dir", LakeLayout.of(settings).warehouse());
    conf.put("spark.ui.enabled", orElse(property, "spark.ui.enabled", "false"));
    conf.put("spark.ui.showConsoleProgress", "false");
    String partitions = orElse(property, "books.shuffle.partitions", "4");
    conf.put("spark.sql.shuffle.partitions", partitions);
    // Note: Delta's VACUUM lists a table's folder in as many tasks as this says (Spark's default
    // 10000, meant for tables with thousands of partition folders): 10000 tasks cost about 25 s
    // on 2 cores for a table of a few files. Our tables are not partitioned.
    conf.put(
        "spark.sql.sources.parallelPartitionDiscovery.parallelism",
        orElse(property, "spark.sql.sources.parallelPartitionDiscovery.parallelism", partitions));
    conf.put("spark.databricks.delta.snapshotPartitions", "2");
    conf.put("spark.sql.session.timeZone", "UTC");
    // Independent tasks run at once, each in its own pool (see StreamRunner).
    conf.put("spark.scheduler.mode", "FAIR");
    // Note: the storage keys below are Spark settings, shown by the UI's Environment page and
    // written to an event log unless their names match the redaction pattern.
    conf.put(
        "spark.redaction.regex",
        orElse(property, "spark.redaction.regex", SPARK_REDACTION) + "|" + STORAGE_KEYS);
    // The open-source Delta: Databricks' runtime has its own under other class names.
    conf.put("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension");
    conf.put("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
    // Azure storage credentials from the environment (on Databricks the cluster brings them).
    azure.forEach((key, value) -> conf.put("spark.hadoop." + key, value));
    return conf;
  }

  /** True for Spark in this process ({@code local}, {@code local[N]}, {@code local[*]}). */
  static boolean isLocal(String master) {
    return master.equals("local") || master.startsWith("local[");
  }

  private static String orElse(Function<String, String> property, String key, String otherwise) {
    String value = property.apply(key);
    return value != null ? value : otherwise;
  }

  /** The jar this class was loaded from, or {@code null} (class folders, as in the unit tests). */
  private static String ownJar() {
    CodeSource source = Sessions.class.getProtectionDomain().getCodeSource();
    if (source == null) {
      return null;
    }
    try {
      Path path = Path.of(source.getLocation().toURI());
      return Files.isRegularFile(path) && path.toString().endsWith(".jar")
          ? path.toUri().toString()
          : null;
    } catch (URISyntaxException | IllegalArgumentException e) {
      return null;
    }
  }
}
