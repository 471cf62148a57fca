package org.bookslakehouse.inspect;

/**
 * Where a quirk was seen.
 *
 * @param file the landed file's name
 * @param line the line the record starts on (the header is line 1); 0 when not known
 * @param value what to look at, shortened and with control characters escaped
 */
public record Example(String file, long line, String value) {
  /** {@code file:line value}, as the report prints it. */
  public String shown() {
    return (line > 0 ? file + ":" + line : file) + " " + value;
  }
}
