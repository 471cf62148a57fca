package org.bookslakehouse.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.bookslakehouse.config.SettingsException;
import org.bookslakehouse.pipeline.RunLockedException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;

/** The {@code books} command: the entry point of the local CLI and of every Databricks task. */
@Command(
    name = "books",
    mixinStandardHelpOptions = true,
    versionProvider = BooksCommand.Version.class,
    description = "Keeps the Book-Crossing lakehouse (bronze, silver, gold Delta tables) current.",
    subcommands = {
      RunCommand.class,
      ResetCommand.class,
      MaintainCommand.class,
      RebuildCommand.class,
      VerifyCommand.class,
      ReportCommand.class,
      ChangesCommand.class,
      StatusCommand.class,
      SqlCommand.class,
      QueryCommand.class,
      InspectCommand.class,
      GenerateCommand.class
    },
    footer = {
      "",
      "Every option is also read from the environment (BOOKS_LANDING, BOOKS_LAKE, BOOKS_DATABASE,"
          + " BOOKS_AS_OF, BOOKS_MAX_FILES_PER_TRIGGER, BOOKS_SPARK_MASTER) and from a YAML config"
          + " file; a flag beats"
          + " the environment, which beats the file, which beats the default."
    })
public final class BooksCommand implements Runnable {
  /** Exit code of a run in which a table failed. */
  public static final int EXIT_FAILED = 1;

  /** Exit code of a usage or configuration error. */
  public static final int EXIT_USAGE = 2;

  /** Exit code of a run or reset refused because another one holds the lake. */
  public static final int EXIT_LOCKED = 3;

  /** Environment variable that, set to anything but empty or 0, acts as {@code --debug}. */
  static final String DEBUG_ENV = "BOOKS_DEBUG";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--debug",
      scope = ScopeType.INHERIT,
      description =
          "On an error, print its Java stack trace too (else one line). Env BOOKS_DEBUG=1.")
  boolean debug;

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
          if (debug(parseResult)) {
            throw error;
          }
          // Note: the trace of a Spark error is 35-107 lines of planner frames; its message (with
          // Spark's hint, "Did you mean ...") is what the user needs.
          err.println("books: " + SparkErrors.describe(error));
          err.println("books: (--debug prints the stack trace)");
          return EXIT_FAILED;
        });
    for (CommandLine sub : cli.getSubcommands().values()) {
      sub.getCommandSpec().versionProvider(new Version());
      hideUnused(sub.getCommandSpec(), UNUSED_OPTIONS.getOrDefault(sub.getCommandName(), Set.of()));
    }
    return cli;
  }

  private static final Set<String> LANDING_OPTIONS = Set.of("--landing", "--max-files-per-trigger");

  /**
   * The {@link CommonOptions} a command takes but has no use for: they stay out of its help (only
   * {@code run} reads the landing zone in micro-batches; {@code status}, {@code reset} and {@code
   * inspect} look at the landing zone; the others read tables only).
   */
  private static final Map<String, Set<String>> UNUSED_OPTIONS =
      Map.of(
          "sql",
          LANDING_OPTIONS,
          "query",
          LANDING_OPTIONS,
          "changes",
          LANDING_OPTIONS,
          "rebuild",
          LANDING_OPTIONS,
          "status",
          Set.of("--max-files-per-trigger"),
          "reset",
          Set.of("--max-files-per-trigger"),
          "inspect",
          Set.of("--max-files-per-trigger"));

  /**
   * Hides the named options from the command's help. Note: they are still accepted (and have the
   * same meaning), so a script may pass one set of options to every command.
   */
  private static void hideUnused(CommandSpec spec, Set<String> names) {
    for (String name : names) {
      OptionSpec option = spec.findOption(name);
      if (option != null && !option.hidden()) {
        spec.remove(option);
        spec.addOption(option.toBuilder().hidden(true).build());
      }
    }
  }

  /** Whether --debug was given (to the command or its subcommand) or BOOKS_DEBUG is set. */
  private static boolean debug(ParseResult parseResult) {
    for (ParseResult result = parseResult; result != null; result = result.subcommand()) {
      if (result.hasMatchedOption("--debug")) {
        return true;
      }
    }
    String env = System.getenv(DEBUG_ENV);
    return env != null && !env.isBlank() && !env.strip().equals("0");
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
