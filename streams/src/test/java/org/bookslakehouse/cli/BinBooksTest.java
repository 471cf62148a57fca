package org.bookslakehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/books}, the launcher, in a copy of the project's layout with a stand-in {@code mvn}
 * (it records that it ran and "builds" the jar) and a stand-in {@code java} (it prints its
 * arguments): when it builds, which jar it runs, with which JVM options.
 */
class BinBooksTest {
  private static final Path LAUNCHER = Path.of("../bin/books").toAbsolutePath().normalize();
  private static final Instant JAR_TIME = Instant.parse("2026-01-01T12:00:00Z");

  @TempDir Path root;
  @TempDir Path tools;

  private Path target;
  private Path source;
  private Path builds;

  private record Result(int exitCode, String out, String err) {}

  @BeforeEach
  void projectWithABuiltJar() throws IOException {
    Files.createDirectories(root.resolve("bin"));
    Files.copy(LAUNCHER, root.resolve("bin/books"));
    executable(root.resolve("bin/books"));
    Files.writeString(root.resolve("pom.xml"), "<project/>");
    Files.createDirectories(root.resolve("streams"));
    Files.writeString(root.resolve("streams/pom.xml"), "<project/>");
    source = root.resolve("streams/src/main/java/org/example/Main.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, "class Main {}");
    target = root.resolve("streams/target");
    Files.createDirectories(target.resolve("lib"));
    Files.writeString(target.resolve("books-lakehouse.jar"), "jar");
    Files.writeString(target.resolve("spark-java17.args"), "--add-opens=java.base/java.lang=X");
    for (Path file : List.of(root.resolve("pom.xml"), root.resolve("streams/pom.xml"), source)) {
      Files.setLastModifiedTime(file, FileTime.from(JAR_TIME.minusSeconds(3600)));
    }
    for (Path dir = source.getParent(); !dir.equals(root.resolve("streams")); ) {
      Files.setLastModifiedTime(dir, FileTime.from(JAR_TIME.minusSeconds(3600)));
      dir = dir.getParent();
    }
    Files.setLastModifiedTime(target.resolve("books-lakehouse.jar"), FileTime.from(JAR_TIME));

    builds = tools.resolve("builds.txt");
    Files.createDirectories(tools.resolve("bin"));
    Files.writeString(
        tools.resolve("bin/mvn"),
        "#!/usr/bin/env bash\n"
            + "echo \"$PWD $*\" >> '"
            + builds
            + "'\n"
            + "touch streams/target/books-lakehouse.jar\n");
    executable(tools.resolve("bin/mvn"));
    Files.writeString(tools.resolve("bin/java"), "#!/usr/bin/env bash\nprintf '%s\\n' \"$@\"\n");
    executable(tools.resolve("bin/java"));
  }

  @Test
  void runsAnUpToDateJarWithoutBuilding() throws Exception {
    Result result = books("--version");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(builds).doesNotExist();
    assertThat(result.out().lines())
        .containsSubsequence(
            "@" + target.resolve("spark-java17.args"),
            "-jar",
            target.resolve("books-lakehouse.jar").toString(),
            "--version");
  }

  @Test
  void rebuildsTheJarWhenASourceIsNewer() throws Exception {
    Files.setLastModifiedTime(source, FileTime.from(JAR_TIME.plusSeconds(60)));

    Result result = books("--version");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(Files.readAllLines(builds))
        .containsExactly(root + " -B -q -pl streams -am -DskipTests package");
    assertThat(result.err()).contains("books: building");
    // built once: the next command finds the jar current
    assertThat(books("--version").exitCode()).isZero();
    assertThat(Files.readAllLines(builds)).hasSize(1);
  }

  @Test
  void rebuildsTheJarWhenThePomIsNewer() throws Exception {
    Files.setLastModifiedTime(root.resolve("pom.xml"), FileTime.from(JAR_TIME.plusSeconds(60)));

    assertThat(books("--version").exitCode()).isZero();

    assertThat(Files.readAllLines(builds)).hasSize(1);
  }

  @Test
  void buildsAMissingJar() throws Exception {
    Files.delete(target.resolve("books-lakehouse.jar"));

    assertThat(books("--version").exitCode()).isZero();

    assertThat(Files.readAllLines(builds)).hasSize(1);
  }

  @Test
  void runsTheJarThatBooksJarNamesAsItIsWhateverTheSources() throws Exception {
    Files.setLastModifiedTime(source, FileTime.from(JAR_TIME.plusSeconds(60)));
    Path built = tools.resolve("built");
    Files.createDirectories(built);
    Files.writeString(built.resolve("books-lakehouse.jar"), "jar");
    Files.writeString(built.resolve("spark-java17.args"), "--add-opens=java.base/java.lang=X");

    Result result =
        books(Map.of("BOOKS_JAR", built.resolve("books-lakehouse.jar").toString()), "--version");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(builds).doesNotExist();
    assertThat(result.out().lines())
        .containsSubsequence(
            "@" + built.resolve("spark-java17.args"),
            "-jar",
            built.resolve("books-lakehouse.jar").toString());
  }

  @Test
  void refusesABooksJarThatDoesNotExist() throws Exception {
    Result result =
        books(Map.of("BOOKS_JAR", tools.resolve("missing.jar").toString()), "--version");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("BOOKS_JAR=" + tools.resolve("missing.jar"));
    assertThat(builds).doesNotExist();
  }

  private Result books(String... args) throws IOException, InterruptedException {
    return books(Map.of(), args);
  }

  /** Runs the copied launcher with these environment variables added. */
  private Result books(Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(root.resolve("bin/books").toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile());
    builder.environment().keySet().removeIf(k -> k.startsWith("BOOKS_"));
    builder.environment().put("JAVA_HOME", tools.toString());
    builder
        .environment()
        .put("PATH", tools.resolve("bin") + ":" + System.getenv().getOrDefault("PATH", "/usr/bin"));
    builder.environment().putAll(env);
    Path out = Files.createTempFile(tools, "out", ".txt");
    Path err = Files.createTempFile(tools, "err", ".txt");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();
    return new Result(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private static void executable(Path file) throws IOException {
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
