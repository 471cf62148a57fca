package org.bookslakehouse.lake;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.functions;

/**
 * How a task joins a small dataset (a day's batch, the keys it touched) with a whole table: the
 * small side goes whole to every executor (a broadcast join), so the table is read once and not
 * shuffled.
 */
public final class Broadcast {
  /**
   * The most rows a dataset may have to be broadcast: 100,000 rows of a silver or gold batch take a
   * few tens of MB on the driver. A daily drop of 1% of BX's ratings brings about 12,000 rating
   * events and touches about 10,000 keys of a gold table; a first load or a reset's replay brings
   * more than this, and is joined as before.
   */
  public static final long MAX_ROWS = 100_000;

  private Broadcast() {}

  /**
   * {@code data}, marked to be broadcast in the joins it takes part in when it has at most {@link
   * #MAX_ROWS} rows; as it is otherwise (a first load, a reset's replay).
   *
   * <p>Note: Spark estimates the size of a join's side from its plan, not its rows: a batch
   * filtered, windowed or joined with a table is planned as large as that table, so Spark shuffles
   * both sides (at scale 20, 23 million silver_ratings rows for a day's 12,000). Delta's MERGE
   * keeps the hint of its source, also when it materializes that source.
   */
  public static <T> Dataset<T> ifAtMost(Dataset<T> data, long rows) {
    return isSmall(rows) ? functions.broadcast(data) : data;
  }

  /** True when a dataset of {@code rows} rows is a broadcast's size ({@link #MAX_ROWS}). */
  public static boolean isSmall(long rows) {
    return rows >= 0 && rows <= MAX_ROWS;
  }
}
