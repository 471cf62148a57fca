package org.bookslakehouse.gold;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.bookslakehouse.silver.SilverRatings;
import org.bookslakehouse.silver.SilverUsers;

/**
 * {@code gold_reader_stats}: one row per User-ID of silver_users with location, age, age group and
 * the ratings the user gave (explicit count and mean, implicit count), whatever book they rated.
 * Keys touched: the User-ID of every changed user and rating.
 */
public final class GoldReaderStats extends GoldTable {
  public static final String NAME = "gold_reader_stats";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  protected List<String> upstreamTables() {
    return List.of(SilverUsers.NAME, SilverRatings.NAME);
  }

  @Override
  protected List<String> keyColumns() {
    return List.of("user_id");
  }

  @Override
  protected StructType columns() {
    return new StructType()
        .add("user_id", DataTypes.IntegerType, false, "the reader")
        .add(
            "city",
            DataTypes.StringType,
            true,
            "the reader's location, split on , (NULL when missing or n/a)")
        .add(
            "state",
            DataTypes.StringType,
            true,
            "the reader's location, split on , (NULL when missing or n/a)")
        .add(
            "country",
            DataTypes.StringType,
            true,
            "the reader's location, split on , (NULL when missing or n/a)")
        .add("age", DataTypes.IntegerType, true, "5 to 100, else NULL")
        .add(
            "age_group",
            DataTypes.StringType,
            true,
            "0-10, 11-20, ..., 91-100; NULL without an age")
        .add(
            "explicit_ratings_count", DataTypes.LongType, false, "explicit ratings the reader gave")
        .add(
            "implicit_ratings_count", DataTypes.LongType, false, "implicit ratings the reader gave")
        .add(
            "avg_rating_given",
            DataTypes.DoubleType,
            true,
            "mean of the reader's explicit ratings; NULL when none");
  }

  @Override
  protected Dataset<Row> changedColumns(String upstream, Dataset<Row> changes) {
    return changes.select("user_id");
  }

  @Override
  public Dataset<Row> compute(Silver silver, Dataset<Row> keys) {
    Dataset<Row> users = GoldSupport.restrict(silver.users(), keys, keyColumns());
    Dataset<Row> ratings =
        GoldSupport.restrict(silver.ratings(), keys, keyColumns())
            .groupBy("user_id")
            .agg(
                count(when(col("rating").gt(0), 1)).as("explicit_ratings_count"),
                count(when(col("rating").equalTo(0), 1)).as("implicit_ratings_count"),
                avg(when(col("rating").gt(0), col("rating"))).as("avg_rating_given"));
    return users
        .join(ratings, new String[] {"user_id"}, "left")
        .select(
            col("user_id"),
            col("city"),
            col("state"),
            col("country"),
            col("age"),
            expr(GoldSupport.AGE_GROUP_SQL).as("age_group"),
            coalesce(col("explicit_ratings_count"), lit(0L)).as("explicit_ratings_count"),
            coalesce(col("implicit_ratings_count"), lit(0L)).as("implicit_ratings_count"),
            col("avg_rating_given"));
  }
}
