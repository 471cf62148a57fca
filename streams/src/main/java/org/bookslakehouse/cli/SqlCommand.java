package org.bookslakehouse.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bookslakehouse.config.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code books sql QUERY}: runs one SQL statement over the lake's tables and prints the result. */
@Command(
    name = "sql",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a SQL statement over the database's tables (qualified, books.gold_book_stats, or"
          + " plain: the database is the current one) and prints its result. Safe to run while a"
          + " job runs: it sees each table's last committed version.",
    })
final class SqlCommand implements Callable<Integer> {
  @Mixin CommonOptions options;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "table",
      description = "table (default), csv (with a header row) or json.")
  String format;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "10000",
      description = "Print at most N rows (default ${DEFAULT-VALUE}).")
  int limit;

  @Parameters(paramLabel = "QUERY", description = "The SQL statement, e.g. \"SHOW TABLES\".")
  String query;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    ResultPrinter.Format chosen = ResultPrinter.Format.parse(format);
    Settings settings = options.resolve();
    SparkSession spark = LakeSession.open(settings);
    Dataset<Row> result = spark.sql(query);
    List<Row> rows = result.limit(limit).collectAsList();
    PrintWriter out = spec.commandLine().getOut();
    ResultPrinter.print(result.schema(), rows, chosen, out);
    return 0;
  }
}
