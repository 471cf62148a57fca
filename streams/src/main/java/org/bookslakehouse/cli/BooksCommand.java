package org.bookslakehouse.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.bookslakehouse.config.SettingsException;
import org.bookslakehouse.pipeline.RunLockedException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code books} command: the entry point of the local CLI and of every Databricks task. */
@Command(
    name = "books",
    mixinStandardHelpOptions = true,
    versionProvider = BooksCommand.Version.class,
    description = "Keeps the Book-Crossing lakehouse (bronze, silver, gold Delta tables) current.",
    subcommands = {
      RunCommand.class,
      ResetCommand.class,
      RebuildCommand.class,
      VerifyCommand.class,
      ReportCommand.class,
      StatusCommand.class,
      SqlCommand.class,
      QueryCommand.class,
      InspectCommand.class,
      GenerateCommand.class
    },
    footer = {
      "",
      "Every option is also read from the environment (BOOKS_LANDING, BOOKS_LAKE, BOOKS_DATABASE,"
          + " BOOKS_AS_OF, BOOKS_MAX_FILES_PER_TRIGGER) and from a YAML config file; a flag beats"
          + " the environment, which beats the file, which beats the default."
    })
public final class BooksCommand implements Runnable {
  /** Exit code of a run in which a table failed. */
  public static final int EXIT_FAILED = 1;

  /** Exit code of a usage or configuration error. */
  public static final int EXIT_USAGE = 2;

  /** Exit code of a run or reset refused because another one holds the lake. */
  public static final int EXIT_LOCKED = 3;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    CommandLine cli = commandLine();
    cli.setOut(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true));
    cli.setErr(new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
    System.exit(cli.execute(args));
  }

  /** Runs the command line and returns its exit code. */
  public static int execute(String... args) {
    return commandLine().execute(args);
  }

  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new BooksCommand());
    cli.setExecutionExceptionHandler(
        (error, commandLine, parseResult) -> {
          PrintWriter err = commandLine.getErr();
          if (error instanceof SettingsException || error instanceof IllegalArgumentException) {
            err.println("books: " + error.getMessage());
            return EXIT_USAGE;
          }
          if (error instanceof RunLockedException) {
            err.println("books: " + error.getMessage());
            return EXIT_LOCKED;
          }
          throw error;
        });
    return cli;
  }

  /** The version from the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = BooksCommand.class.getPackage().getImplementationVersion();
      return new String[] {"books-lakehouse " + (version == null ? "(development)" : version)};
    }
  }
}
