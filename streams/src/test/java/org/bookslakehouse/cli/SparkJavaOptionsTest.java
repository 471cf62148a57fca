package org.bookslakehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.launcher.JavaModuleOptions;
import org.junit.jupiter.api.Test;

/**
 * The JVM options Spark needs on Java 17 are the pom's {@code spark.jvm.opens}, defined once: the
 * build writes them beside the jar for {@code bin/books}, and the tests' JVMs get them too. They
 * are spark-launcher's own list.
 */
class SparkJavaOptionsTest {
  private static final List<String> SPARK_LIST =
      List.of(JavaModuleOptions.defaultModuleOptions().trim().split("\\s+"));

  @Test
  void theLaunchersArgFileHoldsSparkLaunchersList() throws IOException {
    String written = Files.readString(Path.of("target/spark-java17.args"));

    assertThat(List.of(written.trim().split("\\s+")))
        .containsExactlyInAnyOrderElementsOf(SPARK_LIST);
  }

  @Test
  void theTestJvmRunsWithTheSameList() {
    assertThat(ManagementFactory.getRuntimeMXBean().getInputArguments()).containsAll(SPARK_LIST);
  }
}
