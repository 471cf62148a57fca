package org.bookslakehouse.it;

import io.delta.tables.DeltaTable;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.bookslakehouse.config.Settings;
import org.bookslakehouse.lake.LakeLayout;
import org.bookslakehouse.lake.Sessions;
import org.bookslakehouse.pipeline.RunHistory;
import org.bookslakehouse.tables.Tables;

/**
 * Reads a lake's tables in the test's own JVM, as {@code books sql} does (the tables the lake
 * holds, registered by name, each at its last committed version), but with one Spark session for
 * the whole test: a warm session answers in seconds where a new {@code books sql} process costs
 * tens of seconds. {@code books sql} itself is exercised by QueryCommandIT.
 */
final class LakeReader implements AutoCloseable {
  private final SparkSession spark;
  private final LakeLayout layout;

  LakeReader(LakeLocation lake) {
    Settings settings =
        new Settings(
            lake.landing(),
            lake.lake(),
            "books",
            LocalDate.now(ZoneOffset.UTC),
            OptionalInt.empty(),
            Settings.LOCAL_MASTER);
    System.setProperty("spark.master", "local[2]");
    System.setProperty("books.shuffle.partitions", "2");
    this.spark = Sessions.create(settings);
    this.layout = LakeLayout.of(settings);
  }

  /** The rows of a statement, each as its values in text ({@code null} stays null). */
  List<List<String>> rows(String statement) {
    register();
    List<List<String>> rows = new ArrayList<>();
    for (Row row : spark.sql(statement).collectAsList()) {
      List<String> values = new ArrayList<>();
      for (int i = 0; i < row.length(); i++) {
        values.add(row.isNullAt(i) ? null : String.valueOf(row.get(i)));
      }
      rows.add(values);
    }
    return rows;
  }

  /** The rows of a statement, values joined by {@code ,}: one line per row. */
  List<String> lines(String statement) {
    return rows(statement).stream().map(r -> String.join(",", r)).toList();
  }

  /**
   * Names each table the lake holds by a temporary view of its folder, afresh: a reset or a run may
   * have removed a table and written it anew since the last statement, and no cached log of the old
   * one may answer for it. (Views, not catalog tables: dropping a database of Spark's in-memory
   * catalog deletes its folder.)
   */
  private void register() {
    DeltaLog.clearCache();
    spark.catalog().clearCache();
    List<String> tables = new ArrayList<>(Tables.registry().allTableNames());
    tables.add(RunHistory.TABLE);
    for (String table : tables) {
      String path = layout.tablePath(table);
      if (DeltaTable.isDeltaTable(spark, path)) {
        spark.sql(
            String.format(
                "CREATE OR REPLACE TEMPORARY VIEW `%s` AS SELECT * FROM delta.`%s`", table, path));
      } else {
        spark.catalog().dropTempView(table);
      }
    }
  }

  /**
   * The path of a table of the lake, for statements that write it ({@code UPDATE delta.`PATH`}).
   */
  String path(String table) {
    return layout.tablePath(table);
  }

  @Override
  public void close() {
    spark.stop();
  }
}
