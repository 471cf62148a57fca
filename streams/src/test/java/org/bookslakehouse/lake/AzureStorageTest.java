package org.bookslakehouse.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.bookslakehouse.config.SettingsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class AzureStorageTest {
  private static final String ABFSS = "abfss://lake@bookslake.dfs.core.windows.net/prod";
  private static final String HOST = "bookslake.dfs.core.windows.net";

  private static Map<String, String> conf(Map<String, String> env, String... uris) {
    return AzureStorage.hadoopConf(List.of(uris), env, key -> null);
  }

  @Test
  void localFoldersNeedNothing() {
    assertThat(conf(Map.of(), "file:/data/landing", "file:/data/lake", "s3a://b/x")).isEmpty();
  }

  @Test
  void abfssWithAnAccountKey() {
    assertThat(conf(Map.of("BOOKS_AZURE_ACCOUNT_KEY", "k3y=="), ABFSS))
        .containsExactly(Map.entry("fs.azure.account.key." + HOST, "k3y=="));
  }

  @Test
  void theAzureSdksKeyVariableWorksToo() {
    assertThat(conf(Map.of("AZURE_STORAGE_KEY", "sdk=="), ABFSS))
        .containsExactly(Map.entry("fs.azure.account.key." + HOST, "sdk=="));
  }

  @Test
  void abfssWithAServicePrincipal() {
    Map<String, String> env =
        Map.of(
            "AZURE_CLIENT_ID", "app-id",
            "AZURE_CLIENT_SECRET", "s3cret",
            "AZURE_TENANT_ID", "tenant-id");
    assertThat(conf(env, ABFSS, "abfss://landing@bookslake.dfs.core.windows.net/bx"))
        .containsOnly(
            Map.entry("fs.azure.account.auth.type." + HOST, "OAuth"),
            Map.entry(
                "fs.azure.account.oauth.provider.type." + HOST,
                "org.apache.hadoop.fs.azurebfs.oauth2.ClientCredsTokenProvider"),
            Map.entry("fs.azure.account.oauth2.client.id." + HOST, "app-id"),
            Map.entry("fs.azure.account.oauth2.client.secret." + HOST, "s3cret"),
            Map.entry(
                "fs.azure.account.oauth2.client.endpoint." + HOST,
                "https://login.microsoftonline.com/tenant-id/oauth2/token"));
  }

  @Test
  void wasbsOfARealAccountTakesTheKey() {
    assertThat(
            conf(
                Map.of("BOOKS_AZURE_ACCOUNT_KEY", "k"),
                "wasbs://landing@bxdrops.blob.core.windows.net/bx"))
        .containsExactly(Map.entry("fs.azure.account.key.bxdrops.blob.core.windows.net", "k"));
  }

  @Test
  void wasbOfTheEmulatorAccountPointsHadoopAtAzurite() {
    assertThat(
            conf(
                Map.of(),
                "wasb://landing@devstoreaccount1.blob.core.windows.net/",
                "wasb://lake@devstoreaccount1.blob.core.windows.net"))
        .containsExactly(
            Map.entry(
                "fs.azure.storage.emulator.account.name",
                "devstoreaccount1.blob.core.windows.net"));
  }

  @Test
  void aKeyGivenForTheEmulatorIsSetAsForAnyAccount() {
    assertThat(
            conf(
                Map.of("AZURE_STORAGE_KEY", "well-known=="),
                "wasb://lake@devstoreaccount1.blob.core.windows.net"))
        .containsEntry(
            "fs.azure.account.key.devstoreaccount1.blob.core.windows.net", "well-known==");
  }

  /** An account whose name does not resolve: hadoop-azure would retry with back-off for minutes. */
  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void anAccountThatDoesNotResolveFailsAtOnceNamingIt() {
    String uri = "abfss://lake@nosuchbooksaccount0x.dfs.core.windows.net/prod";

    assertThatThrownBy(
            () ->
                AzureStorage.checkReachable(
                    List.of("file:/data/landing", uri),
                    AzureStorage::connect,
                    AzureStorage.REACHABLE_WITHIN))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("Cannot reach the storage account nosuchbooksaccount0x for " + uri)
        .hasMessageContaining("nosuchbooksaccount0x.dfs.core.windows.net:443")
        .hasMessageContaining("does not resolve")
        .hasMessageContaining("Check: the account name");
  }

  /** A storage that never answers (a lookup or a connection that hangs) fails after the timeout. */
  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void aStorageThatNeverAnswersFailsAfterTheTimeout() {
    CountDownLatch never = new CountDownLatch(1);

    assertThatThrownBy(
            () ->
                AzureStorage.checkReachable(
                    List.of("wasbs://drops@bxdrops.blob.core.windows.net/x"),
                    (endpoint, timeout) -> {
                      try {
                        never.await();
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                    },
                    Duration.ofSeconds(1)))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("Cannot reach the storage account bxdrops")
        .hasMessageContaining("did not answer within 1 s");
  }

  @Test
  void anAnsweringStorageAndLocalFoldersPass() {
    AzureStorage.checkReachable(
        List.of("file:/data/lake", "abfss://lake@bookslake.dfs.core.windows.net/x"),
        (endpoint, timeout) -> assertThat(endpoint.getPort()).isEqualTo(443),
        Duration.ofSeconds(1));
  }

  @Test
  void noCredentialsSaysWhatToSet() {
    assertThatThrownBy(() -> conf(Map.of(), ABFSS))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining(ABFSS + " needs credentials")
        .hasMessageContaining("BOOKS_AZURE_ACCOUNT_KEY")
        .hasMessageContaining("AZURE_CLIENT_ID, AZURE_CLIENT_SECRET and AZURE_TENANT_ID");
    assertThatThrownBy(() -> conf(Map.of(), "wasbs://drops@acct.blob.core.windows.net/x"))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("set BOOKS_AZURE_ACCOUNT_KEY (or AZURE_STORAGE_KEY)");
  }

  @Test
  void anIncompleteServicePrincipalNamesWhatIsMissingAndNeverTheSecret() {
    assertThatThrownBy(
            () -> conf(Map.of("AZURE_CLIENT_ID", "app-id", "AZURE_CLIENT_SECRET", "s3cret"), ABFSS))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("(AZURE_TENANT_ID missing)")
        .hasMessageNotContaining("s3cret");
  }

  @Test
  void credentialsAlreadyInTheHadoopConfigurationAreKept() {
    assertThat(
            AzureStorage.hadoopConf(
                List.of(ABFSS),
                Map.of(),
                key -> key.equals("fs.azure.account.key." + HOST) ? "from core-site" : null))
        .isEmpty();
    assertThat(
            AzureStorage.hadoopConf(
                List.of(ABFSS),
                Map.of(),
                key -> key.equals("fs.azure.account.auth.type." + HOST) ? "OAuth" : null))
        .isEmpty();
  }

  @Test
  void malformedAzureUrisAreRejectedWithAnExample() {
    assertThatThrownBy(() -> conf(Map.of(), "abfss://bookslake.dfs.core.windows.net/x"))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("expected abfss://CONTAINER@ACCOUNT.dfs.core.windows.net/PATH");
    assertThatThrownBy(() -> conf(Map.of(), "abfss://lake@bookslake.blob.core.windows.net/x"))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("host is ACCOUNT.dfs.core.windows.net");
    assertThatThrownBy(() -> conf(Map.of(), "wasb://lake/x"))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("wasb://CONTAINER@devstoreaccount1.blob.core.windows.net/PATH");
  }
}
