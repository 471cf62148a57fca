package org.bookslakehouse.silver;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.udf;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF5;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.bookslakehouse.bronze.BronzeTable;
import org.bookslakehouse.bronze.BxSource;
import org.bookslakehouse.pipeline.BatchContext;
import org.bookslakehouse.pipeline.TableSpec;

/**
 * {@code silver_ratings}: one current row per (User-ID, ISBN). Reads: rows appended to {@code
 * bronze_ratings} (upserts) and {@code bronze_ratings_deleted} (deletions), as one stream.
 * Transformation: User-ID, ISBN and rating cleansed as the contract says. Writes: invalid rows to
 * {@code silver_ratings_quarantine}; the latest event per key by MERGE: an upsert inserts or
 * updates, a deletion deletes, and neither replaces a newer version. Deletions are remembered in
 * {@code silver_ratings_deletions}, so that an older rating landing late cannot bring a deleted one
 * back.
 */
public final class SilverRatings extends SilverTable {
  public static final String NAME = "silver_ratings";
  private static final String EVENT = SilverSupport.EVENT;
  private static final String UPSERT = SilverSupport.UPSERT;
  private static final String DELETE = SilverSupport.DELETE;
  private static final List<String> KEY_COLUMNS = List.of("user_id", "isbn");

  public static final TableSpec QUARANTINE =
      SilverSupport.quarantine(
          NAME + "_quarantine",
          BxSource.RATINGS.columns(),
          new StructType().add(EVENT, DataTypes.StringType, false));

  static final StructType COLUMNS =
      new StructType()
          .add("user_id", DataTypes.IntegerType, false)
          .add("isbn", DataTypes.StringType, false)
          .add("rating", DataTypes.IntegerType, false);

  private static final StructType KEY =
      new StructType()
          .add("user_id", DataTypes.IntegerType, false)
          .add("isbn", DataTypes.StringType, false);

  /** The deletions that are the latest event of their key, kept to order later arrivals. */
  public static final TableSpec DELETIONS =
      new TableSpec(NAME + "_deletions", SilverSupport.withLineage(KEY), Map.of());

  private static final UserDefinedFunction CLEANSE =
      udf(
          (UDF5<String, String, String, String, String, Row>) SilverRatings::cleanseRow,
          SilverSupport.cleansedType(COLUMNS.add("_deleted", DataTypes.BooleanType, true)));

  @Override
  public String name() {
    return NAME;
  }

  @Override
  protected StructType columns() {
    return COLUMNS;
  }

  @Override
  protected List<String> keyColumns() {
    return KEY_COLUMNS;
  }

  @Override
  protected List<BxSource> sources() {
    return List.of(BxSource.RATINGS, BxSource.RATINGS_DELETED);
  }

  @Override
  protected TableSpec quarantine() {
    return QUARANTINE;
  }

  @Override
  public List<TableSpec> sideTables() {
    return List.of(QUARANTINE, DELETIONS);
  }

  /** Both bronze streams as one stream of events: upserts and deletions. */
  @Override
  public Dataset<Row> combine(Map<String, Dataset<Row>> upstreams) {
    Dataset<Row> upserts =
        events(upstreams.get(BxSource.RATINGS.bronzeTable()), col("book_rating"), UPSERT);
    Dataset<Row> deletions =
        events(
            upstreams.get(BxSource.RATINGS_DELETED.bronzeTable()),
            lit(null).cast(DataTypes.StringType),
            DELETE);
    return upserts.unionByName(deletions);
  }

  private static Dataset<Row> events(Dataset<Row> bronze, Column rating, String event) {
    return bronze.select(
        col("user_id"),
        col("isbn"),
        rating.as("book_rating"),
        lit(event).as(EVENT),
        col(BronzeTable.RESCUED_DATA),
        col(BronzeTable.SOURCE_FILE),
        col(BronzeTable.FILE_MODIFICATION_TIME),
        col(BronzeTable.LINE_NUMBER),
        col(BronzeTable.INGESTED_AT));
  }

  @Override
  protected Dataset<Row> cleanse(BatchContext batch, Dataset<Row> events) {
    return cleanse(events);
  }

  /** Cleanses rating events: adds the cleansed values and the reasons to reject an event. */
  public static Dataset<Row> cleanse(Dataset<Row> events) {
    return events
        .withColumn(
            SilverSupport.CLEANSED,
            CLEANSE.apply(
                col("user_id"),
                col("isbn"),
                col("book_rating"),
                col(EVENT),
                col(BronzeTable.RESCUED_DATA)))
        .withColumn(
            SilverSupport.REASONS, col(SilverSupport.CLEANSED + "." + SilverSupport.REASONS));
  }

  /**
   * MERGEs the newest valid event per key, upserts and deletions, unless a remembered deletion is
   * newer; remembers the batch's deletions. Returns the MERGE's metrics.
   */
  @Override
  protected Map<String, Long> merge(BatchContext batch, Dataset<Row> cleansed) {
    StructType withEvent = schema().add(EVENT, DataTypes.StringType, false);
    Dataset<Row> valid =
        SilverSupport.validRows(
            cleansed.withColumn(SilverSupport.CLEANSED, eventStruct()), withEvent);
    Dataset<Row> latest = SilverSupport.latestPerKey(valid, KEY_COLUMNS.toArray(String[]::new));
    Dataset<Row> deletions =
        batch.spark().read().format("delta").load(batch.layout().tablePath(DELETIONS.name()));
    Map<String, Long> metrics =
        SilverSupport.mergeEvents(
            batch,
            NAME,
            SilverSupport.notOlderThan(latest, deletions, KEY_COLUMNS),
            KEY_COLUMNS,
            schema());
    rememberDeletions(batch, latest);
    return metrics;
  }

  /** The cleansed struct with the event kind, so that valid rows carry it. */
  private static Column eventStruct() {
    return struct(
        col(SilverSupport.CLEANSED + ".user_id").as("user_id"),
        col(SilverSupport.CLEANSED + ".isbn").as("isbn"),
        col(SilverSupport.CLEANSED + ".rating").as("rating"),
        col(EVENT).as(EVENT));
  }

  /** Keeps the newest deletion per key (idempotent per batch). */
  private static void rememberDeletions(BatchContext batch, Dataset<Row> latest) {
    Dataset<Row> deletions =
        latest.where(col(EVENT).equalTo(DELETE)).selectExpr(DELETIONS.schema().fieldNames());
    if (deletions.isEmpty()) {
      return;
    }
    SilverSupport.mergeLatest(batch, DELETIONS.name(), deletions, KEY_COLUMNS);
  }

  static Row cleanseRow(String userId, String isbn, String rating, String event, String rescued) {
    List<String> reasons = new ArrayList<>();
    String unmapped = SilverSupport.unmappedReason(rescued);
    if (unmapped != null) {
      reasons.add("unparseable record: " + unmapped);
      return RowFactory.create(null, null, null, null, reasons.toArray(new String[0]));
    }
    Checked<Integer> user = Cleansing.userId(userId);
    if (!user.isValid()) {
      reasons.add(user.problem());
    }
    Checked<String> book = Cleansing.isbn(isbn);
    if (!book.isValid()) {
      reasons.add(book.problem());
    }
    Integer value = null;
    if (UPSERT.equals(event)) {
      Checked<Integer> checked = Cleansing.rating(rating);
      if (checked.isValid()) {
        value = checked.value();
      } else {
        reasons.add(checked.problem());
      }
    }
    return RowFactory.create(
        user.value(), book.value(), value, DELETE.equals(event), reasons.toArray(new String[0]));
  }
}
