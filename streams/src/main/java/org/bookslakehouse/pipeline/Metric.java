package org.bookslakehouse.pipeline;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The counts a table's run reports, each named once: the tables count them, and the run history,
 * the progress view, the run summary and the report read them by these names (which are also the
 * names {@code pipeline_runs} stores).
 */
public enum Metric {
  /** Bronze: landed files read. */
  FILES("files"),
  /** Bronze: rows appended. */
  ROWS("rows"),
  /** Bronze: rows kept with data that did not fit their columns. */
  RESCUED("rescued"),
  /** Bronze: files that disappeared between listing and reading. */
  FILES_MISSING("files_missing"),
  /** Silver: rows read from bronze. */
  ROWS_IN("rows_in"),
  /** Silver: rows rejected into the quarantine (each row once, whatever its reasons). */
  QUARANTINED("quarantined"),
  /** Silver: valid rows applied as the current version of their key. */
  ACCEPTED("accepted"),
  /** Silver: valid rows not applied: a later row of the batch or a newer version won. */
  SUPERSEDED("superseded"),
  /** Gold: keys the silver change feed touched, recomputed. */
  AFFECTED_KEYS("affected_keys"),
  /** A MERGE's rows inserted, updated, deleted and copied; its files added and removed. */
  MERGE_INSERTED("merge_inserted", "numTargetRowsInserted"),
  MERGE_UPDATED("merge_updated", "numTargetRowsUpdated"),
  MERGE_DELETED("merge_deleted", "numTargetRowsDeleted"),
  MERGE_COPIED("merge_copied", "numTargetRowsCopied"),
  MERGE_FILES_ADDED("merge_files_added", "numTargetFilesAdded"),
  MERGE_FILES_REMOVED("merge_files_removed", "numTargetFilesRemoved");

  /** The prefix of a MERGE metric's name. */
  public static final String MERGE_PREFIX = "merge_";

  /**
   * The prefix of a count of quarantined rows by reason, e.g. {@code quarantined: invalid ISBN}.
   */
  public static final String QUARANTINED_PREFIX = "quarantined: ";

  /** What a run read: landed rows (bronze), rows in (silver) or affected keys (gold). */
  public static final List<Metric> READ = List.of(ROWS_IN, ROWS, AFFECTED_KEYS);

  /** The MERGE metrics that change rows: inserted, updated, deleted. */
  public static final List<Metric> MERGE_CHANGES =
      List.of(MERGE_INSERTED, MERGE_UPDATED, MERGE_DELETED);

  private final String key;
  private final String deltaName;

  Metric(String key) {
    this(key, null);
  }

  Metric(String key, String deltaName) {
    this.key = key;
    this.deltaName = deltaName;
  }

  /** The name it is counted and stored under. */
  public String key() {
    return key;
  }

  /** Its value among named counts; 0 where it was not counted. */
  public long in(Map<String, Long> counts) {
    return counts.getOrDefault(key, 0L);
  }

  /** The MERGE metrics taken from the metrics Delta records for a MERGE commit. */
  public static Map<Metric, Long> ofMerge(Map<String, Long> deltaMetrics) {
    Map<Metric, Long> merge = new EnumMap<>(Metric.class);
    for (Metric metric : values()) {
      if (metric.deltaName != null) {
        merge.put(metric, deltaMetrics.getOrDefault(metric.deltaName, 0L));
      }
    }
    return merge;
  }

  /** The name of the count of rows quarantined for a kind of reason. */
  public static String quarantinedFor(String reason) {
    return QUARANTINED_PREFIX + reason;
  }

  /** The reason a count of quarantined rows is for, when the name is one. */
  public static Optional<String> quarantineReason(String name) {
    return name.startsWith(QUARANTINED_PREFIX)
        ? Optional.of(name.substring(QUARANTINED_PREFIX.length()))
        : Optional.empty();
  }
}
