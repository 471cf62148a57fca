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

  /** The tables it reads (its lineage); empty for a table that reads the landing zone. */
  List<String> upstreams();

  /** What its stream reads. */
  StreamSource source();

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
