package org.bookslakehouse.inspect;

/**
 * One landed file as inspected.
 *
 * @param name the file's name
 * @param path the file's URI
 * @param modificationTime epoch milliseconds
 * @param bytes the file's size on disk
 * @param rows the records read (for an unreadable file: those before the error)
 * @param headerProblem why the header does not fit the source, or {@code null}
 * @param error why the file could not be read to its end, or {@code null}
 */
public record FileReport(
    String name,
    String path,
    long modificationTime,
    long bytes,
    long rows,
    String headerProblem,
    String error) {}
