package org.bookslakehouse.cli;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.bookslakehouse.TestLake;
import org.bookslakehouse.lake.LakeLayout;
import org.bookslakehouse.pipeline.RunLock;
import org.bookslakehouse.silver.SilverBooks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Databricks task's failure says what its exit code means. */
class DatabricksTaskExitTest {
  @TempDir Path root;

  @Test
  @SuppressWarnings("try") // the try block holds the lock without naming it
  void aCommandRefusedByALockFailsTheTaskSayingSo() {
    TestLake lake = new TestLake(root);
    TestLake.spark();
    String[] reset = {
      "reset",
      SilverBooks.NAME,
      "--lake",
      lake.settings().lake(),
      "--database",
      lake.settings().database()
    };
    try (RunLock run =
        RunLock.acquire(
            new Configuration(),
            LakeLayout.of(lake.settings()),
            "run",
            List.of(SilverBooks.NAME))) {
      assertThatThrownBy(() -> DatabricksTask.main(reset))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("failed with exit code 3 (refused: another run, reset, rebuild or")
          .hasMessageNotContaining("a table failed");
    }
  }
}
