package org.bookslakehouse.gold;

import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.bookslakehouse.silver.SilverBooks;

/**
 * {@code gold_publisher_year_stats}: books per (publisher, year of publication), NULLs included
 * (for "lost publishers"). Keys touched: the old and new (publisher, year) of every changed book.
 */
public final class GoldPublisherYearStats extends GoldTable {
  public static final String NAME = "gold_publisher_year_stats";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  protected List<String> upstreamTables() {
    return List.of(SilverBooks.NAME);
  }

  @Override
  protected List<String> keyColumns() {
    return List.of("publisher", "year");
  }

  @Override
  protected StructType columns() {
    return new StructType()
        .add("publisher", DataTypes.StringType, true, "as cleansed (spellings are not merged)")
        .add(
            "year",
            DataTypes.IntegerType,
            true,
            "year of publication; NULL for the publisher's books of unknown year")
        .add("books_count", DataTypes.LongType, false, "the publisher's books of that year");
  }

  @Override
  protected Dataset<Row> changedColumns(String upstream, Dataset<Row> changes) {
    return changes.select("publisher", "year");
  }

  @Override
  public Dataset<Row> compute(Silver silver, Dataset<Row> keys) {
    return GoldSupport.restrict(silver.books(), keys, keyColumns())
        .groupBy("publisher", "year")
        .agg(count(lit(1)).as("books_count"));
  }
}
