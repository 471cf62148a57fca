package org.bookslakehouse.lake;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

import com.google.common.base.Preconditions;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;

/**
 * How a MERGE of a small batch reads its target: only the rows whose key the batch has can match
 * it, so a predicate on the target's key keeps those and drops the others before any join.
 *
 * <p>Note: Delta writes a MERGE with an insert clause through an outer join that keeps every source
 * row (on a table with deletion vectors, as every silver and gold table has), and Spark can
 * broadcast only the other side of such a join, the target: it shuffles every row of the files the
 * batch touches, and with keys spread at random that is the whole table (at scale 20, 524 MB of
 * silver_ratings' 23 million rows, 749 MB of silver_books' 5.4 million, for a day's batch). Spark
 * applies a join condition that reads only the target's columns to the target before the join, so
 * with this predicate only the rows whose key columns each hold one of the batch's values reach the
 * shuffle. It leaves the MERGE's result unchanged: a row it drops matches no source row.
 */
public final class BatchKeys {
  /** The predicate's name, as plans and the table's history show it. */
  public static final String NAME = "batch_keys";

  private BatchKeys() {}

  /**
   * The predicate: each of the target's {@code columns} (the table's key, aliased {@code t}) has
   * one of that column's values in {@code source}, NULL included (keys may match null-safely).
   * Collects those values to the driver, so {@code source} must be small ({@link
   * Broadcast#MAX_ROWS}).
   *
   * <p>Note: one predicate per column, not one on the whole key, because Spark evaluates the second
   * only for the rows that pass the first, and a column's values cost less to compare than a
   * struct's.
   */
  public static Column among(Dataset<Row> source, List<String> columns) {
    Preconditions.checkArgument(!columns.isEmpty(), "A MERGE's key needs at least one column");
    List<Row> keys =
        source.select(columns.stream().map(c -> col(c)).toArray(Column[]::new)).collectAsList();
    Column all = null;
    for (int i = 0; i < columns.size(); i++) {
      Set<Object> values = new HashSet<>();
      for (Row key : keys) {
        values.add(key.get(i));
      }
      Column among =
          udf((UDF1<Object, Boolean>) values::contains, DataTypes.BooleanType)
              .withName(NAME)
              .apply(col("t." + columns.get(i)));
      all = all == null ? among : all.and(among);
    }
    return all;
  }
}
