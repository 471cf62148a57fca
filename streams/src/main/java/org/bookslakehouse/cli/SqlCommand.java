package org.bookslakehouse.cli;

import com.google.common.base.Preconditions;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalInt;
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

/**
 * {@code books sql [QUERY]}: runs one SQL statement over the lake's tables and prints the result;
 * without a statement, an SQL shell (or, when standard input is not a terminal, the statements it
 * reads from there).
 */
@Command(
    name = "sql",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a SQL statement over the database's tables (qualified, books.gold_book_stats, or"
          + " plain: the database is the current one) and prints its result. Safe to run while a"
          + " job runs: it sees each table's last committed version.",
      "Without a statement: an interactive SQL shell (line editing, history in ~/.books_history,"
          + " statements end with ';', \\help for its commands); when standard input is not a"
          + " terminal, the ';'-separated statements read from it (exit code 1 when one failed).",
    })
final class SqlCommand implements Callable<Integer> {
  @Mixin CommonOptions options;

  @Mixin FormatOption format;

  /** What the table view says when it leaves rows out. */
  static final String MORE_HINT = "use --format csv, or add LIMIT";

  @Option(
      names = "--limit",
      paramLabel = "N",
      description =
          "Print at most N rows. Default: csv and json every row; the table view the first"
              + " 10,000, saying how many more there are.")
  Integer limit;

  @Mixin AtRunOption atRun;

  @Parameters(
      arity = "0..1",
      paramLabel = "QUERY",
      description = "The SQL statement, e.g. \"SHOW TABLES\". None: the shell.")
  String query;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    ResultPrinter.Format chosen = format.chosen();
    Settings settings = options.resolve();
    PrintWriter out = spec.commandLine().getOut();
    if (query == null) {
      return shell(
          atRun.runId == null
              ? LakeSession.open(settings)
              : LakeSession.openAt(settings, atRun.runId),
          settings,
          chosen);
    }
    SparkSession spark = LakeSession.openFor(settings, query, atRun.runId);
    Dataset<Row> result = spark.sql(query);
    ResultPrinter.show(result, chosen, rowLimit(), MORE_HINT, out, spec.commandLine().getErr());
    return 0;
  }

  private int shell(SparkSession spark, Settings settings, ResultPrinter.Format chosen)
      throws IOException {
    if (stdinIsTerminal()) {
      List<String> tables =
          spark.sql("SHOW TABLES").collectAsList().stream().map(r -> r.getString(1)).toList();
      return SqlShellTerminal.run(spark::sql, settings.database(), tables, chosen, rowLimit());
    }
    SqlShell shell =
        new SqlShell(
            spark::sql,
            spec.commandLine().getOut(),
            spec.commandLine().getErr(),
            chosen,
            rowLimit());
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    return SqlShell.runScript(shell, in);
  }

  private OptionalInt rowLimit() {
    if (limit == null) {
      return OptionalInt.empty();
    }
    Preconditions.checkArgument(limit >= 0, "--limit %s: give a number of rows, 0 or more.", limit);
    return OptionalInt.of(limit);
  }

  /** True when the process talks to a terminal (Console.isTerminal() on Java 22 and later). */
  @SuppressWarnings("SystemConsoleNull") // null on Java 17-21; isTerminal() decides on Java 22+
  static boolean stdinIsTerminal() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true; // before Java 22 there is a console only on a terminal
    }
  }
}
