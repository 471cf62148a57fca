package org.bookslakehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class GenerateCommandTest {
  @TempDir Path dir;

  private static int execute(StringWriter out, StringWriter err, String... args) {
    CommandLine cli = BooksCommand.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  @Test
  void writesTheDumpAndTheDropsAndSaysWhat() throws Exception {
    Path out = dir.resolve("gen");
    StringWriter text = new StringWriter();
    int code =
        execute(
            text,
            new StringWriter(),
            "generate",
            "--scale",
            "0.001",
            "--days",
            "2",
            "--seed",
            "5",
            "--out",
            out.toString());
    assertThat(code).isZero();
    assertThat(text.toString()).contains("day 0: the full dump").contains("day 2:");
    assertThat(out.resolve("day-0/books/BX-Books.csv")).exists();
    assertThat(out.resolve("day-0/users/BX-Users.csv")).exists();
    assertThat(out.resolve("day-0/ratings/BX-Book-Ratings.csv")).exists();
    assertThat(out.resolve("day-2/ratings-deleted/BX-Book-Ratings-Deleted.day-002.csv")).exists();
    assertThat(out.resolve("MANIFEST.txt")).exists();
  }

  @Test
  void refusesAFolderThatIsNotEmptyAndBadOptions() throws Exception {
    Files.writeString(dir.resolve("something"), "x");
    StringWriter err = new StringWriter();
    assertThat(execute(new StringWriter(), err, "generate", "--out", dir.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("--out").contains("not empty");
    err = new StringWriter();
    assertThat(
            execute(
                new StringWriter(),
                err,
                "generate",
                "--scale",
                "-1",
                "--out",
                dir.resolve("x").toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--scale");
  }
}
