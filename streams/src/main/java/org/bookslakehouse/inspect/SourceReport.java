package org.bookslakehouse.inspect;

import java.util.List;
import org.bookslakehouse.bronze.BxSource;

/**
 * What {@code books inspect} found in one source's landing folder.
 *
 * @param source the source
 * @param folder the landing folder's URI
 * @param folderExists false when there is no such folder (then nothing else is set)
 * @param files the files read, in landing order (modification time, then name)
 * @param ignored entries of the folder the pipeline does not read either (not {@code *.csv} or
 *     {@code *.csv.gz}, hidden, or a folder)
 * @param rows the records of all files
 * @param quirks the counts, see {@link LandingProfile#quirks()}
 */
public record SourceReport(
    BxSource source,
    String folder,
    boolean folderExists,
    List<FileReport> files,
    List<String> ignored,
    long rows,
    List<QuirkCount> quirks) {
  public SourceReport {
    files = List.copyOf(files);
    ignored = List.copyOf(ignored);
    quirks = List.copyOf(quirks);
  }

  static SourceReport missing(BxSource source, String folder) {
    return new SourceReport(source, folder, false, List.of(), List.of(), 0, List.of());
  }

  /** The files that could not be read to their end. */
  public long unreadableFiles() {
    return files.stream().filter(file -> file.error() != null).count();
  }
}
