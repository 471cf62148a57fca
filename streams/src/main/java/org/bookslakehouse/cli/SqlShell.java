package org.bookslakehouse.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The logic of the interactive SQL shell ({@code books sql} with no statement), without a terminal:
 * it is fed lines and writes results. Statements end with {@code ;} and may span lines; lines that
 * start with {@code \} are shell commands ({@link #HELP}). An SQL error is reported and the shell
 * goes on. {@link SqlShellTerminal} wires it to JLine; {@link #runScript} to a pipe.
 */
final class SqlShell {
  static final String PROMPT = "books> ";
  static final String CONTINUATION_PROMPT = "   ...> ";

  static final String HELP =
      """
      Statements end with ';' and may span lines; tables by plain name (the database is current).
        \\d              list the tables of the current database
        \\d TABLE        describe the columns of TABLE
        \\format [FMT]   show or set the result format: table, csv or json
        \\r              drop the statement being typed
        \\help           this help (also \\?)
        \\q              leave (also quit, exit, Ctrl-D)
      Named, parameterised queries: books query --list.""";

  /** What the table view says when it leaves rows out. */
  static final String MORE_HINT = "use \\format csv, or add LIMIT";

  private final Function<String, Dataset<Row>> sql;
  private final PrintWriter out;
  private final PrintWriter err;
  private final OptionalInt limit;
  private final StatementSplitter splitter = new StatementSplitter();
  private ResultPrinter.Format format;
  private int failures;
  private boolean finished;

  /**
   * @param sql runs one statement ({@code spark::sql})
   * @param out where results go
   * @param err where errors go
   * @param format the first result format
   * @param limit the most rows a result shows, if the user asked for a limit (else csv and json
   *     show every row, the table view at most {@link ResultPrinter#TABLE_ROWS})
   */
  SqlShell(
      Function<String, Dataset<Row>> sql,
      PrintWriter out,
      PrintWriter err,
      ResultPrinter.Format format,
      OptionalInt limit) {
    this.sql = sql;
    this.out = out;
    this.err = err;
    this.format = format;
    this.limit = limit;
  }

  /** Reads statements from a pipe to its end; 0, or 1 when a statement or command failed. */
  static int runScript(SqlShell shell, BufferedReader in) throws IOException {
    String line;
    while ((line = in.readLine()) != null) {
      if (!shell.accept(line)) {
        break;
      }
    }
    shell.finish();
    return shell.failures() == 0 ? 0 : BooksCommand.EXIT_FAILED;
  }

  /** The prompt for the next line: {@link #PROMPT}, or {@link #CONTINUATION_PROMPT} within one. */
  String prompt() {
    return splitter.isEmpty() ? PROMPT : CONTINUATION_PROMPT;
  }

  /** Takes one line; returns false once the user asked to leave. */
  boolean accept(String line) {
    if (finished) {
      return false;
    }
    String command = line.strip();
    if (command.startsWith("\\") && !splitter.insideQuoteOrComment()) {
      command(command.substring(1));
    } else if (splitter.isEmpty() && isQuitWord(command)) {
      finished = true;
    } else {
      for (String statement : splitter.add(line)) {
        execute(statement);
      }
    }
    out.flush();
    err.flush();
    return !finished;
  }

  /** At the end of the input: runs a last statement that lacks its {@code ;}. */
  void finish() {
    String rest = splitter.drain();
    if (!rest.isEmpty() && !finished) {
      execute(rest);
    }
    finished = true;
    out.flush();
    err.flush();
  }

  /** Drops the statement being typed (Ctrl-C). */
  void interrupt() {
    splitter.reset();
  }

  /** How many statements and commands failed so far. */
  int failures() {
    return failures;
  }

  ResultPrinter.Format format() {
    return format;
  }

  private static boolean isQuitWord(String line) {
    String word = line.toLowerCase(Locale.ROOT);
    if (word.endsWith(";")) {
      word = word.substring(0, word.length() - 1).strip();
    }
    return word.equals("quit") || word.equals("exit");
  }

  private void command(String text) {
    String[] words = text.strip().split("\\s+", 2);
    String name = words[0];
    String argument = words.length > 1 ? words[1].strip() : "";
    switch (name) {
      case "q", "quit" -> finished = true;
      case "help", "?", "h" -> out.println(HELP);
      case "r", "reset" -> {
        splitter.reset();
        err.println("Statement dropped.");
      }
      case "d" -> {
        if (argument.isEmpty()) {
          execute("SHOW TABLES");
        } else {
          execute("DESCRIBE TABLE " + argument);
        }
      }
      case "format" -> {
        if (argument.isEmpty()) {
          err.println("Format: " + format.name().toLowerCase(Locale.ROOT));
        } else {
          try {
            format = ResultPrinter.Format.parse(argument);
            err.println("Format: " + format.name().toLowerCase(Locale.ROOT));
          } catch (IllegalArgumentException e) {
            fail(e.getMessage());
          }
        }
      }
      default -> fail("Unknown command \\" + name + ": \\help lists the commands.");
    }
  }

  private void execute(String statement) {
    try {
      Dataset<Row> result = sql.apply(statement);
      if (result.schema().isEmpty()) {
        err.println("OK");
        return;
      }
      ResultPrinter.show(result, format, limit, MORE_HINT, out, err);
    } catch (Exception e) { // Spark throws AnalysisException, a checked one, undeclared
      fail(SparkErrors.describe(e));
    }
  }

  private void fail(String message) {
    failures++;
    err.println("Error: " + message);
  }
}
