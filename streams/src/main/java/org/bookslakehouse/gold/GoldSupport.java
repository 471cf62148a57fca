package org.bookslakehouse.gold;

import static org.apache.spark.sql.functions.col;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.bookslakehouse.lake.Broadcast;
import org.bookslakehouse.silver.Cleansing;

/** Small helpers the gold tables share. */
final class GoldSupport {
  /** The age group of silver's {@code age}: the silver rule {@link Cleansing#ageGroup}, in SQL. */
  static final String AGE_GROUP_SQL = Cleansing.ageGroupSql("age");

  private GoldSupport() {}

  /** Join condition: the key columns of two aliased datasets are equal, NULL equal to NULL. */
  static Column nullSafeOn(String left, String right, List<String> keys) {
    Column on = null;
    for (String key : keys) {
      Column eq = col(left + "." + key).eqNullSafe(col(right + "." + key));
      on = on == null ? eq : on.and(eq);
    }
    return on;
  }

  /** The same condition in SQL, for MERGE. */
  static String nullSafeSql(String left, String right, List<String> keys) {
    return String.join(
        " AND ", keys.stream().map(k -> left + "." + k + " <=> " + right + "." + k).toList());
  }

  /** The rows of {@code rows} whose key is among {@code keys}; all rows when keys is null. */
  static Dataset<Row> restrict(Dataset<Row> rows, Dataset<Row> keys, List<String> keyColumns) {
    if (keys == null) {
      return rows;
    }
    return rows.as("r").join(keys.as("k"), nullSafeOn("r", "k", keyColumns), "left_semi");
  }

  /**
   * {@link #restrict}, marked to be broadcast when the keys are few ({@link Broadcast#ifAtMost}):
   * for rows that the recompute then joins with a larger table (an author's books with the
   * ratings). Note: the keys stand for the rows here: an author has 2.75 books on average at any
   * scale (at most 1,836 at scale 20), so the books of a day's authors stay a broadcast's size.
   */
  static Dataset<Row> restrictFew(Dataset<Row> rows, Dataset<Row> keys, List<String> keyColumns) {
    Dataset<Row> restricted = restrict(rows, keys, keyColumns);
    return keys == null ? restricted : Broadcast.ifAtMost(restricted, keys.count());
  }
}
