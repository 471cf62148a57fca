package org.bookslakehouse.cli;

import java.util.EnumMap;
import java.util.Map;
import org.bookslakehouse.config.Settings;
import org.bookslakehouse.config.SettingsResolver;
import picocli.CommandLine.Option;

/**
 * The options of every subcommand that reads or writes a lake (all but {@code generate}); a command
 * that has no use for some of them hides them from its help ({@code BooksCommand}). Precedence,
 * highest first: the flag, the environment variable, the config file, the default.
 */
public final class CommonOptions {
  @Option(
      names = "--landing",
      paramLabel = "URI",
      description =
          "The landing zone (folder or URI) holding books/, users/, ratings/, ratings-deleted/."
              + " Env BOOKS_LANDING; default ./landing.")
  String landing;

  @Option(
      names = "--lake",
      paramLabel = "URI",
      description =
          "Root of all tables, checkpoints and run state. Env BOOKS_LAKE; default ./lake.")
  String lake;

  @Option(
      names = "--database",
      paramLabel = "NAME",
      description = "Database the tables are registered in. Env BOOKS_DATABASE; default books.")
  String database;

  @Option(
      names = "--as-of",
      paramLabel = "YYYY-MM-DD",
      description = "The run's as-of date. Env BOOKS_AS_OF; default today (UTC).")
  String asOf;

  @Option(
      names = "--max-files-per-trigger",
      paramLabel = "N",
      description =
          "At most N landed files per micro-batch. Env BOOKS_MAX_FILES_PER_TRIGGER; default no"
              + " limit.")
  String maxFilesPerTrigger;

  @Option(
      names = "--master",
      paramLabel = "URL",
      description =
          "The Spark master: local[*], local[N], spark://HOST:PORT, yarn, k8s://... A master that"
              + " spark-submit set stands. Env BOOKS_SPARK_MASTER; default local[*].")
  String master;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "YAML config file with the keys landing, lake, database, as-of, max-files-per-trigger,"
              + " master."
              + " Env BOOKS_CONFIG; default ./books.yaml when it exists.")
  String config;

  Settings resolve() {
    Map<SettingsResolver.Key, String> flags = new EnumMap<>(SettingsResolver.Key.class);
    put(flags, SettingsResolver.Key.LANDING, landing);
    put(flags, SettingsResolver.Key.LAKE, lake);
    put(flags, SettingsResolver.Key.DATABASE, database);
    put(flags, SettingsResolver.Key.AS_OF, asOf);
    put(flags, SettingsResolver.Key.MAX_FILES_PER_TRIGGER, maxFilesPerTrigger);
    put(flags, SettingsResolver.Key.MASTER, master);
    return SettingsResolver.forThisProcess().resolve(flags, config);
  }

  private static void put(
      Map<SettingsResolver.Key, String> flags, SettingsResolver.Key key, String value) {
    if (value != null) {
      flags.put(key, value);
    }
  }
}
