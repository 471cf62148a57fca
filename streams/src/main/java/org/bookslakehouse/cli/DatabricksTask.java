package org.bookslakehouse.cli;

/**
 * The entry point of a Databricks JAR task ({@code main_class_name} in {@code databricks-infra/}):
 * runs the same command line as {@code books}, but never calls {@link System#exit}, which a JAR job
 * must not do on Databricks (the driver JVM and its Spark context belong to the cluster). A
 * non-zero exit code becomes an exception, so the task fails and its downstream tasks do not run.
 */
public final class DatabricksTask {
  private DatabricksTask() {}

  public static void main(String[] args) {
    int code = BooksCommand.execute(args);
    if (code != 0) {
      throw new IllegalStateException(
          String.format(
              "books %s failed with exit code %d (%s); its output above says why",
              String.join(" ", args), code, meaning(code)));
    }
  }

  /** What a non-zero exit code of {@code books} says, in the task's failure. */
  private static String meaning(int code) {
    return switch (code) {
      case BooksCommand.EXIT_USAGE -> "a usage or configuration error";
      case BooksCommand.EXIT_LOCKED ->
          "refused: another run, reset, rebuild or maintain holds a table it writes";
      default -> "the command failed: a table, a check or a query";
    };
  }
}
