package org.bookslakehouse.silver;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_if;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.trim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.bookslakehouse.bronze.BronzeTable;
import org.bookslakehouse.lake.Kept;
import org.bookslakehouse.pipeline.BatchContext;
import org.bookslakehouse.pipeline.Metric;
import org.bookslakehouse.pipeline.TableSpec;

/**
 * What the silver tables share: the order of versions, the reduction of a batch to the latest row
 * per key, the quarantine, and the accounting of every row in.
 *
 * <p>A version is ordered by (file modification time, file name, file path, line): a later file
 * beats an earlier one and a later row of a file beats an earlier row, as the contract says.
 */
final class SilverSupport {
  static final String REASONS = "_reasons";
  static final String UPDATED_AT = "_updated_at";

  /** True for a cleansed row with a reason to reject it: it goes to the quarantine. */
  private static final String REJECTED = "size(" + REASONS + ") > 0";

  static final Map<String, String> SILVER_PROPERTIES =
      Map.of("delta.enableChangeDataFeed", "true", "delta.enableDeletionVectors", "true");

  /** The lineage columns that identify a version: where the row came from. */
  static final List<String> LINEAGE =
      List.of(BronzeTable.SOURCE_FILE, BronzeTable.FILE_MODIFICATION_TIME, BronzeTable.LINE_NUMBER);

  /** The key of a quarantine table: the landed row, by file and line. */
  private static final List<String> QUARANTINE_KEY =
      List.of(BronzeTable.SOURCE_FILE, BronzeTable.LINE_NUMBER);

  private static final ObjectMapper JSON = new ObjectMapper();

  private SilverSupport() {}

  /** The SQL expression that orders versions of a key; {@code alias} is a table alias or empty. */
  static String version(String alias) {
    String p = alias.isEmpty() ? "" : alias + ".";
    return String.format(
        "struct(%1$s_file_modification_time, substring_index(%1$s_source_file, '/', -1),"
            + " %1$s_source_file, %1$s_line_number)",
        p);
  }

  /** MERGE condition: the source row {@code s} is a newer version than the target row {@code t}. */
  static String sourceIsNewer() {
    return version("s") + " > " + version("t");
  }

  /**
   * MERGE condition: the source row {@code s} replaces the target row {@code t}: a newer version,
   * or the same version cleansed to other values (a reset stream re-applying changed cleansing
   * rules). Replaying the same rows under the same rules changes nothing.
   */
  static String sourceReplaces(StructType silverSchema) {
    List<String> differs = new ArrayList<>();
    for (String field : silverSchema.fieldNames()) {
      if (!LINEAGE.contains(field) && !field.equals(UPDATED_AT)) {
        differs.add("NOT (s." + field + " <=> t." + field + ")");
      }
    }
    return "("
        + sourceIsNewer()
        + ") OR ("
        + version("s")
        + " = "
        + version("t")
        + " AND ("
        + String.join(" OR ", differs)
        + "))";
  }

  /** The latest row per key of a batch: later files, then later lines, win. */
  static Dataset<Row> latestPerKey(Dataset<Row> rows, String... keys) {
    Column[] partition = Arrays.stream(keys).map(k -> col(k)).toArray(Column[]::new);
    return rows.withColumn(
            "_rank",
            row_number()
                .over(
                    Window.partitionBy(partition)
                        .orderBy(
                            col(BronzeTable.FILE_MODIFICATION_TIME).desc(),
                            org.apache
                                .spark
                                .sql
                                .functions
                                .substring_index(col(BronzeTable.SOURCE_FILE), "/", -1)
                                .desc(),
                            col(BronzeTable.SOURCE_FILE).desc(),
                            col(BronzeTable.LINE_NUMBER).desc())))
        .where("_rank = 1")
        .drop("_rank");
  }

  /** The schema of a silver table: its columns, then the lineage of the current version. */
  static StructType withLineage(StructType columns) {
    return columns
        .add(BronzeTable.SOURCE_FILE, DataTypes.StringType, false)
        .add(BronzeTable.FILE_MODIFICATION_TIME, DataTypes.TimestampType, false)
        .add(BronzeTable.LINE_NUMBER, DataTypes.LongType, false)
        .add(UPDATED_AT, DataTypes.TimestampType, false);
  }

  /**
   * The quarantine of a silver table: the raw bronze values, every reason, and the lineage.
   *
   * @param rawColumns the bronze columns as strings
   * @param extra further columns (e.g. the event kind of a rating)
   */
  static TableSpec quarantine(String name, List<String> rawColumns, StructType extra) {
    StructType schema = new StructType();
    for (String column : rawColumns) {
      schema = schema.add(column, DataTypes.StringType, true);
    }
    for (var field : extra.fields()) {
      schema = schema.add(field);
    }
    schema =
        schema
            .add(REASONS, DataTypes.createArrayType(DataTypes.StringType, false), false)
            .add(BronzeTable.RESCUED_DATA, DataTypes.StringType, true)
            .add(BronzeTable.SOURCE_FILE, DataTypes.StringType, false)
            .add(BronzeTable.FILE_MODIFICATION_TIME, DataTypes.TimestampType, false)
            .add(BronzeTable.LINE_NUMBER, DataTypes.LongType, false)
            .add(BronzeTable.INGESTED_AT, DataTypes.TimestampType, false)
            .add("_quarantined_at", DataTypes.TimestampType, false);
    return new TableSpec(name, schema, Map.of());
  }

