package org.bookslakehouse.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsResolverTest {
  private static final LocalDate TODAY = LocalDate.of(2026, 11, 24);

  @TempDir Path dir;

  private SettingsResolver resolver(Map<String, String> env) {
    return new SettingsResolver(env, dir, TODAY);
  }

  @Test
  void defaultsAreLocalFoldersTheBooksDatabaseAndToday() {
    Settings settings = resolver(Map.of()).resolve(Map.of(), null);

    assertThat(settings.landing()).isEqualTo(dir.resolve("landing").toUri().toString());
    assertThat(settings.lake()).isEqualTo(dir.resolve("lake").toUri().toString());
    assertThat(settings.database()).isEqualTo("books");
    assertThat(settings.asOf()).isEqualTo(TODAY);
    assertThat(settings.maxFilesPerTrigger()).isEmpty();
  }

  @Test
  void flagBeatsEnvironmentBeatsFileBeatsDefault() throws IOException {
    Files.writeString(
        dir.resolve("books.yaml"),
        "database: from_file\nas-of: 2004-01-01\nlake: file-lake\nmax-files-per-trigger: 3\n");
    SettingsResolver resolver =
        resolver(Map.of("BOOKS_DATABASE", "from_env", "BOOKS_AS_OF", "2004-06-30"));

    Settings settings = resolver.resolve(Map.of(SettingsResolver.Key.DATABASE, "from_flag"), null);

    assertThat(settings.database()).isEqualTo("from_flag");
    assertThat(settings.asOf()).isEqualTo(LocalDate.of(2004, 6, 30));
    assertThat(settings.lake()).isEqualTo(dir.resolve("file-lake").toUri().toString());
    assertThat(settings.maxFilesPerTrigger()).isEqualTo(OptionalInt.of(3));
    assertThat(settings.landing()).isEqualTo(dir.resolve("landing").toUri().toString());
  }

  @Test
  void configFileCanBeNamedByFlagOrEnvironment() throws IOException {
    Files.writeString(dir.resolve("jane.yaml"), "database: jane_books\n");
    Files.writeString(dir.resolve("other.yaml"), "database: other_books\n");

    assertThat(resolver(Map.of("BOOKS_CONFIG", "jane.yaml")).resolve(Map.of(), null).database())
        .isEqualTo("jane_books");
    assertThat(
            resolver(Map.of("BOOKS_CONFIG", "jane.yaml"))
                .resolve(Map.of(), "other.yaml")
                .database())
        .isEqualTo("other_books");
  }

  @Test
  void uriLocationsStayAsTheyAre() {
    Settings settings =
        resolver(Map.of())
            .resolve(
                Map.of(
                    SettingsResolver.Key.LAKE,
                    "abfss://lake@acct.dfs.core.windows.net/books/",
                    SettingsResolver.Key.LANDING,
                    "wasb://landing@devstoreaccount1.blob.core.windows.net"),
                null);

    assertThat(settings.lake()).isEqualTo("abfss://lake@acct.dfs.core.windows.net/books");
    assertThat(settings.landing())
        .isEqualTo("wasb://landing@devstoreaccount1.blob.core.windows.net");
  }

  @Test
  void invalidValuesSayWhereTheyCameFromAndWhatToDo() throws IOException {
    assertThatThrownBy(
            () ->
                resolver(Map.of()).resolve(Map.of(SettingsResolver.Key.DATABASE, "my-books"), null))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("'my-books'")
        .hasMessageContaining("from --database")
        .hasMessageContaining("Fix:");
    assertThatThrownBy(() -> resolver(Map.of("BOOKS_AS_OF", "31/10/2004")).resolve(Map.of(), null))
        .hasMessageContaining("from the environment variable BOOKS_AS_OF")
        .hasMessageContaining("YYYY-MM-DD");
    Files.writeString(dir.resolve("books.yaml"), "max-files-per-trigger: 0\n");
    assertThatThrownBy(() -> resolver(Map.of()).resolve(Map.of(), null))
        .hasMessageContaining("of the config file")
        .hasMessageContaining("greater than 0");
  }

  @Test
  void unknownConfigKeysAndMissingConfigFilesAreRejected() throws IOException {
    Files.writeString(dir.resolve("books.yaml"), "databse: typo\n");
    assertThatThrownBy(() -> resolver(Map.of()).resolve(Map.of(), null))
        .hasMessageContaining("Unknown key 'databse'")
        .hasMessageContaining("Known keys");
    assertThatThrownBy(() -> resolver(Map.of()).resolve(Map.of(), "missing.yaml"))
        .hasMessageContaining("does not exist");
  }

  @Test
  void theMasterIsLocalByDefaultAndFollowsThePrecedence() throws IOException {
    assertThat(resolver(Map.of()).resolve(Map.of(), null).master()).isEqualTo("local[*]");
    Files.writeString(dir.resolve("books.yaml"), "master: local[2]\n");
    assertThat(resolver(Map.of()).resolve(Map.of(), null).master()).isEqualTo("local[2]");
    SettingsResolver fromEnv = resolver(Map.of("BOOKS_SPARK_MASTER", "spark://env-host:7077"));
    assertThat(fromEnv.resolve(Map.of(), null).master()).isEqualTo("spark://env-host:7077");
    assertThat(
            fromEnv
                .resolve(Map.of(SettingsResolver.Key.MASTER, "spark://a:7077,b:7077"), null)
                .master())
        .isEqualTo("spark://a:7077,b:7077");
  }

  @Test
  void aBadMasterSaysWhereItCameFromAndWhatIsValid() {
    assertThatThrownBy(
            () ->
                resolver(Map.of("BOOKS_SPARK_MASTER", "spark-master:7077")).resolve(Map.of(), null))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("'spark-master:7077'")
        .hasMessageContaining("BOOKS_SPARK_MASTER")
        .hasMessageContaining("spark://HOST:PORT");
  }

  @Test
  @SuppressWarnings("CanonicalDuration") // each expectation is written in the units of its input
  void vacuumRetentionTakesTheSamePrecedenceAndDefaultsToSevenDays() throws IOException {
    assertThat(resolver(Map.of()).vacuumRetention(null, null)).isEqualTo(Duration.ofDays(7));
    Files.writeString(dir.resolve("books.yaml"), "vacuum-retention: 14d\n");

    assertThat(resolver(Map.of()).vacuumRetention(null, null)).isEqualTo(Duration.ofDays(14));
    assertThat(resolver(Map.of("BOOKS_VACUUM_RETENTION", "240h")).vacuumRetention(null, null))
        .isEqualTo(Duration.ofHours(240));
    assertThat(resolver(Map.of("BOOKS_VACUUM_RETENTION", "240h")).vacuumRetention("30d", null))
        .isEqualTo(Duration.ofDays(30));
  }

  @Test
  void anInvalidVacuumRetentionSaysWhereItCameFromAndWhatToWrite() {
    assertThatThrownBy(
            () -> resolver(Map.of("BOOKS_VACUUM_RETENTION", "a week")).vacuumRetention(null, null))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("BOOKS_VACUUM_RETENTION")
        .hasMessageContaining("--retention 7d");
  }

  @Test
  void theRunIdTakesTheSamePrecedenceAndIsEmptyWhenNoneIsGiven() throws IOException {
    assertThat(resolver(Map.of()).runId(null, null)).isEmpty();
    Files.writeString(dir.resolve("books.yaml"), "run-id: from-file\n");

    assertThat(resolver(Map.of()).runId(null, null)).hasValue("from-file");
    assertThat(resolver(Map.of("BOOKS_RUN_ID", "719204")).runId(null, null)).hasValue("719204");
    assertThat(resolver(Map.of("BOOKS_RUN_ID", "719204")).runId("2004-11-01", null))
        .hasValue("2004-11-01");
    assertThatThrownBy(() -> resolver(Map.of("BOOKS_RUN_ID", "{{job.run_id}}")).runId(null, null))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("BOOKS_RUN_ID")
        .hasMessageContaining("--run-id");
  }

  @Test
  void malformedYamlNamesTheFileTheLineAndWhatIsWrongOnce() throws IOException {
    Files.writeString(dir.resolve("books.yaml"), "lake: ./lake\ndatabase: jane: books\n");

    assertThatThrownBy(() -> resolver(Map.of()).resolve(Map.of(), null))
        .isInstanceOf(SettingsException.class)
        .hasMessage(
            "Config file "
                + dir.resolve("books.yaml")
                + ", line 2, column 15: mapping values are not allowed here. Fix: write one"
                + " 'key: value' per line (quote a value that holds ': ').");
  }
}
