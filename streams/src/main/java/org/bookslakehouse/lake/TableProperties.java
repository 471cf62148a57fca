package org.bookslakehouse.lake;

import java.util.Map;

/**
 * The Delta table properties every table of the lake has, set when a table is created and on an
 * existing lake's next run: how often Delta checkpoints its log, how long it keeps log entries
 * (time travel, streams that lag) and how long removed data files stay before VACUUM may delete
 * them. They are Delta's documented defaults, written down so that a workspace or session default
 * cannot change them and so that {@code books maintain}'s retention check has a stated floor.
 */
public final class TableProperties {
  /** A log checkpoint every 10 commits (Delta's default). */
  public static final String CHECKPOINT_INTERVAL = "delta.checkpointInterval";

  /** Log entries kept 30 days (Delta's default); cleanup runs when a checkpoint is written. */
  public static final String LOG_RETENTION = "delta.logRetentionDuration";

  /** Removed files kept at least 7 days (Delta's default): VACUUM's floor. */
  public static final String DELETED_FILE_RETENTION = "delta.deletedFileRetentionDuration";

  /** The minimum VACUUM retention Delta allows for our tables, in hours. */
  public static final long DELETED_FILE_RETENTION_HOURS = 7 * 24;

  public static final Map<String, String> RETENTION =
      Map.of(
          CHECKPOINT_INTERVAL, "10",
          LOG_RETENTION, "interval 30 days",
          DELETED_FILE_RETENTION, "interval 7 days");

  private TableProperties() {}
}
