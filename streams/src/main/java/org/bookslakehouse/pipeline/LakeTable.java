package org.bookslakehouse.pipeline;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * One output table, declared: what it reads, how a micro-batch of that becomes its rows, and how
 * they are written. Streams, triggers, checkpoints and exactly-once live in {@link StreamRunner}.
 */
public interface LakeTable {
  /** The table's name in the database, e.g. {@code bronze_users}. */
  String name();

  /** What its stream reads. */
  StreamSource source();

  /** The tables it reads (its lineage); empty for a table that reads the landing zone. */
  default List<String> upstreams() {
    return source().tables();
  }

  /**
   * Tables this table's task writes besides itself, in the same micro-batch (a quarantine, the
   * tombstones of deleted keys). They are created with it and named in the catalog.
   */
  default List<TableSpec> sideTables() {
    return List.of();
  }

  /**
   * Combines the streams of the upstream tables into the stream of this table's micro-batches; by
   * default the one upstream's stream as it is.
   */
  default Dataset<Row> combine(Map<String, Dataset<Row>> upstreams) {
    if (upstreams.size() != 1) {
      throw new IllegalStateException(name() + " reads several tables: it must combine them");
    }
    return upstreams.values().iterator().next();
  }

  /**
   * What a reset of this table removes so that its stream reprocesses everything from its upstream:
   * by default its checkpoint only (its write keeps the newest version of each key, so reprocessing
   * changes nothing that is current).
   */
  default ResetScope resetScope() {
    return ResetScope.CHECKPOINT;
  }

  /** The schema it is created with. */
  StructType schema();

  /** Delta table properties it is created with. */
  Map<String, String> properties();

  /** Turns one micro-batch of the source into the rows to write. */
  Dataset<Row> transform(BatchContext batch);

  /** Writes the rows; by default an idempotent append. */
  default void write(BatchContext batch, Dataset<Row> rows) {
    batch.append(rows);
  }
}
