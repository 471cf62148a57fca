package org.bookslakehouse.gold;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bookslakehouse.lake.LakeLayout;
import org.bookslakehouse.silver.SilverBooks;
import org.bookslakehouse.silver.SilverRatings;
import org.bookslakehouse.silver.SilverUsers;

/** The current silver tables, as the gold computations read them. */
public record Silver(SparkSession spark, LakeLayout layout) {
  public Dataset<Row> books() {
    return read(SilverBooks.NAME);
  }

  public Dataset<Row> users() {
    return read(SilverUsers.NAME);
  }

  public Dataset<Row> ratings() {
    return read(SilverRatings.NAME);
  }

  private Dataset<Row> read(String table) {
    return spark.read().format("delta").load(layout.tablePath(table));
  }
}
