package org.bookslakehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Which tables a one-shot statement gets registered, and what the docs say the shell has. */
class LakeSessionTest {
  @Test
  void aStatementGetsTheTablesItNamesOnly() {
    assertThat(
            LakeSession.namedIn(
                "SELECT b.title FROM Gold_Book_Stats b JOIN books.`silver_books` s USING (isbn)"))
        .containsExactlyInAnyOrder("gold_book_stats", "silver_books");
    assertThat(LakeSession.namedIn("SELECT 1")).isEmpty();
    assertThat(LakeSession.namedIn("describe table pipeline_runs"))
        .containsExactly("pipeline_runs");
  }

  @Test
  void showTablesGetsEveryTable() {
    assertThat(LakeSession.namedIn("  show tables")).isEqualTo(LakeSession.tableNames());
  }

  @Test
  void theAnalystsGuideCountsTheTablesTheShellRegisters() throws IOException {
    String guide = Files.readString(Path.of("../docs/analysts.md"));
    Matcher banner =
        Pattern.compile("books sql on database books \\((\\d+) tables\\)").matcher(guide);

    assertThat(banner.find()).isTrue();
    assertThat(Integer.parseInt(banner.group(1))).isEqualTo(LakeSession.tableNames().size());
  }
}
