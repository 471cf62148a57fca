package org.bookslakehouse.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.completer.StringsCompleter;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The terminal side of the SQL shell: JLine's line editing, completion of table names, and a
 * history in {@code ~/.books_history} (or the file the system property {@code books.history}
 * names). Everything else is {@link SqlShell}'s.
 */
final class SqlShellTerminal {
  private static final List<String> WORDS =
      List.of(
          "SELECT",
          "FROM",
          "WHERE",
          "GROUP BY",
          "HAVING",
          "ORDER BY",
          "LIMIT",
          "JOIN",
          "ON",
          "DESCRIBE",
          "SHOW TABLES",
          "\\d",
          "\\format",
          "\\help",
          "\\q");

  private SqlShellTerminal() {}

  static Path historyFile() {
    String configured = System.getProperty("books.history");
    return configured != null
        ? Path.of(configured)
        : Path.of(System.getProperty("user.home"), ".books_history");
  }

  /** Runs the shell on the process's terminal until the user leaves; returns the exit code. */
  static int run(
      Function<String, Dataset<Row>> sql,
      String database,
      List<String> tables,
      ResultPrinter.Format format,
      OptionalInt limit)
      throws IOException {
    try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
      List<String> completions = new ArrayList<>(WORDS);
      completions.addAll(tables);
      LineReader reader =
          LineReaderBuilder.builder()
              .terminal(terminal)
              .appName("books")
              .completer(new StringsCompleter(completions))
              .variable(LineReader.HISTORY_FILE, historyFile())
              .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
              .build();
      PrintWriter out = terminal.writer();
      out.printf(
          "books sql on database %s (%d tables). End statements with ';'. \\help for help, \\q to"
              + " leave.%n",
          database, tables.size());
      SqlShell shell = new SqlShell(sql, out, out, format, limit);
      while (true) {
        String line;
        try {
          line = reader.readLine(shell.prompt());
        } catch (UserInterruptException e) {
          shell.interrupt();
          continue;
        } catch (EndOfFileException e) {
          shell.finish();
          break;
        }
        if (!shell.accept(line)) {
          break;
        }
      }
      reader.getHistory().save();
      return 0;
    }
  }
}
