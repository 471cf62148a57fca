package org.bookslakehouse.it;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * Where a test's landing zone and lake are, and how a drop lands there. The scenario tests are
 * written against this, so that the same test runs on local folders ({@link LocalLake}) or on a
 * blob store (an implementation that uploads to {@code wasb://...} and hands the child its keys).
 */
interface LakeLocation {
  /** The landing zone's URI, for {@code --landing}. */
  String landing();

  /** The lake root's URI, for {@code --lake}. */
  String lake();

  /**
   * Lands a drop: every file under {@code drop} (its {@code books/}, {@code users/}, ... folders)
   * is copied to the same relative path of the landing zone, with a modification time after every
   * file landed before. The files of one drop are landed in file-name order, so that their
   * modification times, where they differ, order them as their names do.
   *
   * @param landedAt the modification time to give the files where the store lets the test choose it
   */
  void land(Path drop, Instant landedAt) throws IOException;

  /** Environment variables the {@code books} process needs to reach the store (keys, endpoints). */
  Map<String, String> environment();
}
