package org.bookslakehouse.lake;

import org.bookslakehouse.config.Settings;

/**
 * Where everything lives under the lake root (see checkpoints-layout.md).
 *
 * <pre>
 * LAKE/DATABASE/tables/TABLE/        the Delta table
 * LAKE/DATABASE/checkpoints/TABLE/   the checkpoint of the stream that writes TABLE
 * LAKE/_warehouse/                   Spark's warehouse folder (holds nothing of ours)
 * </pre>
 *
 * <p>One database's tables and checkpoints stay together, so two databases on one lake (say {@code
 * books} and {@code jane_books}) never share state.
 */
public record LakeLayout(String lake, String database) {
  public static LakeLayout of(Settings settings) {
    return new LakeLayout(settings.lake(), settings.database());
  }

  /** The folder of this database: its tables and checkpoints. */
  public String databaseRoot() {
    return lake + "/" + database;
  }

  public String tablePath(String table) {
    return databaseRoot() + "/tables/" + table;
  }

  public String checkpointPath(String table) {
    return databaseRoot() + "/checkpoints/" + table;
  }

  public String warehouse() {
    return lake + "/_warehouse";
  }

  /** The name the analysts query: {@code books.gold_book_stats}. */
  public String qualified(String table) {
    return database + "." + table;
  }
}
