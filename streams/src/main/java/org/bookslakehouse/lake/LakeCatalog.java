package org.bookslakehouse.lake;

import io.delta.tables.DeltaTable;
import io.delta.tables.DeltaTableBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Registers the lake's Delta tables in the session's catalog under the database name.
 *
 * <p>The lake is the catalog: every table is a Delta folder at a path {@link LakeLayout} derives
 * from its name, so each process registers the tables it finds there when it starts. This is why a
 * query process can run while the job runs (Spark's embedded Derby metastore would admit one
 * process only) and why both see each table's last committed version. On Databricks the same
 * statements register the tables in the workspace metastore, once.
 */
public final class LakeCatalog {
  private final SparkSession spark;
  private final LakeLayout layout;

  public LakeCatalog(SparkSession spark, LakeLayout layout) {
    this.spark = spark;
    this.layout = layout;
  }

  public void ensureDatabase() {
    if (Sessions.onDatabricks()) {
      spark.sql("CREATE DATABASE IF NOT EXISTS " + quote(layout.database()));
    } else {
      spark.sql(
          String.format(
              "CREATE DATABASE IF NOT EXISTS %s LOCATION '%s'",
              quote(layout.database()), layout.databaseRoot()));
    }
  }

  /**
   * Creates the table where its folder holds no Delta table yet, and registers it either way. It
   * gets the given properties and the lake's {@link TableProperties#RETENTION}; a table that exists
   * without them (a lake built before they were set) gets them now, in one metadata commit. The
   * same holds for the schema's column comments: a column whose comment differs gets it now, and a
   * table that has them all commits nothing.
   */
  public void createIfMissing(
      String table, StructType schema, Map<String, String> tableProperties) {
    String path = layout.tablePath(table);
    Map<String, String> properties = new TreeMap<>(TableProperties.RETENTION);
    properties.putAll(tableProperties);
    if (DeltaTable.isDeltaTable(spark, path)) {
      if (!registered(table)) {
        register(table);
      }
      ensureProperties(path, properties);
      ensureComments(path, schema);
      return;
    }
    if (registered(table)) {
      // Note: a reset deleted the table's folder after this session registered it. The entry
      // points at nothing, and createIfNotExists would skip the creation because of it (the new
      // table would then come from the first write, without its properties).
      spark.sql(
          String.format("DROP TABLE IF EXISTS %s.%s", quote(layout.database()), quote(table)));
    }
    DeltaTableBuilder builder =
        DeltaTable.createIfNotExists(spark)
            .tableName(layout.qualified(table))
            .location(path)
            .addColumns(schema);
    for (Map.Entry<String, String> property : properties.entrySet()) {
      builder = builder.property(property.getKey(), property.getValue());
    }
    builder.execute();
  }

  /** Sets those of the properties the table lacks or has with another value. */
  private void ensureProperties(String path, Map<String, String> properties) {
    long version = DeltaVersions.latest(spark.sparkContext().hadoopConfiguration(), path);
    Map<String, String> current = TableIdentity.metadata(spark, path, version).properties();
    Map<String, String> missing = new TreeMap<>(properties);
    missing.entrySet().removeIf(p -> p.getValue().equals(current.get(p.getKey())));
    if (missing.isEmpty()) {
      return;
    }
    spark.sql(
        String.format(
            "ALTER TABLE delta.%s SET TBLPROPERTIES (%s)",
            quote(path),
            missing.entrySet().stream()
                .map(p -> String.format("'%s' = '%s'", p.getKey(), p.getValue()))
                .collect(Collectors.joining(", "))));
  }

  /**
   * Sets the comments of those columns whose comment in the schema differs from the table's.
   *
   * <p>Note: Spark 3.5's ALTER COLUMN changes one column per statement, so a table that lacks its
   * comments gets one metadata commit per column, once; after that no run commits anything here.
   */
  private void ensureComments(String path, StructType schema) {
    StructType current = DeltaTable.forPath(spark, path).toDF().schema();
    Set<String> columns = Set.of(current.fieldNames());
    for (StructField field : schema.fields()) {
      Optional<String> comment = comment(field);
      if (comment.isEmpty() || !columns.contains(field.name())) {
        continue;
      }
      Optional<String> now = comment(current.apply(field.name()));
      if (!comment.equals(now)) {
        spark.sql(
            String.format(
                "ALTER TABLE delta.%s ALTER COLUMN %s COMMENT '%s'",
                quote(path), quote(field.name()), escape(comment.get())));
      }
    }
  }

  /** Registers those of the named tables that exist in the lake; returns their names. */
  public List<String> registerExisting(List<String> tables) {
    List<String> found = new ArrayList<>();
    for (String table : tables) {
      if (DeltaTable.isDeltaTable(spark, layout.tablePath(table))) {
        found.add(table);
      }
    }
    if (!found.isEmpty()) {
      ensureDatabase();
      found.forEach(this::register);
    }
    return found;
  }

  private void register(String table) {
    spark.sql(
        String.format(
            "CREATE TABLE IF NOT EXISTS %s.%s USING DELTA LOCATION '%s'",
            quote(layout.database()), quote(table), layout.tablePath(table)));
  }

  private boolean registered(String table) {
    return spark.catalog().databaseExists(layout.database())
        && spark.catalog().tableExists(layout.database(), table);
  }

  private static Optional<String> comment(StructField field) {
    return field.getComment().isDefined()
        ? Optional.of(field.getComment().get())
        : Optional.empty();
  }

  /** The text as the body of a single-quoted SQL string literal. */
  private static String escape(String text) {
    return text.replace("\\", "\\\\").replace("'", "\\'");
  }

  private static String quote(String identifier) {
    return "`" + identifier.replace("`", "``") + "`";
  }
}
