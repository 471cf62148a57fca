package org.bookslakehouse.gold;

import java.util.Map;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bookslakehouse.lake.LakeLayout;
import org.bookslakehouse.silver.SilverBooks;
import org.bookslakehouse.silver.SilverRatings;
import org.bookslakehouse.silver.SilverUsers;

/**
 * The silver tables as the gold computations read them: their current versions, or for the tables
 * named in {@code versions} that version (Delta time travel), as {@code books verify} reads them.
 */
public record Silver(SparkSession spark, LakeLayout layout, Map<String, Long> versions) {
  public Silver {
    versions = Map.copyOf(versions);
  }

  /** The current silver tables. */
  public Silver(SparkSession spark, LakeLayout layout) {
    this(spark, layout, Map.of());
  }

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
    DataFrameReader reader = spark.read().format("delta");
    if (versions.containsKey(table)) {
      reader = reader.option("versionAsOf", versions.get(table));
    }
    return reader.load(layout.tablePath(table));
  }
}