  /** The column of a cleansed batch that holds the cleansed values (a struct) and the reasons. */
  static final String CLEANSED = "_c";

  /** The struct a cleansing UDF returns: the silver columns, all nullable, and the reasons. */
  static StructType cleansedType(StructType columns) {
    StructType type = new StructType();
    for (var field : columns.fields()) {
      type = type.add(field.name(), field.dataType(), true);
    }
    return type.add(REASONS, DataTypes.createArrayType(DataTypes.StringType, false), false);
  }

  /** The valid rows of a cleansed batch with the columns of the silver table. */
  static Dataset<Row> validRows(Dataset<Row> cleansed, StructType silverSchema) {
    List<Column> columns = new ArrayList<>();
    for (String field : silverSchema.fieldNames()) {
      if (field.equals(UPDATED_AT)) {
        columns.add(current_timestamp().as(field));
      } else if (LINEAGE.contains(field)) {
        columns.add(col(field));
      } else {
        columns.add(col(CLEANSED + "." + field).as(field));
      }
    }
    return cleansed.where("size(" + REASONS + ") = 0").select(columns.toArray(Column[]::new));
  }

  /** The rows of a cleansed batch as the quarantine table stores them. */
  static Dataset<Row> quarantineRows(Dataset<Row> cleansed, TableSpec quarantine) {
    List<Column> columns = new ArrayList<>();
    for (String field : quarantine.schema().fieldNames()) {
      columns.add(field.equals("_quarantined_at") ? current_timestamp().as(field) : col(field));
    }
    return cleansed.where(REJECTED).select(columns.toArray(Column[]::new));
  }

  /**
   * Adds rejected rows to a quarantine table, each landed row once: a row already there (same file
   * and line) is not added again, so a replayed batch never duplicates the quarantine. (A reset
   * stream starts the quarantine again with its batch 0, see {@link #write}.)
   */
  static void quarantine(BatchContext batch, TableSpec quarantine, Dataset<Row> rows) {
    batch.mergeOnce(
        quarantine.name(),
        target ->
            batch
                .merge(target, rows, keysMatch(QUARANTINE_KEY), QUARANTINE_KEY)
                .whenNotMatched()
                .insertAll());
  }

  /**
   * The reason a bronze record could not be mapped to its columns, or {@code null} when it was (no
   * rescued data, or only extra columns).
   */
  static String unmappedReason(String rescuedData) {
    JsonNode node = rescued(rescuedData);
    if (node == null || !node.has("fields")) {
      return null;
    }
    return node.path("reason").asText("unparseable record");
  }

  /** The fields of an unmapped bronze record, as its parser returned them. */
  static List<String> unmappedFields(String rescuedData) {
    JsonNode node = rescued(rescuedData);
    List<String> fields = new ArrayList<>();
    if (node != null) {
      node.path("fields").forEach(f -> fields.add(f.isNull() ? null : f.asText()));
    }
    return fields;
  }

