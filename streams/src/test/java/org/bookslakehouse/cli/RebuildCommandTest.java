package org.bookslakehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.bookslakehouse.TestLake;
import org.bookslakehouse.config.Settings;
import org.bookslakehouse.lake.LakeLayout;
import org.bookslakehouse.pipeline.RunLock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code books rebuild} is a writer like the others: it takes the locks of the tables it writes.
 */
class RebuildCommandTest {
  private static SparkSession spark;

  @TempDir Path dir;

  @BeforeAll
  static void startSpark() {
    spark = TestLake.spark();
  }

  @Test
  void aRebuildIsRefusedWhileARunHoldsTheTablesLockAndNamesTheHolder() {
    Settings settings = new TestLake(dir).settings();
    LakeLayout layout = LakeLayout.of(settings);
    try (RunLock run =
        RunLock.acquire(
            spark.sparkContext().hadoopConfiguration(),
            layout,
            "run",
            List.of("gold_book_stats"))) {
      InProcessCli.Result result =
          InProcessCli.execute(
              "rebuild",
              "gold",
              "--lake",
              settings.lake(),
              "--landing",
              settings.landing(),
              "--database",
              settings.database());

      assertThat(result.exitCode())
          .as(result.out() + "\n" + result.err())
          .isEqualTo(BooksCommand.EXIT_LOCKED);
      assertThat(result.err()).contains(run.runId()).contains("gold_book_stats");
      // Nothing was written: not one gold table exists.
      assertThat(Path.of(java.net.URI.create(layout.tablePath("gold_author_stats"))))
          .doesNotExist();
    }
    assertThat(
            RunLock.holders(
                spark.sparkContext().hadoopConfiguration(), layout, List.of("gold_author_stats")))
        .isEmpty();
  }
}
