package org.bookslakehouse.cli;

import java.util.ArrayList;
import java.util.List;
import org.bookslakehouse.query.SqlLexer;

/**
 * Cuts typed lines into SQL statements at each {@code ;} that is code ({@link SqlLexer}: outside
 * string literals, quoted identifiers and comments). A statement may span lines, and a line may
 * hold several. Statements that are only blanks and comments are skipped.
 */
final class StatementSplitter {
  private final SqlLexer lexer = new SqlLexer();
  private final StringBuilder current = new StringBuilder();
  private boolean content;

  /** Adds a line; returns the statements it completed, without their {@code ;}. */
  List<String> add(String line) {
    List<String> done = new ArrayList<>();
    int n = line.length();
    int start = 0;
    for (int i = lexer.nextCode(line, 0); i < n; i = lexer.nextCode(line, i + 1)) {
      char c = line.charAt(i);
      if (c == ';') {
        current.append(line, start, i);
        if (content) {
          done.add(current.toString().strip());
        }
        reset();
        start = i + 1;
      } else if (!Character.isWhitespace(c)) {
        content = true;
      }
    }
    current.append(line, start, n);
    if (current.length() > 0) {
      current.append('\n');
    }
    return done;
  }

  /** True when no statement is under way (nothing but blanks and comments since the last one). */
  boolean isEmpty() {
    return !content && !lexer.insideQuoteOrComment();
  }

  /** True inside a string literal, quoted identifier or block comment that goes on. */
  boolean insideQuoteOrComment() {
    return lexer.insideQuoteOrComment();
  }

  /** The statement under way, without a {@code ;}, and starts afresh; empty when there is none. */
  String drain() {
    String rest = content ? current.toString().strip() : "";
    reset();
    return rest;
  }

  void reset() {
    current.setLength(0);
    content = false;
    lexer.reset();
  }
}
