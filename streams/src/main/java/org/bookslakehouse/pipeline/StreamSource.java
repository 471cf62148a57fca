package org.bookslakehouse.pipeline;

import org.bookslakehouse.bronze.BxSource;

/** What a table's stream reads. The runner turns it into a streaming DataFrame. */
public sealed interface StreamSource {
  /**
   * New files in one landing folder, listed like Auto Loader does: each micro-batch is a set of
   * files ({@code path}, {@code modificationTime}, {@code length}); their content is not read yet.
   */
  record LandingFiles(BxSource source) implements StreamSource {}
}
