package org.bookslakehouse.silver;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF4;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.bookslakehouse.bronze.BronzeTable;
import org.bookslakehouse.bronze.BxSource;
import org.bookslakehouse.pipeline.BatchContext;
import org.bookslakehouse.pipeline.TableSpec;

/**
 * {@code silver_users}: one current row per User-ID. Reads: rows appended to {@code bronze_users}.
 * Transformation: User-ID, location (cleansed text split into city, state, country) and age as the
 * contract says. Writes: invalid rows to {@code silver_users_quarantine}, the latest valid row per
 * user by MERGE (a version never replaces a newer one).
 */
public final class SilverUsers extends SilverTable {
  public static final String NAME = "silver_users";
  public static final TableSpec QUARANTINE =
      SilverSupport.quarantine(NAME + "_quarantine", BxSource.USERS.columns(), new StructType());

  static final StructType COLUMNS =
      new StructType()
          .add("user_id", DataTypes.IntegerType, false)
          .add("location", DataTypes.StringType, true)
          .add("city", DataTypes.StringType, true)
          .add("state", DataTypes.StringType, true)
          .add("country", DataTypes.StringType, true)
          .add("age", DataTypes.IntegerType, true);

  private static final UserDefinedFunction CLEANSE =
      udf(
          (UDF4<String, String, String, String, Row>) SilverUsers::cleanseRow,
          SilverSupport.cleansedType(COLUMNS));

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
    return List.of("user_id");
  }

  @Override
  protected List<BxSource> sources() {
    return List.of(BxSource.USERS);
  }

  @Override
  protected TableSpec quarantine() {
    return QUARANTINE;
  }

  @Override
  protected Dataset<Row> cleanse(BatchContext batch, Dataset<Row> bronze) {
    return cleanse(bronze);
  }

  /** Cleanses bronze_users rows: adds the cleansed values and the reasons to reject a row. */
  public static Dataset<Row> cleanse(Dataset<Row> bronze) {
    return bronze
        .withColumn(
            SilverSupport.CLEANSED,
            CLEANSE.apply(
                col("user_id"), col("location"), col("age"), col(BronzeTable.RESCUED_DATA)))
        .withColumn(
            SilverSupport.REASONS, col(SilverSupport.CLEANSED + "." + SilverSupport.REASONS));
  }

  static Row cleanseRow(String userId, String location, String age, String rescued) {
    List<String> reasons = new ArrayList<>();
    String unmapped = SilverSupport.unmappedReason(rescued);
    if (unmapped != null) {
      reasons.add("unparseable record: " + unmapped);
      return RowFactory.create(null, null, null, null, null, null, reasons.toArray(new String[0]));
    }
    Checked<Integer> id = Cleansing.userId(userId);
    if (!id.isValid()) {
      reasons.add(id.problem());
    }
    Location place = Cleansing.location(location);
    return RowFactory.create(
        id.value(),
        Cleansing.text(location),
        place.city(),
        place.state(),
        place.country(),
        Cleansing.age(age),
        reasons.toArray(new String[0]));
  }
}
