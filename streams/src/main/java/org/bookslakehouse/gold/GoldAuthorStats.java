package org.bookslakehouse.gold;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.bookslakehouse.silver.SilverBooks;
import org.bookslakehouse.silver.SilverRatings;

/**
 * {@code gold_author_stats}: one row per author_key (the lower-case cleansed author) with its most
 * frequent spelling (ties to the smallest), its books, its rated books, and the explicit ratings of
 * its books (count, mean, distinct readers). Keys touched: the old and new author of every changed
 * book, and the current author of every changed rating's book.
 */
public final class GoldAuthorStats extends GoldTable {
  public static final String NAME = "gold_author_stats";

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
    return List.of("author_key");
  }

  @Override
  protected StructType columns() {
    return new StructType()
        .add(
            "author_key",
            DataTypes.StringType,
            false,
            "the author in lower case: spellings that differ only in case are one author")
        .add(
            "author",
            DataTypes.StringType,
            false,
            "the author's most frequent spelling (ties: the smallest string)")
        .add("books_count", DataTypes.LongType, false, "books by the author")
        .add(
            "rated_books_count",
            DataTypes.LongType,
            false,
            "of those, books with at least one explicit rating")
        .add(
            "explicit_ratings_count",
            DataTypes.LongType,
            false,
            "explicit ratings of all the author's books")
        .add(
            "avg_rating",
            DataTypes.DoubleType,
            true,
            "their mean (each rating weighs the same, whatever its book); NULL when none")
        .add(
            "readers_count",
            DataTypes.LongType,
            false,
            "distinct readers who gave one of the author's books an explicit rating");
  }

  @Override
  protected Dataset<Row> changedColumns(String upstream, Dataset<Row> changes) {
    return upstream.equals(SilverBooks.NAME)
        ? changes.select(col("author_key"))
        : changes.select(col("isbn"));
  }

  @Override
  protected Dataset<Row> affectedKeys(Silver silver, Dataset<Row> changed) {
    Dataset<Row> direct = changed.where("author_key IS NOT NULL").select("author_key");
    Dataset<Row> viaRatings =
        changed
            .where("isbn IS NOT NULL")
            .select("isbn")
            .distinct()
            .join(silver.books().select("isbn", "author_key"), "isbn")
            .where("author_key IS NOT NULL")
            .select("author_key");
    return direct.union(viaRatings).distinct();
  }

  @Override
  public Dataset<Row> compute(Silver silver, Dataset<Row> keys) {
    Dataset<Row> books =
        GoldSupport.restrictFew(silver.books().where("author_key IS NOT NULL"), keys, keyColumns())
            .select("isbn", "author_key", "author");
    Dataset<Row> spelling =
        books
            .groupBy("author_key", "author")
            .count()
            .withColumn(
                "_rank",
                row_number()
                    .over(
                        Window.partitionBy("author_key")
                            .orderBy(col("count").desc(), col("author").asc())))
            .where("_rank = 1")
            .select("author_key", "author");
    Dataset<Row> bookCounts = books.groupBy("author_key").agg(count(lit(1)).as("books_count"));
    Dataset<Row> ratings =
        silver
            .ratings()
            .where("rating > 0")
            .join(books.select("isbn", "author_key"), "isbn")
            .groupBy("author_key")
            .agg(
                countDistinct("isbn").as("rated_books_count"),
                count(lit(1)).as("explicit_ratings_count"),
                avg("rating").as("avg_rating"),
                countDistinct("user_id").as("readers_count"));
    return bookCounts
        .join(spelling, "author_key")
        .join(ratings, new String[] {"author_key"}, "left")
        .select(
            col("author_key"),
            col("author"),
            col("books_count"),
            coalesce(col("rated_books_count"), lit(0L)).as("rated_books_count"),
            coalesce(col("explicit_ratings_count"), lit(0L)).as("explicit_ratings_count"),
            col("avg_rating"),
            coalesce(col("readers_count"), lit(0L)).as("readers_count"));
  }
}
