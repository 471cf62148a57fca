package org.bookslakehouse.gold;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.bookslakehouse.lake.DeltaVersions;
import org.bookslakehouse.lake.Kept;
import org.bookslakehouse.lake.LakeLayout;
import org.bookslakehouse.pipeline.CheckpointState;

/**
 * Compares a gold table with its full recompute ({@link GoldTable#compute} over all keys, as a
 * rebuild does) from the silver versions the table's stream had consumed when it wrote the table's
 * current version, so that a verify during a run, with silver ahead of gold, finds no difference
 * that is not one. Reads only: nothing is written.
 */
public final class GoldVerifier {
  /** How many example keys a check keeps per kind of difference. */
  public static final int EXAMPLES = 3;

  private static final String MISSING = "missing";
  private static final String EXTRA = "extra";
  private static final String DIFFERING = "differing";

  private final SparkSession spark;
  private final LakeLayout layout;

  public GoldVerifier(SparkSession spark, LakeLayout layout) {
    this.spark = spark;
    this.layout = layout;
  }

  /**
   * The result of one table's check.
   *
   * @param goldVersion the table's version compared, -1 when the table does not exist yet
   * @param silverVersions the silver versions recomputed from (absent: the current version)
   * @param rows the rows of the recompute
   * @param missing keys the recompute has and the table lacks
   * @param extra keys the table has and the recompute lacks
   * @param differing keys in both with different values
   * @param examples a few of each kind, e.g. {@code differing isbn=0140283331: avg_rating 7.0
   *     (recompute 8.0)}
   */
  public record Check(
      String table,
      long goldVersion,
      Map<String, Long> silverVersions,
      long rows,
      long missing,
      long extra,
      long differing,
      List<String> examples) {
    public Check {
      silverVersions = Map.copyOf(silverVersions);
      examples = List.copyOf(examples);
    }

    public boolean built() {
      return goldVersion >= 0;
    }

    public boolean matches() {
      return built() && missing == 0 && extra == 0 && differing == 0;
    }
  }

  public Check check(GoldTable table) {
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    String path = layout.tablePath(table.name());
    // Note: the checkpoint first, then the table. A batch committed in between is then either in
    // the table version read (its txn names it) or made no commit there; either way the table
    // equals the recompute from the later batch's silver versions.
    long committed = CheckpointState.committedBatch(hadoop, layout, table);
    long goldVersion = DeltaVersions.latest(hadoop, path);
    if (goldVersion < 0) {
      return new Check(table.name(), -1, Map.of(), 0, 0, 0, 0, List.of());
    }
    long batch = Math.max(committed, DeltaVersions.streamBatch(hadoop, path, goldVersion));
    Map<String, Long> silverVersions =
        batch < 0 ? Map.of() : CheckpointState.consumedVersions(spark, layout, table, batch);
    Dataset<Row> gold = spark.read().format("delta").option("versionAsOf", goldVersion).load(path);
    Dataset<Row> expected = table.compute(new Silver(spark, layout, silverVersions), null);
    return compare(table, goldVersion, silverVersions, expected, gold);
  }

  private Check compare(
      GoldTable table,
      long goldVersion,
      Map<String, Long> silverVersions,
      Dataset<Row> expected,
      Dataset<Row> gold) {
    Dataset<Row> differences = Kept.onDisk(differences(table, expected, gold));
    try {
      Map<String, Long> counts = new TreeMap<>();
      long rows = 0;
      for (Row row : differences.groupBy("kind", "in_recompute").count().collectAsList()) {
        if (!row.isNullAt(1)) {
          rows += row.getLong(2);
        }
        if (!row.isNullAt(0)) {
          counts.merge(row.getString(0), row.getLong(2), Long::sum);
        }
      }
      return new Check(
          table.name(),
          goldVersion,
          silverVersions,
          rows,
          counts.getOrDefault(MISSING, 0L),
          counts.getOrDefault(EXTRA, 0L),
          counts.getOrDefault(DIFFERING, 0L),
          examples(differences));
    } finally {
      differences.unpersist();
    }
  }

  /**
   * The recompute ({@code e}) and the table ({@code g}) joined on the key, a row per key of either:
   * its kind of difference (null when the rows are equal), the key as text, the differing columns
   * with both values, and whether the recompute has the key.
   */
  private static Dataset<Row> differences(
      GoldTable table, Dataset<Row> expected, Dataset<Row> gold) {
    List<String> keys = table.keyColumns();
    List<Column> keyParts = new ArrayList<>();
    for (String key : keys) {
      keyParts.add(concat(lit(key + "="), text(coalesce(col("e." + key), col("g." + key)))));
    }
    List<Column> diffParts = new ArrayList<>();
    for (String column : table.columns().fieldNames()) {
      if (!keys.contains(column)) {
        diffParts.add(
            when(
                not(col("e." + column).eqNullSafe(col("g." + column))),
                concat(
                    lit(column + " "),
                    text(col("g." + column)),
                    lit(" (recompute "),
                    text(col("e." + column)),
                    lit(")"))));
      }
    }
    Column anyDiff = lit(false);
    for (String column : table.columns().fieldNames()) {
      if (!keys.contains(column)) {
        anyDiff = anyDiff.or(not(col("e." + column).eqNullSafe(col("g." + column))));
      }
    }
    Column kind =
        when(col("g._in").isNull(), lit(MISSING))
            .when(col("e._in").isNull(), lit(EXTRA))
            .when(anyDiff, lit(DIFFERING));
    return expected
        .withColumn("_in", lit(true))
        .as("e")
        .join(
            gold.withColumn("_in", lit(true)).as("g"),
            GoldSupport.nullSafeOn("e", "g", keys),
            "full_outer")
        .select(
            kind.as("kind"),
            concat_ws(", ", keyParts.toArray(Column[]::new)).as("key"),
            concat_ws("; ", diffParts.toArray(Column[]::new)).as("diff"),
            col("e._in").as("in_recompute"));
  }

  /** Up to {@link #EXAMPLES} keys of each kind of difference, with the columns that differ. */
  private static List<String> examples(Dataset<Row> differences) {
    List<String> examples = new ArrayList<>();
    for (Row row :
        differences
            .where(col("kind").isNotNull())
            .withColumn("n", row_number().over(Window.partitionBy("kind").orderBy(col("key"))))
            .where(col("n").leq(EXAMPLES))
            .orderBy("kind", "key")
            .collectAsList()) {
      String kindName = row.getString(0);
      examples.add(
          kindName
              + " "
              + row.getString(1)
              + (DIFFERING.equals(kindName) ? ": " + row.getString(2) : ""));
    }
    return examples;
  }

  private static Column text(Column value) {
    return coalesce(value.cast("string"), lit("NULL"));
  }
}
