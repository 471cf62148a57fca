package org.bookslakehouse.silver;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.udf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF10;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.bookslakehouse.bronze.BronzeTable;
import org.bookslakehouse.bronze.BxSource;
import org.bookslakehouse.pipeline.BatchContext;
import org.bookslakehouse.pipeline.TableSpec;

/**
 * {@code silver_books}: one current row per cleansed ISBN. Reads: rows appended to {@code
 * bronze_books}. Transformation: the contract's cleansing (ISBN, text, year; shifted rows
 * repaired). Writes: invalid rows to {@code silver_books_quarantine}, the latest valid row per ISBN
 * by MERGE (a version never replaces a newer one).
 */
public final class SilverBooks extends SilverTable {
  public static final String NAME = "silver_books";
  public static final TableSpec QUARANTINE =
      SilverSupport.quarantine(NAME + "_quarantine", BxSource.BOOKS.columns(), new StructType());

  static final StructType COLUMNS =
      new StructType()
          .add("isbn", DataTypes.StringType, false)
          .add("title", DataTypes.StringType, true)
          .add("author", DataTypes.StringType, true)
          .add("author_key", DataTypes.StringType, true)
          .add("year", DataTypes.IntegerType, true)
          .add("publisher", DataTypes.StringType, true)
          .add("image_url_s", DataTypes.StringType, true)
          .add("image_url_m", DataTypes.StringType, true)
          .add("image_url_l", DataTypes.StringType, true);

  private static final StructType CLEANSED_TYPE = SilverSupport.cleansedType(COLUMNS);

  private static final UserDefinedFunction CLEANSE =
      udf(
          (UDF10<
                  String,
                  String,
                  String,
                  String,
                  String,
                  String,
                  String,
                  String,
                  String,
                  Integer,
                  Row>)
              SilverBooks::cleanseRow,
          CLEANSED_TYPE);

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
    return List.of("isbn");
  }

  @Override
  protected List<BxSource> sources() {
    return List.of(BxSource.BOOKS);
  }

  @Override
  protected TableSpec quarantine() {
    return QUARANTINE;
  }

  @Override
  protected Dataset<Row> cleanse(BatchContext batch, Dataset<Row> bronze) {
    return cleanse(bronze, batch.settings().asOf().getYear());
  }

  /** Cleanses bronze_books rows: adds the cleansed values and the reasons to reject a row. */
  public static Dataset<Row> cleanse(Dataset<Row> bronze, int asOfYear) {
    return bronze
        .withColumn(
            SilverSupport.CLEANSED,
            CLEANSE.apply(
                col("isbn"),
                col("book_title"),
                col("book_author"),
                col("year_of_publication"),
                col("publisher"),
                col("image_url_s"),
                col("image_url_m"),
                col("image_url_l"),
                col(BronzeTable.RESCUED_DATA),
                lit(asOfYear)))
        .withColumn(
            SilverSupport.REASONS, col(SilverSupport.CLEANSED + "." + SilverSupport.REASONS));
  }

  static Row cleanseRow(
      String isbn,
      String title,
      String author,
      String year,
      String publisher,
      String urlS,
      String urlM,
      String urlL,
      String rescued,
      Integer asOfYear) {
    List<String> values =
        new ArrayList<>(Arrays.asList(isbn, title, author, year, publisher, urlS, urlM, urlL));
    List<String> reasons = new ArrayList<>();
    String unmapped = SilverSupport.unmappedReason(rescued);
    if (unmapped != null) {
      Optional<List<String>> repaired =
          Cleansing.repairShiftedBook(SilverSupport.unmappedFields(rescued));
      if (repaired.isPresent()) {
        values = new ArrayList<>(repaired.get());
      } else {
        reasons.add("unparseable record: " + unmapped);
        return RowFactory.create(
            null, null, null, null, null, null, null, null, null, reasons.toArray(new String[0]));
      }
    }
    Checked<String> key = Cleansing.isbn(values.get(0));
    if (!key.isValid()) {
      reasons.add(key.problem());
    }
    String cleanAuthor = Cleansing.text(values.get(2));
    return RowFactory.create(
        key.value(),
        Cleansing.text(values.get(1)),
        cleanAuthor,
        Cleansing.authorKey(cleanAuthor),
        Cleansing.year(values.get(3), asOfYear),
        Cleansing.text(values.get(4)),
        blankToNull(values.get(5)),
        blankToNull(values.get(6)),
        blankToNull(values.get(7)),
        reasons.toArray(new String[0]));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
