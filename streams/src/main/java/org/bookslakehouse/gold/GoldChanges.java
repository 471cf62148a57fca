package org.bookslakehouse.gold;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.bookslakehouse.lake.Kept;
import org.bookslakehouse.lake.LakeLayout;
import org.bookslakehouse.pipeline.RunPoint;
import org.bookslakehouse.pipeline.RunPointException;

/**
 * The net change of a gold table between two of its versions: per key, its values before and after,
 * for the keys whose values differ (added, removed, changed); a key that changed and changed back
 * is not listed. The keys come from the table's change feed ({@code readChangeFeed}, Delta's {@code
 * table_changes}), the values from the two versions (time travel), so only touched keys are
 * compared.
 */
public final class GoldChanges {
  public static final StructType SCHEMA =
      new StructType()
          .add("table", DataTypes.StringType, false)
          .add("key", DataTypes.StringType, false)
          .add("change", DataTypes.StringType, false)
          .add("columns", DataTypes.StringType, false)
          .add("before", DataTypes.StringType, true)
          .add("after", DataTypes.StringType, true);

  private final SparkSession spark;
  private final LakeLayout layout;

  public GoldChanges(SparkSession spark, LakeLayout layout) {
    this.spark = spark;
    this.layout = layout;
  }

  /**
   * The net change from version {@code from} (-1: before the table existed) to version {@code to}
   * of the same table, as rows of {@link #SCHEMA}, by key.
   *
   * @param since what {@code from} stands for, for messages ("run X", "2004-11-01")
   * @param until what {@code to} stands for ("now", "run Y")
   */
  public List<Row> between(GoldTable table, long from, long to, String since, String until) {
    List<Row> changes = new ArrayList<>();
    if (from >= to) {
      return changes;
    }
    Dataset<Row> touched = touchedKeys(table, from, to, since, until);
    try {
      String[] names = table.columns().fieldNames();
      for (Row row : beforeAndAfter(table, from, to, since, until, touched)) {
        change(table, names, row).ifPresent(changes::add);
      }
    } finally {
      touched.unpersist();
    }
    changes.sort(Comparator.comparing((Row r) -> r.getString(1)));
    return changes;
  }

  /**
   * The keys the change feed touched after version {@code from} up to {@code to}, cached (the
   * caller unpersists them); a {@link RunPointException} saying why when the feed cannot be read.
   */
  private Dataset<Row> touchedKeys(
      GoldTable table, long from, long to, String since, String until) {
    Column[] keyColumns = table.keyColumns().stream().map(c -> col(c)).toArray(Column[]::new);
    Dataset<Row> touched;
    try {
      touched =
          spark
              .read()
              .format("delta")
              .option("readChangeFeed", "true")
              .option("startingVersion", from + 1)
              .option("endingVersion", to)
              .load(layout.tablePath(table.name()))
              .select(keyColumns)
              .distinct();
      Kept.onDisk(touched).count();
    } catch (RuntimeException e) {
      throw new RunPointException(
          String.format(
              "Cannot read the change feed of %s from version %d to %d (%s until %s): %s. The"
                  + " change feed exists from the version whose run turned it on"
                  + " (delta.enableChangeDataFeed; gold tables have it since books-lakehouse"
                  + " keeps it), and its files go with VACUUM like data files. Fix: name a later"
                  + " --since-run or --since.",
              table.name(),
              from + 1,
              to,
              since,
              until,
              e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().get()));
    }
    return touched;
  }

  /**
   * Per touched key, the row at version {@code from} ({@code b_} columns) and at {@code to} ({@code
   * a_} columns) side by side, and whether each was there ({@code in_before}, {@code in_after}).
   */
  private List<Row> beforeAndAfter(
      GoldTable table, long from, long to, String since, String until, Dataset<Row> touched) {
    List<String> keys = table.keyColumns();
    Dataset<Row> after =
        GoldSupport.restrict(
            RunPoint.readVersion(spark, layout, table.name(), to, until), touched, keys);
    Dataset<Row> before =
        from < 0
            ? spark.createDataFrame(List.of(), table.columns())
            : GoldSupport.restrict(
                RunPoint.readVersion(spark, layout, table.name(), from, since), touched, keys);
    String[] names = table.columns().fieldNames();
    List<Column> both = new ArrayList<>();
    for (String name : names) {
      both.add(col("b." + name).as("b_" + name));
    }
    for (String name : names) {
      both.add(col("a." + name).as("a_" + name));
    }
    return before
        .withColumn("_present", lit(true))
        .as("b")
        .join(
            after.withColumn("_present", lit(true)).as("a"),
            GoldSupport.nullSafeOn("b", "a", keys),
            "full_outer")
        .select(
            concat(
                both,
                col("b._present").isNotNull().as("in_before"),
                col("a._present").isNotNull().as("in_after")))
        .collectAsList();
  }

  private static Column[] concat(List<Column> columns, Column... more) {
    List<Column> all = new ArrayList<>(columns);
    all.addAll(List.of(more));
    return all.toArray(Column[]::new);
  }

  /** The change of one joined row: before values, after values, present flags. */
  private static Optional<Row> change(GoldTable table, String[] names, Row row) {
    int n = names.length;
    boolean inBefore = row.getBoolean(2 * n);
    boolean inAfter = row.getBoolean(2 * n + 1);
    List<String> keyParts = new ArrayList<>();
    List<String> changed = new ArrayList<>();
    List<String> before = new ArrayList<>();
    List<String> after = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Object b = row.get(i);
      Object a = row.get(n + i);
      if (table.keyColumns().contains(names[i])) {
        keyParts.add(names[i] + "=" + text(inAfter ? a : b));
        continue;
      }
      if (!inBefore || !inAfter || !Objects.equals(b, a)) {
        changed.add(names[i]);
        before.add(names[i] + "=" + text(b));
        after.add(names[i] + "=" + text(a));
      }
    }
    if (changed.isEmpty()) {
      return Optional.empty();
    }
    String change = !inBefore ? "added" : !inAfter ? "removed" : "changed";
    return Optional.of(
        RowFactory.create(
            table.name(),
            String.join(", ", keyParts),
            change,
            String.join(", ", changed),
            inBefore ? String.join(", ", before) : null,
            inAfter ? String.join(", ", after) : null));
  }

  private static String text(Object value) {
    return value == null ? "NULL" : String.valueOf(value);
  }
}
