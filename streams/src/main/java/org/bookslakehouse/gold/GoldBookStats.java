package org.bookslakehouse.gold;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.bookslakehouse.silver.SilverBooks;
import org.bookslakehouse.silver.SilverRatings;

/**
 * {@code gold_book_stats}: one row per ISBN of silver_books with its explicit ratings (count, mean)
 * and implicit ratings (count). Keys touched: the ISBN of every changed book and rating.
 */
public final class GoldBookStats extends GoldTable {
  public static final String NAME = "gold_book_stats";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  protected List<String> upstreamTables() {
    return List.of(SilverBooks.NAME, SilverRatings.NAME);
  }

  @Override
  protected List<String> keyColumns() {
    return List.of("isbn");
  }

  @Override
  protected StructType columns() {
    return new StructType()
        .add(
            "isbn",
            DataTypes.StringType,
            false,
            "the ISBN, normalised: 10 characters (digits, a final X) or 13 digits")
        .add("title", DataTypes.StringType, true, "as cleansed")
        .add("author", DataTypes.StringType, true, "as cleansed")
        .add("publisher", DataTypes.StringType, true, "as cleansed")
        .add(
            "year",
            DataTypes.IntegerType,
            true,
            "year of publication; NULL when unknown or implausible")
        .add(
            "explicit_ratings_count",
            DataTypes.LongType,
            false,
            "explicit ratings (1..10) of the book")
        .add("avg_rating", DataTypes.DoubleType, true, "their mean; NULL when none")
        .add(
            "implicit_ratings_count",
            DataTypes.LongType,
            false,
            "implicit ratings (0) of the book");
  }

  @Override
  protected Dataset<Row> changedColumns(String upstream, Dataset<Row> changes) {
    return changes.select("isbn");
  }

  @Override
  public Dataset<Row> compute(Silver silver, Dataset<Row> keys) {
    Dataset<Row> books = GoldSupport.restrict(silver.books(), keys, keyColumns());
    Dataset<Row> ratings =
        GoldSupport.restrict(silver.ratings(), keys, keyColumns())
            .groupBy("isbn")
            .agg(
                count(when(col("rating").gt(0), 1)).as("explicit_ratings_count"),
                avg(when(col("rating").gt(0), col("rating"))).as("avg_rating"),
                count(when(col("rating").equalTo(0), 1)).as("implicit_ratings_count"));
    return books
        .join(ratings, new String[] {"isbn"}, "left")
        .select(
            col("isbn"),
            col("title"),
            col("author"),
            col("publisher"),
            col("year"),
            coalesce(col("explicit_ratings_count"), lit(0L)).as("explicit_ratings_count"),
            col("avg_rating"),
            coalesce(col("implicit_ratings_count"), lit(0L)).as("implicit_ratings_count"));
  }
}