  private static JsonNode rescued(String rescuedData) {
    if (rescuedData == null) {
      return null;
    }
    try {
      return JSON.readTree(rescuedData);
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * The write every silver table shares: the cleansed batch is cached, its rejected rows go to the
   * quarantine, its valid rows are MERGEd by {@code mergeValid} (which returns the MERGE's
   * metrics), and every row in is accounted for.
   */
  static void write(
      BatchContext batch,
      Dataset<Row> cleansed,
      TableSpec quarantine,
      Function<Dataset<Row>, Map<String, Long>> mergeValid) {
    Dataset<Row> rows = Kept.onDisk(cleansed);
    try {
      // Rows in and rows rejected in one pass.
      Row counts = rows.agg(count(lit(1)), count_if(expr(REJECTED))).first();
      long rowsIn = counts.getLong(0);
      long quarantinedCount = counts.getLong(1);
      batch.counted(rowsIn);
      Dataset<Row> quarantined = quarantineRows(rows, quarantine);
      if (batch.batchId() == 0) {
        // Note: batch 0 is the start of the stream's whole input: the first run, or the replay
        // after a reset of this table or of its bronze table, perhaps under other paths (a moved
        // landing zone). The quarantine then starts again from this batch, as if built once from
        // that input; merged by (file, line) it would hold a row read under two paths twice.
        batch.replace(quarantine.name(), quarantined);
      } else if (quarantinedCount > 0) {
        quarantine(batch, quarantine, quarantined);
      }
      if (quarantinedCount > 0) {
        countReasons(batch, quarantined);
      }
      account(batch, rowsIn, quarantinedCount, mergeValid.apply(rows));
    } finally {
      rows.unpersist();
    }
  }

  /**
   * Counts quarantined rows by the kind of their reasons (the reason up to the value it names, e.g.
   * {@code invalid ISBN}); a row with several reasons counts under each.
   */
  private static void countReasons(BatchContext batch, Dataset<Row> quarantined) {
    List<Row> kinds =
        quarantined
            .select(explode(col(REASONS)).as("reason"))
            .select(trim(regexp_extract(col("reason"), "^([^':]*)", 1)).as("kind"))
            .groupBy("kind")
            .count()
            .collectAsList();
    for (Row kind : kinds) {
      batch.count(Metric.quarantinedFor(kind.getString(0)), kind.getLong(1));
    }
  }

  /**
   * MERGEs the latest of the valid rows per key into a table where a version replaces only an older
   * one (or the same one cleansed otherwise); returns the MERGE's metrics.
   */
  static Map<String, Long> mergeNewest(
      BatchContext batch, String table, Dataset<Row> valid, List<String> keys) {
    return mergeLatest(batch, table, latestPerKey(valid, keys.toArray(String[]::new)), keys);
  }

  /**
   * MERGEs rows that are already one per key into a table where a version replaces only an older
   * one (or the same one cleansed otherwise); returns the MERGE's metrics.
   */
  static Map<String, Long> mergeLatest(
      BatchContext batch, String table, Dataset<Row> latest, List<String> keys) {
    return batch.mergeOnce(
        table,
        target ->
            batch
                .merge(target, latest, keysMatch(keys), keys)
                .whenMatched(sourceReplaces(latest.schema()))
                .updateAll()
                .whenNotMatched()
                .insertAll());
  }

  /** The event column of a batch of upserts and deletions, and its two values. */
  static final String EVENT = "_event";

  static final String UPSERT = "upsert";
  static final String DELETE = "delete";

  /**
   * MERGEs a batch of events, one per key, each with the {@link #EVENT} column: a newer deletion
   * deletes its key, an upsert inserts its key or replaces an older version; neither replaces a
   * newer version. Returns the MERGE's metrics.
   *
   * @param schema the table's schema: the columns an upsert writes
   */
  static Map<String, Long> mergeEvents(
      BatchContext batch, String table, Dataset<Row> events, List<String> keys, StructType schema) {
    Map<String, String> assignments = new LinkedHashMap<>();
    for (String column : schema.fieldNames()) {
      assignments.put(column, "s." + column);
    }
    String deletion = "s." + EVENT + " = '" + DELETE + "'";
    String upsert = "s." + EVENT + " = '" + UPSERT + "'";
    return batch.mergeOnce(
        table,
        target ->
            batch
                .merge(target, events, keysMatch(keys), keys)
                .whenMatched(sourceIsNewer() + " AND " + deletion)
                .delete()
                .whenMatched("(" + sourceReplaces(schema) + ") AND " + upsert)
                .updateExpr(assignments)
                .whenNotMatched(upsert)
                .insertExpr(assignments));
  }

  /**
   * The events of a batch that are not older than the deletion remembered for their key (a late
   * upsert must not bring a deleted key back); deletions always pass.
   */
  static Dataset<Row> notOlderThan(Dataset<Row> events, Dataset<Row> deletions, List<String> keys) {
    Column on = null;
    for (String key : keys) {
      Column equal = col("s." + key).equalTo(col("t." + key));
      on = on == null ? equal : on.and(equal);
    }
    return events
        .as("s")
        .join(deletions.as("t"), on, "left")
        .where(
            "t."
                + keys.get(0)
                + " IS NULL OR s."
                + EVENT
                + " = '"
                + DELETE
                + "' OR "
                + sourceIsNewer())
        .select("s.*");
  }

  /** MERGE condition: the target row {@code t} and the source row {@code s} have the same key. */
  private static String keysMatch(List<String> keys) {
    return String.join(" AND ", keys.stream().map(k -> "t." + k + " = s." + k).toList());
  }

  /**
   * Counts a batch: rows in, quarantined, and of the valid rows those applied as the current
   * version and those superseded (by a later row of the batch or a newer version already there),
   * plus the MERGE's own metrics.
   */
  static void account(
      BatchContext batch, long rowsIn, long quarantined, Map<String, Long> mergeMetrics) {
    Map<Metric, Long> merge = Metric.ofMerge(mergeMetrics);
    long applied = Metric.MERGE_CHANGES.stream().mapToLong(merge::get).sum();
    batch.count(Metric.ROWS_IN, rowsIn);
    batch.count(Metric.QUARANTINED, quarantined);
    batch.count(Metric.ACCEPTED, applied);
    batch.count(Metric.SUPERSEDED, rowsIn - quarantined - applied);
    batch.countMerge(mergeMetrics);
  }
}
