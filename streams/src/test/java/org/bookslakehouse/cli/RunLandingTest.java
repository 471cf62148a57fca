package org.bookslakehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bookslakehouse.TestLake;
import org.bookslakehouse.cli.InProcessCli.Result;
import org.bookslakehouse.config.Settings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code books run} over a landing zone that is not one, or lacks a source folder. */
class RunLandingTest {
  @TempDir Path dir;

  @BeforeAll
  static void startSpark() {
    TestLake.spark();
  }

  private static Result run(Settings settings, String landing, String... tables) {
    String[] args = {
      "run",
      "--progress",
      "plain",
      "--landing",
      landing,
      "--lake",
      settings.lake(),
      "--database",
      settings.database()
    };
    String[] all = new String[args.length + tables.length];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(tables, 0, all, args.length, tables.length);
    return InProcessCli.execute(all);
  }

  @Test
  void aLandingZoneWithNoneOfTheSourceFoldersIsAUsageErrorAndBuildsNothing() throws IOException {
    Settings settings = new TestLake(dir).settings();
    Path misspelled = Files.createDirectories(dir.resolve("landnig"));
    Files.writeString(misspelled.resolve("README.txt"), "not a landing zone");

    Result result = run(settings, misspelled.toUri().toString());

    assertThat(result.exitCode())
        .as(result.out() + result.err())
        .isEqualTo(BooksCommand.EXIT_USAGE);
    assertThat(result.err())
        .contains("has none of the source folders books/, users/, ratings/, ratings-deleted/")
        .contains(misspelled.toUri().getPath().replaceAll("/$", ""))
        .contains("--landing");
    assertThat(dir.resolve("lake").resolve(settings.database())).doesNotExist();
  }

  @Test
  void aMissingSourceFolderIsAWarningAndItsTableHasNothingToRead() throws IOException {
    TestLake lake = new TestLake(dir);
    lake.land("users", "day-1.csv", "\"User-ID\";\"Location\";\"Age\"\r\n");

    Result result = run(lake.settings(), lake.settings().landing(), "bronze_ratings_deleted");

    assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
    assertThat(result.out())
        .contains("warning: no folder ratings-deleted/ in the landing zone")
        .contains("bronze_ratings_deleted has nothing to read");
  }
}
