package org.bookslakehouse.silver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.bookslakehouse.TestLake;
import org.bookslakehouse.bronze.BronzeTable;
import org.bookslakehouse.bronze.BxRecord;
import org.bookslakehouse.bronze.BxRecordReader;
import org.bookslakehouse.bronze.BxSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The silver transformations on small in-memory bronze batches, parsed by the real reader. */
class SilverCleanseTest {
  private static SparkSession spark;

  @BeforeAll
  static void startSpark() {
    spark = TestLake.spark();
  }

  /** Bronze rows of a BX text, as the bronze stream would write them. */
  private static Dataset<Row> bronze(BxSource source, String text) {
    StructType schema = new StructType();
    for (String column : source.columns()) {
      schema = schema.add(column, DataTypes.StringType);
    }
    schema =
        schema
            .add(BronzeTable.RESCUED_DATA, DataTypes.StringType)
            .add(BronzeTable.SOURCE_FILE, DataTypes.StringType)
            .add(BronzeTable.FILE_MODIFICATION_TIME, DataTypes.TimestampType)
            .add(BronzeTable.LINE_NUMBER, DataTypes.LongType);
    List<Row> rows = new ArrayList<>();
    try (BxRecordReader reader = new BxRecordReader(source, new StringReader(text), "day.csv")) {
      while (reader.hasNext()) {
        BxRecord record = reader.next();
        List<Object> values = new ArrayList<>(record.values());
        values.add(record.rescuedData());
        values.add("file:/landing/day.csv");
        values.add(new Timestamp(0));
        values.add(record.lineNumber());
        rows.add(RowFactory.create(values.toArray()));
      }
    }
    return spark.createDataFrame(rows, schema);
  }

  private static String booksHeader() {
    return String.join(";", BxSource.BOOKS.header().stream().map(h -> "\"" + h + "\"").toList())
        + "\r\n";
  }

  @Test
  void booksAreCleansedAndShiftedRowsRepaired() {
    String urls = ";\"http://s.jpg\";\"http://m.jpg\";\"http://l.jpg\"\r\n";
    Dataset<Row> cleansed =
        SilverBooks.cleanse(
            bronze(
                BxSource.BOOKS,
                booksHeader()
                    + "\"0-195-15344-8\";\"Classical  Mythology\";\"Mark P. O. Morford\";\"2002\";"
                    + "\"Oxford &amp; Co\""
                    + urls
                    + "\"9999000088\";\"Sample Shifted Title\\\";\"Sample Author\";\"2001\";"
                    + "\"Sample Press\""
                    + urls
                    + "\"12345\";\"Bad\";\"Nobody\";\"0\";\"X\""
                    + urls
                    + "\"0002005018\";\"Clara Callan\";\"Richard Bruce Wright\";\"2999\";NULL"
                    + urls),
            2004);

    List<Row> rows = cleansed.orderBy(BronzeTable.LINE_NUMBER).collectAsList();
    Row first = rows.get(0).getStruct(rows.get(0).fieldIndex(SilverSupport.CLEANSED));
    assertThat(first.<String>getAs("isbn")).isEqualTo("0195153448");
    assertThat(first.<String>getAs("title")).isEqualTo("Classical Mythology");
    assertThat(first.<String>getAs("author_key")).isEqualTo("mark p. o. morford");
    assertThat(first.<String>getAs("publisher")).isEqualTo("Oxford & Co");
    assertThat(first.<Integer>getAs("year")).isEqualTo(2002);

    Row shifted = rows.get(1).getStruct(rows.get(1).fieldIndex(SilverSupport.CLEANSED));
    assertThat(shifted.<String>getAs("title")).isEqualTo("Sample Shifted Title");
    assertThat(shifted.<String>getAs("author")).isEqualTo("Sample Author");
    assertThat(shifted.<Integer>getAs("year")).isEqualTo(2001);
    assertThat(shifted.<String>getAs("publisher")).isEqualTo("Sample Press");
    assertThat(rows.get(1).getList(rows.get(1).fieldIndex(SilverSupport.REASONS))).isEmpty();

    assertThat(rows.get(2).getList(rows.get(2).fieldIndex(SilverSupport.REASONS)).toString())
        .contains("'12345'");
    Row future = rows.get(3).getStruct(rows.get(3).fieldIndex(SilverSupport.CLEANSED));
    assertThat(future.<Integer>getAs("year")).isNull();
    assertThat(future.<String>getAs("publisher")).isNull();
  }

  @Test
  @SuppressWarnings("StringConcatToTextBlock") // BX's CRLF line ends show as escapes, line by line
  void usersGetTheirLocationSplitAndInvalidIdsRejected() {
    Dataset<Row> cleansed =
        SilverUsers.cleanse(
            bronze(
                BxSource.USERS,
                "\"User-ID\";\"Location\";\"Age\"\r\n"
                    + "\"5262\";\"&#304;zmir, n/a, turkey\";\"27\"\r\n"
                    + "\"0\";\"a, b, c\";\"3\"\r\n"
                    + "\"8\";\"a, b, c, d, e\";NULL\r\n"));

    List<Row> rows = cleansed.orderBy(BronzeTable.LINE_NUMBER).collectAsList();
    Row izmir = rows.get(0).getStruct(rows.get(0).fieldIndex(SilverSupport.CLEANSED));
    assertThat(izmir.<String>getAs("city")).isEqualTo("\u0130zmir");
    assertThat(izmir.<String>getAs("state")).isNull();
    assertThat(izmir.<String>getAs("country")).isEqualTo("turkey");
    assertThat(rows.get(1).getList(rows.get(1).fieldIndex(SilverSupport.REASONS))).hasSize(1);
    Row five = rows.get(2).getStruct(rows.get(2).fieldIndex(SilverSupport.CLEANSED));
    assertThat(five.<String>getAs("state")).isEqualTo("b, c, d");
    assertThat(five.<String>getAs("country")).isEqualTo("e");
  }

  @Test
  void latestPerKeyPrefersLaterFilesThenLaterLines() {
    StructType schema =
        new StructType()
            .add("k", DataTypes.StringType)
            .add("v", DataTypes.IntegerType)
            .add(BronzeTable.SOURCE_FILE, DataTypes.StringType)
            .add(BronzeTable.FILE_MODIFICATION_TIME, DataTypes.TimestampType)
            .add(BronzeTable.LINE_NUMBER, DataTypes.LongType);
    Dataset<Row> rows =
        spark.createDataFrame(
            List.of(
                RowFactory.create("a", 1, "file:/l/b.csv", new Timestamp(1000), 9L),
                RowFactory.create("a", 2, "file:/l/a.csv", new Timestamp(2000), 2L),
                RowFactory.create("b", 3, "file:/l/a.csv", new Timestamp(1000), 2L),
                RowFactory.create("b", 4, "file:/l/b.csv", new Timestamp(1000), 1L),
                RowFactory.create("c", 5, "file:/l/a.csv", new Timestamp(1000), 3L),
                RowFactory.create("c", 6, "file:/l/a.csv", new Timestamp(1000), 4L)),
            schema);

    List<Row> latest = SilverSupport.latestPerKey(rows, "k").orderBy("k").collectAsList();

    assertThat(latest).extracting(r -> r.<Integer>getAs("v")).containsExactly(2, 4, 6);
  }
}
