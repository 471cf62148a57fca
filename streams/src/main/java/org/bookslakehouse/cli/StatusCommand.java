package org.bookslakehouse.cli;

import io.delta.tables.DeltaTable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.bookslakehouse.config.Settings;
import org.bookslakehouse.lake.LakeLayout;
import org.bookslakehouse.lake.Sessions;
import org.bookslakehouse.pipeline.Tables;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code books status}: per table, its Delta version, rows and last write. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description =
        "Shows per table: its Delta version, row count, and last write (time, operation).")
final class StatusCommand implements Callable<Integer> {
  @Mixin CommonOptions options;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "table",
      description = "table (default), csv or json.")
  String format;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    ResultPrinter.Format chosen = ResultPrinter.Format.parse(format);
    Settings settings = options.resolve();
    SparkSession spark = Sessions.create(settings);
    LakeLayout layout = LakeLayout.of(settings);
    StructType schema =
        new StructType()
            .add("table", DataTypes.StringType)
            .add("version", DataTypes.LongType)
            .add("rows", DataTypes.LongType)
            .add("last_write", DataTypes.StringType)
            .add("last_operation", DataTypes.StringType);
    List<Row> rows = new ArrayList<>();
    for (String table : Tables.registry().allTableNames()) {
      String path = layout.tablePath(table);
      if (!DeltaTable.isDeltaTable(spark, path)) {
        rows.add(RowFactory.create(table, null, null, null, "not created yet"));
        continue;
      }
      DeltaTable delta = DeltaTable.forPath(spark, path);
      Row last = delta.history(1).select("version", "timestamp", "operation").head();
      rows.add(
          RowFactory.create(
              table,
              last.getLong(0),
              delta.toDF().count(),
              String.valueOf(last.getTimestamp(1)),
              last.getString(2)));
    }
    ResultPrinter.print(schema, rows, chosen, spec.commandLine().getOut());
    return 0;
  }
}
