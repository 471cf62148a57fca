package org.bookslakehouse.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The engine knows its tables only as {@link LakeTable}: no class of {@code pipeline} imports a
 * table package (bronze, silver, gold), the list of tables or a layer above (the commands).
 */
class PipelineDependenciesTest {
  private static final Path PIPELINE = Path.of("src/main/java/org/bookslakehouse/pipeline");
  private static final Pattern ABOVE =
      Pattern.compile(
          "^[^:]*: import (static )?org\\.bookslakehouse\\."
              + "(bronze|silver|gold|tables|cli|inspect|query|report|generate)\\.");

  @Test
  void pipelineImportsNoTablePackageNorTheListOfTables() throws IOException {
    assertThat(PIPELINE).isDirectory();
    try (Stream<Path> files = Files.list(PIPELINE)) {
      List<String> imports =
          files
              .filter(f -> f.toString().endsWith(".java"))
              .flatMap(PipelineDependenciesTest::lines)
              .filter(line -> ABOVE.matcher(line).find())
              .toList();
      assertThat(imports).isEmpty();
    }
  }

  private static Stream<String> lines(Path file) {
    try {
      return Files.readAllLines(file).stream().map(line -> file.getFileName() + ": " + line);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
