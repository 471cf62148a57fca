package org.bookslakehouse.gold;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.bookslakehouse.silver.SilverRatings;
import org.bookslakehouse.silver.SilverUsers;

/**
 * Readers grouped by an attribute of the user (country, age group): readers, the explicit ratings
 * they gave (whatever book they rated), their mean. Keys touched: the old and new group of every
 * changed user, and the current group of the user of every changed rating.
 */
abstract class ReaderGroupStats extends GoldTable {
  /** The group's column name. */
  protected abstract String group();

  /** The group column's comment: its meaning, as docs/analysts.md states it. */
  protected abstract String groupComment();

  /** The SQL expression over silver_users that gives a user's group. */
  protected abstract String groupExpression();

  @Override
  protected List<String> upstreamTables() {
    return List.of(SilverUsers.NAME, SilverRatings.NAME);
  }

  @Override
  protected List<String> keyColumns() {
    return List.of(group());
  }

  @Override
  protected StructType columns() {
    return new StructType()
        .add(group(), DataTypes.StringType, true, groupComment())
        .add(
            "readers_count",
            DataTypes.LongType,
            false,
            "readers in the group (whether or not they rated anything)")
        .add(
            "explicit_ratings_count",
            DataTypes.LongType,
            false,
            "explicit ratings given by the group's readers")
        .add("avg_rating", DataTypes.DoubleType, true, "their mean; NULL when none");
  }

  @Override
  protected Dataset<Row> changedColumns(String upstream, Dataset<Row> changes) {
    return upstream.equals(SilverUsers.NAME)
        ? changes.select(expr(groupExpression()).as(group()), lit(null).cast("int").as("user_id"))
        : changes.select(lit(null).cast("string").as(group()), col("user_id"));
  }

  @Override
  protected Dataset<Row> affectedKeys(Silver silver, Dataset<Row> changed) {
    Dataset<Row> direct = changed.where("user_id IS NULL").select(group());
    Dataset<Row> viaRatings =
        changed
            .where("user_id IS NOT NULL")
            .select("user_id")
            .distinct()
            .join(usersWithGroup(silver), "user_id")
            .select(group());
    return direct.union(viaRatings).distinct();
  }

  private Dataset<Row> usersWithGroup(Silver silver) {
    return silver.users().select(col("user_id"), expr(groupExpression()).as(group()));
  }

  @Override
  public Dataset<Row> compute(Silver silver, Dataset<Row> keys) {
    Dataset<Row> users = GoldSupport.restrict(usersWithGroup(silver), keys, keyColumns());
    Dataset<Row> readers = users.groupBy(group()).agg(count(lit(1)).as("readers_count"));
    Dataset<Row> ratings =
        silver
            .ratings()
            .where("rating > 0")
            .join(users, "user_id")
            .groupBy(group())
            .agg(count(lit(1)).as("explicit_ratings_count"), avg("rating").as("avg_rating"));
    return readers
        .as("g")
        .join(ratings.as("r"), GoldSupport.nullSafeOn("g", "r", keyColumns()), "left")
        .select(
            col("g." + group()).as(group()),
            col("g.readers_count").as("readers_count"),
            coalesce(col("r.explicit_ratings_count"), lit(0L)).as("explicit_ratings_count"),
            col("r.avg_rating").as("avg_rating"));
  }
}
