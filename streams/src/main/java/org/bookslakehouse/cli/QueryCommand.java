package org.bookslakehouse.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.bookslakehouse.config.Settings;
import org.bookslakehouse.query.EmptyResultHint;
import org.bookslakehouse.query.NamedQuery;
import org.bookslakehouse.query.QueryException;
import org.bookslakehouse.query.QueryLibrary;
import org.bookslakehouse.query.QueryParam;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code books query NAME [--param K=V]...}: runs one of the analysts' named queries. */
@Command(
    name = "query",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a named, parameterised query (queries/NAME.sql) over the gold tables and prints its"
          + " result; --list shows every query with its parameters, types and defaults.",
      "Queries come from --queries DIR; else the folder of -Dbooks.queries (bin/books sets it to"
          + " the project's queries/); else ./queries; else the copies packaged in the jar.",
    })
final class QueryCommand implements Callable<Integer> {
  @Mixin CommonOptions options;

  @Parameters(
      arity = "0..1",
      paramLabel = "NAME",
      description = "The query, e.g. top_rated_books (books query --list shows them).")
  String name;

  @Option(
      names = {"-p", "--param"},
      paramLabel = "NAME=VALUE",
      description = "A parameter's value, e.g. --param years=5 (repeat for more).")
  List<String> params = new ArrayList<>();

  @Option(names = "--list", description = "List the queries, their parameters and defaults.")
  boolean list;

  @Option(
      names = "--show-sql",
      description = "Print the query's SQL and the values it would bind, without running it.")
  boolean showSql;

  @Option(
      names = "--queries",
      paramLabel = "DIR",
      description = "The folder of the NAME.sql query files.")
  Path queries;

  @Mixin AtRunOption atRun;

  @Mixin FormatOption format;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    ResultPrinter.Format chosen = format.chosen();
    QueryLibrary library = QueryLibrary.locate(Optional.ofNullable(queries));
    Settings settings = options.resolve();
    Map<String, String> runValues =
        Map.of(QueryParam.AS_OF_YEAR, String.valueOf(settings.asOf().getYear()));
    PrintWriter out = spec.commandLine().getOut();
    if (list) {
      if (name != null || !params.isEmpty()) {
        throw new QueryException("--list takes no query name and no --param.");
      }
      QueryListing.print(library, runValues, chosen, out);
      return 0;
    }
    if (name == null) {
      throw new QueryException(
          "Name a query (known: "
              + String.join(", ", library.all().stream().map(NamedQuery::name).toList())
              + "), or list them with --list.");
    }
    NamedQuery query = library.get(name);
    Map<String, Object> values = query.bind(given(params), runValues);
    if (showSql) {
      out.println("-- " + query.source());
      values.forEach((k, v) -> out.println("-- :" + k + " = " + v));
      out.println(query.sql() + ";");
      out.flush();
      return 0;
    }
    SparkSession spark = LakeSession.openFor(settings, query.sql(), atRun.runId);
    List<Row> rows;
    StructType schema;
    try {
      Dataset<Row> result = spark.sql(query.sql(), values);
      schema = result.schema();
      rows = result.collectAsList();
    } catch (Exception e) { // Spark throws AnalysisException, a checked one, undeclared
      if (!(e instanceof AnalysisException)) {
        throw e;
      }
      PrintWriter err = spec.commandLine().getErr();
      err.println("books: query " + query.name() + " failed: " + SparkErrors.describe(e));
      if (e.getMessage() != null && e.getMessage().contains("TABLE_OR_VIEW_NOT_FOUND")) {
        err.println(
            "books: the gold tables of database "
                + settings.database()
                + " are not in the lake yet: `books run` builds them.");
      }
      err.flush();
      return BooksCommand.EXIT_FAILED;
    }
    ResultPrinter.print(schema, rows, chosen, out);
    if (rows.isEmpty()) {
      hintWhyEmpty(spark, query, values);
    }
    return 0;
  }

  /** Names the parameter whose value most likely filtered out every row (on standard error). */
  private void hintWhyEmpty(SparkSession spark, NamedQuery query, Map<String, Object> values) {
    PrintWriter err = spec.commandLine().getErr();
    EmptyResultHint.find(
            query,
            values,
            changed -> spark.sql("SELECT * FROM (" + query.sql() + ")", changed).count())
        .ifPresentOrElse(
            hint -> err.println("books: " + hint.message()),
            () ->
                err.println(
                    "books: 0 rows, and no single parameter changed alone gives any: are the gold"
                        + " tables empty? (books status)"));
    err.flush();
  }

  /**
   * The {@code --param NAME=VALUE} options by name; a usage error for a malformed or repeated one.
   */
  static Map<String, String> given(List<String> params) {
    Map<String, String> given = new LinkedHashMap<>();
    for (String param : params) {
      int eq = param.indexOf('=');
      if (eq <= 0) {
        throw new QueryException("--param " + param + ": write NAME=VALUE, e.g. --param years=5.");
      }
      String key = param.substring(0, eq).strip();
      if (given.put(key, param.substring(eq + 1)) != null) {
        throw new QueryException("--param " + key + " is given twice.");
      }
    }
    return given;
  }

  /** {@code books query --list}: text for the table format, one row per parameter otherwise. */
  static final class QueryListing {
    private QueryListing() {}

    static void print(
        QueryLibrary library,
        Map<String, String> runValues,
        ResultPrinter.Format format,
        PrintWriter out) {
      if (format == ResultPrinter.Format.TABLE) {
        out.println("Queries in " + library.location() + ":");
        for (NamedQuery query : library.all()) {
          out.println();
          out.println(query.name());
          out.println("  " + query.description());
          for (QueryParam param : query.params()) {
            out.printf(
                "  --param %s=%s  default %s: %s%n",
                param.name(), param.type(), param.defaultShown(runValues), param.description());
          }
          if (query.params().isEmpty()) {
            out.println("  (no parameters)");
          }
        }
        out.flush();
        return;
      }
      StructType schema =
          new StructType()
              .add("query", DataTypes.StringType)
              .add("description", DataTypes.StringType)
              .add("param", DataTypes.StringType)
              .add("type", DataTypes.StringType)
              .add("default", DataTypes.StringType)
              .add("param_description", DataTypes.StringType);
      List<Row> rows = new ArrayList<>();
      for (NamedQuery query : library.all()) {
        if (query.params().isEmpty()) {
          rows.add(RowFactory.create(query.name(), query.description(), null, null, null, null));
        }
        for (QueryParam param : query.params()) {
          rows.add(
              RowFactory.create(
                  query.name(),
                  query.description(),
                  param.name(),
                  param.type().name(),
                  param.defaultValue().orElse(null),
                  param.description()));
        }
      }
      ResultPrinter.print(schema, rows, format, out);
    }
  }
}
