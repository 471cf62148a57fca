package org.bookslakehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/** Runs {@code bin/books} as a user would: a new JVM per command, in a working folder. */
final class BooksProcess {
  /** The project checkout (Failsafe passes it; tests run from integration-tests/ otherwise). */
  static final Path ROOT =
      Path.of(System.getProperty("books.project.root", "..")).toAbsolutePath().normalize();

  /** The jar the build made ({@code package} runs before the integration tests). */
  static final Path JAR = ROOT.resolve("streams/target/books-lakehouse.jar");

  /**
   * The JVM of each command: the tests' tables are small and each process is short, so the JIT's
   * first tier and Spark's interpreted expressions beat compiling (about a quarter off each run on
   * 2 cores). Production runs keep the defaults; the results are the same either way. Note: with
   * the first tier only, the JVM's code cache shrinks to 48 MB by default; a run filled it
   * ("CodeCache is full. Compiler has been disabled") and Spark's listener thread then died of an
   * InternalError, stopping the SparkContext. The cache keeps the size it has with every tier.
   */
  static final String JAVA_OPTS =
      "-Xmx2g -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=240m"
          + " -Dspark.sql.codegen.wholeStage=false"
          + " -Dspark.sql.codegen.factoryMode=NO_CODEGEN";

  record Result(int exitCode, String out, String err) {}

  private BooksProcess() {}

  static Result run(Path workDir, String... args) throws IOException, InterruptedException {
    return runWithInput(workDir, null, args);
  }

  /** Runs the command with these environment variables added (e.g. storage credentials). */
  static Result run(Path workDir, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    return runWith(workDir, null, env, args);
  }

  /** Runs the command with these environment variables added (e.g. a test hook, storage keys). */
  static Result runWithEnv(Path workDir, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    return runWith(workDir, null, env, args);
  }

  /** Runs the command with its standard input read from a file ({@code null}: none). */
  static Result runWithInput(Path workDir, Path input, String... args)
      throws IOException, InterruptedException {
    return runWith(workDir, input, Map.of(), args);
  }

  /**
   * Runs the command and hands each line of its output to {@code onLine} as it is printed (a run
   * prints a time-stamped line per task event when its output is not a terminal), so that a test
   * can act in the middle of a run. The consumer also gets the command's process (the driver).
   */
  static Result runWatching(
      Path workDir,
      Map<String, String> env,
      BiConsumer<ProcessHandle, String> onLine,
      String... args)
      throws IOException, InterruptedException {
    return runWith(workDir, null, env, onLine, args);
  }

  private static Result runWith(Path workDir, Path input, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    return runWith(workDir, input, env, null, args);
  }

  private static Result runWith(
      Path workDir,
      Path input,
      Map<String, String> env,
      BiConsumer<ProcessHandle, String> onLine,
      String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(ROOT.resolve("bin/books").toString());
    command.addAll(List.of(args));
    Path out = Files.createTempFile(workDir, "out", ".txt");
    Path err = Files.createTempFile(workDir, "err", ".txt");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    if (input != null) {
      builder.redirectInput(input.toFile());
    }
    builder.environment().put("BOOKS_JAVA_OPTS", JAVA_OPTS);
    builder
        .environment()
        .keySet()
        .removeIf(k -> k.startsWith("BOOKS_") && !k.equals("BOOKS_JAVA_OPTS"));
    // The jar Maven just built, as it is: bin/books never rebuilds it under the tests' feet.
    builder.environment().put("BOOKS_JAR", JAR.toString());
    builder.environment().putAll(env);
    if (onLine != null) {
      builder.redirectOutput(ProcessBuilder.Redirect.PIPE);
    }
    long started = System.nanoTime();
    Process process = builder.start();
    if (onLine != null) {
      try (BufferedReader lines =
              new BufferedReader(
                  new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
          Writer copy = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          copy.write(line + "\n");
          onLine.accept(process.toHandle(), line);
        }
      } catch (IOException | RuntimeException | Error e) {
        process.destroyForcibly().waitFor();
        throw e;
      }
    }
    assertThat(process.waitFor(10, TimeUnit.MINUTES)).as("books %s finished", args[0]).isTrue();
    // Where a test's time goes, in its report.
    System.out.printf(
        "books %s: exit %d after %.1f s%n",
        String.join(" ", args).replaceAll("\\s+", " "),
        process.exitValue(),
        (System.nanoTime() - started) / 1e9);
    return new Result(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
