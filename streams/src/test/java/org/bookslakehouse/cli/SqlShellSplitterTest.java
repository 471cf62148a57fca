package org.bookslakehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Where the shell cuts statements: at a ';' outside quotes and comments. */
class SqlShellSplitterTest {
  private final StatementSplitter splitter = new StatementSplitter();

  @Test
  void severalStatementsOnOneLine() {
    assertThat(splitter.add("SELECT 1; SELECT 2 ;SELECT 3"))
        .containsExactly("SELECT 1", "SELECT 2");
    assertThat(splitter.isEmpty()).isFalse();
    assertThat(splitter.drain()).isEqualTo("SELECT 3");
    assertThat(splitter.isEmpty()).isTrue();
  }

  @Test
  void semicolonsInsideQuotesAndCommentsDoNotCut() {
    assertThat(splitter.add("SELECT 'a;b', \"c;d\", `e;f` AS `g;h` -- i;j")).isEmpty();
    assertThat(splitter.add("/* k; /* nested; */ still; */ , 'it\\'s;' ;"))
        .containsExactly(
            "SELECT 'a;b', \"c;d\", `e;f` AS `g;h` -- i;j\n/* k; /* nested; */ still; */ ,"
                + " 'it\\'s;'");
  }

  @Test
  void aStringLiteralSpansLines() {
    assertThat(splitter.add("SELECT 'one;")).isEmpty();
    assertThat(splitter.insideQuoteOrComment()).isTrue();
    assertThat(splitter.add("two';")).containsExactly("SELECT 'one;\ntwo'");
  }

  @Test
  void blankAndCommentOnlyStatementsAreSkipped() {
    assertThat(splitter.add(" ; -- nothing;")).isEmpty();
    assertThat(splitter.add("/* nothing */ ;")).isEmpty();
    assertThat(splitter.isEmpty()).isTrue();
    assertThat(splitter.drain()).isEmpty();
  }
}
