package org.bookslakehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged command on local folders with the full real BX-Users file. (The sample's days, the
 * killed runs, the history, status, locks and resets run on Azurite in {@link ScenarioIT}.)
 */
class BooksCommandIT {
  @TempDir Path work;

  @Test
  void fullRealUsersFileLandsAsEveryRecordNoneRescued() throws Exception {
    Path users = BooksProcess.ROOT.resolve("../shared/data/book-crossing/BX-Users.csv.gz");
    if (!Files.exists(users)) {
      // CI and every developer have ../shared beside the checkout; a plain clone does not.
      Assumptions.assumeFalse(
          System.getenv("CI") == null, "../shared/data/book-crossing is not beside the checkout");
      throw new AssertionError("CI must have ../shared/data/book-crossing/BX-Users.csv.gz");
    }
    Path landing = work.resolve("landing/users");
    Files.createDirectories(landing);
    Files.copy(users, landing.resolve("BX-Users.csv.gz"));

    BooksProcess.Result run = BooksProcess.run(work, "run", "bronze_users");
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();

    BooksProcess.Result counts =
        BooksProcess.run(
            work,
            "sql",
            "--format",
            "csv",
            "SELECT count(*) AS records, count(_rescued_data) AS rescued,"
                + " count(DISTINCT user_id) AS users FROM books.bronze_users");
    assertThat(counts.exitCode()).as(counts.err()).isZero();
    assertThat(counts.out().lines()).containsExactly("records,rescued,users", "278858,0,278858");
  }
}
