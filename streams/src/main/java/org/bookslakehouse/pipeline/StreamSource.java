package org.bookslakehouse.pipeline;

import java.util.List;

/** What a table's stream reads. The runner turns it into a streaming DataFrame. */
public sealed interface StreamSource {
  /** The tables this source reads: the lineage. */
  List<String> tables();

  /**
   * New files in one landing folder, listed like Auto Loader does: each micro-batch is a set of
   * files ({@code path}, {@code modificationTime}, {@code length}); their content is not read yet.
   *
   * @param folder the folder under the landing zone, e.g. {@code ratings}
   */
  record LandingFiles(String folder) implements StreamSource {
    @Override
    public List<String> tables() {
      return List.of();
    }
  }

  /** The rows appended to upstream Delta tables (one stream per table, one checkpoint). */
  record TableAppends(List<String> tables) implements StreamSource {
    public TableAppends {
      tables = List.copyOf(tables);
    }
  }

  /**
   * The Change Data Feed of upstream Delta tables: every insert, update (pre- and post-image) and
   * delete they committed, with {@code _change_type}.
   */
  record ChangeFeeds(List<String> tables) implements StreamSource {
    public ChangeFeeds {
      tables = List.copyOf(tables);
    }
  }
}
