package org.bookslakehouse.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Headless Chromium driven from its command line ({@code --screenshot}, {@code --dump-dom}), no
 * driver library. Where it is not installed the test is skipped and says how to install it; in CI
 * ({@code CI} or {@code BOOKS_REQUIRE_CHROMIUM} set, as {@code .ci/run} does) it must be there.
 */
final class Chromium {
  private static final List<String> NAMES = List.of("chromium", "chromium-browser");

  private final Path binary;
  private final Path work;

  private Chromium(Path binary, Path work) {
    this.binary = binary;
    this.work = work;
  }

  /** Chromium, or the test is skipped (locally) or fails (in CI) when it is not installed. */
  static Chromium require(Path work) {
    Optional<Path> found = find();
    String install =
        "headless Chromium is not installed; install it with: sudo apt-get install -y chromium"
            + " (Debian/Ubuntu), then run the test again";
    if (found.isEmpty()) {
      assertThat(System.getenv("CI") == null && System.getenv("BOOKS_REQUIRE_CHROMIUM") == null)
          .as("in CI " + install)
          .isTrue();
      Assumptions.abort(install);
    }
    return new Chromium(found.get(), work);
  }

  @SuppressWarnings("StringSplitter") // an empty PATH entry is no folder to look in either way
  private static Optional<Path> find() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      for (String name : NAMES) {
        Path candidate = Path.of(dir, name);
        if (Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  /** What a headless run printed. */
  record Output(int exitCode, String out, String err) {}

  /** Loads the page, lets its load handlers run, and runs Chromium with the extra arguments. */
  Output run(Path page, String... extra) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory(work, "chromium-profile");
    List<String> command =
        new ArrayList<>(
            List.of(
                binary.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                "--virtual-time-budget=10000",
                "--user-data-dir=" + profile));
    command.addAll(List.of(extra));
    command.add(page.toUri().toString());
    Path out = Files.createTempFile(work, "chromium", ".out");
    Path err = Files.createTempFile(work, "chromium", ".err");
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    if (!process.waitFor(180, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError("Chromium did not end within 180 s: " + command);
    }
    return new Output(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
