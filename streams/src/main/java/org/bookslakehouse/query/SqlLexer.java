package org.bookslakehouse.query;

/**
 * Finds the SQL code of a text: what is outside string literals ({@code '...'}, {@code "..."}, with
 * {@code \} escapes), quoted identifiers ({@code `...`}) and comments ({@code --} to the end of the
 * line, or a bracketed comment, nested as Spark allows). The one lexer of the project: the SQL
 * shell cuts statements at the {@code ;} in code, a named query finds its {@code :markers} in code.
 *
 * <p>A literal or a bracketed comment may go on from one text to the next (the shell's lines); a
 * {@code --} comment ends at a line break or at the end of the text. Not thread-safe.
 */
public final class SqlLexer {
  private char quote;
  private int commentDepth;

  /**
   * The index of the first character of code at or after {@code from}, or the text's length when
   * there is none. A quote that opens a literal or quoted identifier is code (the literal starts
   * there); what follows it up to and including its closing quote is not. Call it again from the
   * returned index plus one: the lexer remembers an open literal or comment.
   */
  public int nextCode(CharSequence text, int from) {
    int n = text.length();
    for (int i = from; i < n; i++) {
      char c = text.charAt(i);
      char next = i + 1 < n ? text.charAt(i + 1) : 0;
      if (commentDepth > 0) {
        if (c == '*' && next == '/') {
          commentDepth--;
          i++;
        } else if (c == '/' && next == '*') {
          commentDepth++;
          i++;
        }
      } else if (quote != 0) {
        if (c == '\\' && quote != '`') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '-' && next == '-') {
        int end = indexOfLineBreak(text, i);
        i = end - 1;
      } else if (c == '/' && next == '*') {
        commentDepth = 1;
        i++;
      } else {
        if (c == '\'' || c == '"' || c == '`') {
          quote = c;
        }
        return i;
      }
    }
    return n;
  }

  /** True inside a string literal, quoted identifier or bracketed comment that goes on. */
  public boolean insideQuoteOrComment() {
    return quote != 0 || commentDepth > 0;
  }

  /** Forgets an open literal or comment. */
  public void reset() {
    quote = 0;
    commentDepth = 0;
  }

  private static int indexOfLineBreak(CharSequence text, int from) {
    for (int i = from; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        return i;
      }
    }
    return text.length();
  }
}
