package org.bookslakehouse.bronze;

import static org.apache.spark.sql.functions.current_timestamp;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.bookslakehouse.lake.SerializableConfiguration;
import org.bookslakehouse.pipeline.BatchContext;
import org.bookslakehouse.pipeline.LakeTable;
import org.bookslakehouse.pipeline.Metric;
import org.bookslakehouse.pipeline.ResetScope;
import org.bookslakehouse.pipeline.StreamSource;

/**
 * A bronze table: every row of every file landed for one source, as strings, append-only, with
 * lineage ({@code _source_file}, {@code _file_modification_time}, {@code _line_number}, {@code
 * _ingested_at}) and {@code _rescued_data} for what did not fit the schema. Reads: new files of the
 * source's landing folder. Writes: an idempotent append.
 */
public final class BronzeTable implements LakeTable {
  /** Append-only: a fresh checkpoint re-reads every landed file, so the table starts afresh too. */
  @Override
  public ResetScope resetScope() {
    return ResetScope.TABLE_AND_CHECKPOINT;
  }

  public static final String RESCUED_DATA = "_rescued_data";
  public static final String SOURCE_FILE = "_source_file";
  public static final String FILE_MODIFICATION_TIME = "_file_modification_time";
  public static final String LINE_NUMBER = "_line_number";
  public static final String INGESTED_AT = "_ingested_at";

  private final BxSource source;

  public BronzeTable(BxSource source) {
    this.source = source;
  }

  public static List<BronzeTable> all() {
    return List.of(BxSource.values()).stream().map(BronzeTable::new).toList();
  }

  @Override
  public String name() {
    return source.bronzeTable();
  }

  @Override
  public StreamSource source() {
    return new StreamSource.LandingFiles(source.folder());
  }

  /** The parsed columns and lineage, without {@code _ingested_at}. */
  static StructType parsedSchema(BxSource source) {
    List<StructField> fields = new ArrayList<>();
    for (String column : source.columns()) {
      fields.add(DataTypes.createStructField(column, DataTypes.StringType, true));
    }
    fields.add(DataTypes.createStructField(RESCUED_DATA, DataTypes.StringType, true));
    fields.add(DataTypes.createStructField(SOURCE_FILE, DataTypes.StringType, false));
    fields.add(DataTypes.createStructField(FILE_MODIFICATION_TIME, DataTypes.TimestampType, false));
    fields.add(DataTypes.createStructField(LINE_NUMBER, DataTypes.LongType, false));
    return DataTypes.createStructType(fields);
  }

  @Override
  public StructType schema() {
    return parsedSchema(source).add(INGESTED_AT, DataTypes.TimestampType, false);
  }

  @Override
  public Map<String, String> properties() {
    return Map.of("delta.appendOnly", "true");
  }

  @Override
  public Dataset<Row> transform(BatchContext batch) {
    List<LandedFile> files =
        batch.input().collectAsList().stream()
            .map(
                row ->
                    new LandedFile(row.getString(0), row.getTimestamp(1).getTime(), row.getLong(2)))
            .sorted(
                Comparator.comparingLong(LandedFile::modificationTime)
                    .thenComparing(LandedFile::path))
            .toList();
    batch.count(Metric.FILES, files.size());
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(batch.spark().sparkContext());
    SerializableConfiguration hadoop =
        new SerializableConfiguration(batch.spark().sparkContext().hadoopConfiguration());
    JavaRDD<Row> rows =
        jsc.parallelize(files, Math.max(1, Math.min(files.size(), 64)))
            .flatMap(
                new LandedFileRows(
                    source,
                    hadoop,
                    batch.counter(Metric.ROWS),
                    batch.counter(Metric.RESCUED),
                    batch.counter(Metric.FILES_MISSING)));
    return batch
        .spark()
        .createDataFrame(rows, parsedSchema(source))
        .withColumn(INGESTED_AT, current_timestamp());
  }
}
