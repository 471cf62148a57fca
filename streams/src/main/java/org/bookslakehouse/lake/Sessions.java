package org.bookslakehouse.lake;

import org.apache.spark.sql.SparkSession;
import org.bookslakehouse.config.Settings;

/**
 * Builds the one Spark session a command uses. Locally: {@code local[*]}, Delta, and Spark's
 * in-memory catalog, which {@link LakeCatalog} fills from the lake at start (so any number of
 * processes can read the lake at once), and the Azure storage settings the landing and lake URIs
 * need ({@link AzureStorage}). On Databricks: the cluster's session and its metastore.
 */
public final class Sessions {
  private Sessions() {}

  /** True inside a Databricks cluster, where the session and the metastore are the cluster's. */
  public static boolean onDatabricks() {
    return System.getenv("DATABRICKS_RUNTIME_VERSION") != null;
  }

  public static SparkSession create(Settings settings) {
    SparkSession.Builder builder = SparkSession.builder().appName("books-lakehouse");
    if (!onDatabricks()) {
      builder
          .master(System.getProperty("spark.master", "local[*]"))
          .config("spark.sql.catalogImplementation", "in-memory")
          .config("spark.sql.warehouse.dir", LakeLayout.of(settings).warehouse())
          .config("spark.ui.enabled", System.getProperty("spark.ui.enabled", "false"))
          .config("spark.ui.showConsoleProgress", "false")
          .config(
              "spark.sql.shuffle.partitions", System.getProperty("books.shuffle.partitions", "4"))
          .config("spark.databricks.delta.snapshotPartitions", "2")
          .config("spark.sql.session.timeZone", "UTC")
          // Independent tasks run at once, each in its own pool (see StreamRunner).
          .config("spark.scheduler.mode", "FAIR")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.driver.host", "127.0.0.1");
      // Azure storage credentials from the environment (on Databricks the cluster brings them).
      AzureStorage.forThisProcess(settings)
          .forEach((key, value) -> builder.config("spark.hadoop." + key, value));
    }
    builder
        .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config(
            "spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
    return builder.getOrCreate();
  }
}
