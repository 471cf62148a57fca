package org.bookslakehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import picocli.CommandLine;

/** Runs a books command in the test's JVM (and its Spark session) and keeps what it printed. */
final class InProcessCli {
  /** A command's exit code and what it wrote to standard output and standard error. */
  record Result(int exitCode, String out, String err) {
    /** This result, after asserting that the command exited 0 (else showing what it printed). */
    Result succeeded() {
      assertThat(exitCode).as(out + err).isZero();
      return this;
    }
  }

  private InProcessCli() {}

  static Result execute(String... args) {
    CommandLine cli = BooksCommand.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  static Result execute(List<String> args) {
    return execute(args.toArray(String[]::new));
  }
}
