package org.bookslakehouse.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts typed lines into SQL statements at each {@code ;} that is outside a string literal ({@code
 * '...'}, {@code "..."}, with {@code \} escapes), a quoted identifier ({@code `...`}) and a comment
 * ({@code --} to the end of the line, or a bracketed comment, nested as Spark allows). A statement
 * may span lines, and a line may hold several. Statements that are only blanks and comments are
 * skipped.
 */
final class StatementSplitter {
  private final StringBuilder current = new StringBuilder();
  private boolean content;
  private char quote;
  private int commentDepth;

  /** Adds a line; returns the statements it completed, without their {@code ;}. */
  List<String> add(String line) {
    List<String> done = new ArrayList<>();
    int n = line.length();
    for (int i = 0; i < n; i++) {
      char c = line.charAt(i);
      char next = i + 1 < n ? line.charAt(i + 1) : 0;
      if (commentDepth > 0) {
        current.append(c);
        if (c == '*' && next == '/') {
          commentDepth--;
          current.append(next);
          i++;
        } else if (c == '/' && next == '*') {
          commentDepth++;
          current.append(next);
          i++;
        }
      } else if (quote != 0) {
        current.append(c);
        if (c == '\\' && quote != '`' && i + 1 < n) {
          current.append(next);
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '-' && next == '-') {
        current.append(line, i, n);
        break;
      } else if (c == '/' && next == '*') {
        commentDepth = 1;
        current.append(c).append(next);
        i++;
      } else if (c == ';') {
        if (content) {
          done.add(current.toString().strip());
        }
        reset();
      } else {
        if (c == '\'' || c == '"' || c == '`') {
          quote = c;
        }
        if (!Character.isWhitespace(c)) {
          content = true;
        }
        current.append(c);
      }
    }
    if (current.length() > 0) {
      current.append('\n');
    }
    return done;
  }

  /** True when no statement is under way (nothing but blanks and comments since the last one). */
  boolean isEmpty() {
    return !content && quote == 0 && commentDepth == 0;
  }

  /** True inside a string literal, quoted identifier or block comment that goes on. */
  boolean insideQuoteOrComment() {
    return quote != 0 || commentDepth > 0;
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
    quote = 0;
    commentDepth = 0;
  }
}
