package org.bookslakehouse.cli;

import picocli.CommandLine.Option;

/**
 * The {@code --format} of the commands that print rows ({@code sql}, {@code query}, {@code
 * changes}, {@code status}, {@code inspect}): every one prints through {@link ResultPrinter}, so
 * every one writes CSV with a header row.
 */
final class FormatOption {
  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "table",
      description = "table (default), csv (with a header row) or json.")
  String format;

  /** The format given; a usage error names the formats there are. */
  ResultPrinter.Format chosen() {
    return ResultPrinter.Format.parse(format);
  }
}
