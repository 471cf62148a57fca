package org.bookslakehouse.lake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import org.bookslakehouse.config.Settings;
import org.junit.jupiter.api.Test;

/** The Spark settings a session gets, decided without starting Spark. */
class SessionsTest {
  private static final String JAR = "file:/opt/books/books-lakehouse.jar";
  private static final String KEY_PROPERTY =
      "spark.hadoop.fs.azure.account.key.bookslake.dfs.core.windows.net";

  private static Settings settings(String master) {
    return new Settings(
        "file:/data/landing",
        "file:/data/lake",
        "books",
        LocalDate.of(2004, 11, 1),
        OptionalInt.empty(),
        master);
  }

  private static Map<String, String> conf(String master, Map<String, String> properties) {
    return Sessions.conf(
        settings(master),
        false,
        properties::get,
        JAR,
        Map.of("fs.azure.account.key.bookslake.dfs.core.windows.net", "k3y=="));
  }

  @Test
  void onDatabricksTheClusterBringsEverythingItsDeltaIncluded() {
    Map<String, String> conf =
        Sessions.conf(settings(Settings.LOCAL_MASTER), true, key -> null, JAR, Map.of());

    assertThat(conf).isEmpty();
  }

  @Test
  void offDatabricksTheOpenSourceDeltaAndTheStorageKeys() {
    Map<String, String> conf = conf(Settings.LOCAL_MASTER, Map.of());

    assertThat(conf)
        .containsEntry("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .containsEntry(
            "spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        .containsEntry(KEY_PROPERTY, "k3y==");
  }

  @Test
  void onlyLocalModePinsTheDriverToTheLoopbackAddress() {
    assertThat(conf("local[*]", Map.of()))
        .containsEntry("spark.master", "local[*]")
        .containsEntry("spark.driver.host", "127.0.0.1")
        .containsEntry("spark.driver.bindAddress", "127.0.0.1")
        .doesNotContainKey("spark.jars");

    assertThat(conf("spark://spark-master:7077", Map.of()))
        .containsEntry("spark.master", "spark://spark-master:7077")
        .doesNotContainKeys("spark.driver.host", "spark.driver.bindAddress")
        .containsEntry("spark.jars", JAR);
  }

  @Test
  void theMasterSparkSubmitSetStandsAndSoDoItsJars() {
    Map<String, String> conf =
        conf(
            Settings.LOCAL_MASTER,
            Map.of("spark.master", "spark://submitted:7077", "spark.jars", "file:/app.jar"));

    assertThat(conf)
        .containsEntry("spark.master", "spark://submitted:7077")
        .doesNotContainKeys("spark.driver.host", "spark.jars");
  }

  @Test
  void theRedactionPatternHidesStorageKeysAndKeepsSparksOwnTerms() {
    Pattern redacted =
        Pattern.compile(conf(Settings.LOCAL_MASTER, Map.of()).get("spark.redaction.regex"));

    assertThat(
            Map.of(
                KEY_PROPERTY,
                true,
                "fs.azure.account.key.devstoreaccount1.blob.core.windows.net",
                true,
                "fs.azure.sas.landing.bookslake.blob.core.windows.net",
                true,
                "spark.hadoop.fs.azure.account.oauth2.client.secret.x",
                true,
                "spark.ssl.keyPassword",
                true,
                "spark.hadoop.fs.s3a.access.key",
                true,
                "spark.authenticate.TOKEN",
                true,
                "spark.sql.shuffle.partitions",
                false,
                "spark.hadoop.fs.azure.account.auth.type.bookslake.dfs.core.windows.net",
                false))
        .allSatisfy(
            (key, hidden) -> assertThat(redacted.matcher(key).find()).as(key).isEqualTo(hidden));
  }

  @Test
  void aRedactionPatternOfTheUsersIsExtendedNotReplaced() {
    String regex =
        conf(Settings.LOCAL_MASTER, Map.of("spark.redaction.regex", "(?i)mine"))
            .get("spark.redaction.regex");

    assertThat(Pattern.compile(regex).matcher("spark.mine").find()).isTrue();
    assertThat(Pattern.compile(regex).matcher(KEY_PROPERTY).find()).isTrue();
  }
}
