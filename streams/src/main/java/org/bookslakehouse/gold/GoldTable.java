package org.bookslakehouse.gold;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.bookslakehouse.lake.Broadcast;
import org.bookslakehouse.lake.Kept;
import org.bookslakehouse.pipeline.BatchContext;
import org.bookslakehouse.pipeline.LakeTable;
import org.bookslakehouse.pipeline.Metric;
import org.bookslakehouse.pipeline.ResetScope;
import org.bookslakehouse.pipeline.StreamSource;

/**
 * A gold table kept current from the Change Data Feed of the silver tables it reads. Per
 * micro-batch: the keys the changes touch (pre- and post-images alike, so a key an update moved
 * away from is touched too), those keys recomputed from the current silver tables with the same
 * {@link #compute} a full rebuild uses, and one MERGE: insert, update when a value changed, delete
 * a key that no longer has a row. So after any sequence of runs the table equals its full
 * recompute.
 */
public abstract class GoldTable implements LakeTable {
  private static final String PRESENT = "_present";

  /** The silver tables whose changes touch this table's keys. */
  protected abstract List<String> upstreamTables();

  /** The key columns: one row per distinct key (a NULL key value is a key like any other). */
  protected abstract List<String> keyColumns();

  /** The table's columns, keys first. */
  protected abstract StructType columns();

  /**
   * Projects one upstream's change rows onto the columns {@link #affectedKeys} needs (no joins:
   * this runs on the stream).
   */
  protected abstract Dataset<Row> changedColumns(String upstream, Dataset<Row> changes);

  /**
   * The distinct keys a batch of projected changes touches; by default its key columns. Tables
   * whose key derives from another table (a rating's author, a rating's country) look it up here.
   */
  protected Dataset<Row> affectedKeys(Silver silver, Dataset<Row> changed) {
    return changed.select(keyColumns().stream().map(c -> col(c)).toArray(Column[]::new)).distinct();
  }

  /**
   * The table's rows for the given keys, computed from the current silver tables; all its rows when
   * {@code keys} is {@code null} (a full rebuild).
   */
  public abstract Dataset<Row> compute(Silver silver, Dataset<Row> keys);

  /**
   * A fresh stream reads the silver tables' current rows as its first batch and recomputes every
   * key there; the table starts afresh too, so that no key silver no longer has survives a reset.
   */
  @Override
  public ResetScope resetScope() {
    return ResetScope.TABLE_AND_CHECKPOINT;
  }

  @Override
  public StreamSource source() {
    return new StreamSource.ChangeFeeds(upstreamTables());
  }

  @Override
  public StructType schema() {
    return columns();
  }

  @Override
  public Map<String, String> properties() {
    // Note: the change feed is what `books changes` and table_changes() read; a lake built before
    // gets it on its next run (LakeCatalog.createIfMissing sets missing properties).
    return Map.of("delta.enableDeletionVectors", "true", "delta.enableChangeDataFeed", "true");
  }

  @Override
  public Dataset<Row> combine(Map<String, Dataset<Row>> upstreams) {
    Dataset<Row> all = null;
    for (Map.Entry<String, Dataset<Row>> upstream : upstreams.entrySet()) {
      Dataset<Row> changed = changedColumns(upstream.getKey(), upstream.getValue());
      all = all == null ? changed : all.unionByName(changed, true);
    }
    return all;
  }

  @Override
  public Dataset<Row> transform(BatchContext batch) {
    return affectedKeys(new Silver(batch.spark(), batch.layout()), batch.input());
  }

  @Override
  public void write(BatchContext batch, Dataset<Row> affected) {
    Dataset<Row> keys = Kept.onDisk(affected);
    try {
      // Note: a day's keys are few, and the recompute joins them with whole silver tables; marked
      // for broadcast, they go to every executor and the tables are read once, not shuffled.
      merge(batch, keys, Broadcast.ifAtMost(keys, keys.count()));
    } finally {
      keys.unpersist();
    }
  }

  /** MERGEs the recompute of the keys; {@code few}: the same keys, for joins with silver. */
  private void merge(BatchContext batch, Dataset<Row> keys, Dataset<Row> few) {
    // Note: the MERGE reads its source more than once (its keys, the touched files, the write).
    // Kept, the recompute of the affected keys (a scan of silver that grows with the table) runs
    // once, and its count (one row per key) is the affected keys'.
    Dataset<Row> source = Kept.onDisk(mergeSource(batch, keys, few));
    try {
      long rows = source.count();
      batch.count(Metric.AFFECTED_KEYS, rows);
      batch.counted(rows);
      Map<String, String> assignments = new LinkedHashMap<>();
      List<String> changed = new ArrayList<>();
      for (String column : columns().fieldNames()) {
        assignments.put(column, "s." + column);
        if (!keyColumns().contains(column)) {
          changed.add("NOT (t." + column + " <=> s." + column + ")");
        }
      }
      String anyChange = changed.isEmpty() ? "false" : String.join(" OR ", changed);
      String on = GoldSupport.nullSafeSql("t", "s", keyColumns());
      Map<String, Long> metrics =
          batch.mergeOnce(
              name(),
              target ->
                  batch
                      .merge(target, source, on, keyColumns())
                      .whenMatched("s." + PRESENT + " IS NULL")
                      .delete()
                      .whenMatched("s." + PRESENT + " AND (" + anyChange + ")")
                      .updateExpr(assignments)
                      .whenNotMatched("s." + PRESENT)
                      .insertExpr(assignments));
      batch.countMerge(metrics);
    } finally {
      source.unpersist();
    }
  }

  /**
   * One row per affected key: its recomputed columns and {@code _present}, or only the key (and a
   * NULL {@code _present}) where the key no longer has a row.
   */
  private Dataset<Row> mergeSource(BatchContext batch, Dataset<Row> keys, Dataset<Row> few) {
    Dataset<Row> fresh =
        compute(new Silver(batch.spark(), batch.layout()), few).withColumn(PRESENT, lit(true));
    List<Column> sourceColumns = new ArrayList<>();
    for (String column : columns().fieldNames()) {
      sourceColumns.add(
          keyColumns().contains(column)
              ? col("k." + column).as(column)
              : col("f." + column).as(column));
    }
    sourceColumns.add(col("f." + PRESENT).as(PRESENT));
    return keys.as("k")
        .join(fresh.as("f"), GoldSupport.nullSafeOn("k", "f", keyColumns()), "left")
        .select(sourceColumns.toArray(Column[]::new));
  }
}
