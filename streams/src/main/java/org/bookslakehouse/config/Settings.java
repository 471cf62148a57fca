package org.bookslakehouse.config;

import java.time.LocalDate;
import java.util.OptionalInt;

/**
 * The resolved settings of one command, after {@link SettingsResolver} applied the precedence flag,
 * environment, config file, default and validated them.
 *
 * @param landing URI of the landing zone (holds {@code books/}, {@code users/}, {@code ratings/},
 *     {@code ratings-deleted/})
 * @param lake URI of the root of all tables, checkpoints and run state
 * @param database the metastore database the tables are registered in
 * @param asOf the run's as-of date (years of publication after its year are not plausible)
 * @param maxFilesPerTrigger at most this many landed files per micro-batch; empty for no limit
 * @param master the Spark master off Databricks ({@code local[*]}, {@code spark://HOST:PORT}, ...);
 *     a master that {@code spark-submit} set beats it (see {@code lake.Sessions})
 */
public record Settings(
    String landing,
    String lake,
    String database,
    LocalDate asOf,
    OptionalInt maxFilesPerTrigger,
    String master) {
  /** Spark in this process, on every core: the embedded default. */
  public static final String LOCAL_MASTER = "local[*]";
}
