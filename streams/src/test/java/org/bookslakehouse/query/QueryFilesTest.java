package org.bookslakehouse.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The project's queries/ folder: every file parses, and the jar packages the same queries. */
class QueryFilesTest {
  private static final Path FOLDER = Path.of("../queries");

  @Test
  void theProjectShipsTheSevenQueries() {
    assertThat(QueryLibrary.fromFolder(FOLDER).all())
        .extracting(NamedQuery::name)
        .containsExactly(
            "avg_rating_by_age_group",
            "avg_rating_by_country",
            "best_authors",
            "lost_publishers",
            "most_active_readers",
            "rating_moves",
            "top_rated_books");
  }

  @Test
  void theJarPackagesTheSameQueries() {
    List<NamedQuery> folder = QueryLibrary.fromFolder(FOLDER).all();
    List<NamedQuery> packaged = QueryLibrary.packaged().all();

    assertThat(packaged).hasSameSizeAs(folder);
    for (int i = 0; i < folder.size(); i++) {
      assertThat(packaged.get(i).sql()).isEqualTo(folder.get(i).sql());
      assertThat(packaged.get(i).params()).isEqualTo(folder.get(i).params());
    }
  }

  @Test
  void everyQueryReadsGoldTablesOnlyByPlainName() {
    for (NamedQuery query : QueryLibrary.fromFolder(FOLDER).all()) {
      assertThat(query.sql())
          .as(query.name())
          .containsPattern("FROM (gold_[a-z_]+_stats|table_changes\\('gold_[a-z_]+_stats')")
          .doesNotContainPattern("(?i)(bronze|silver)_")
          .doesNotContainPattern("\\w\\.gold_")
          .containsPattern("ORDER BY");
    }
  }

  @Test
  void theAsOfYearDefaultsToTheRunsAsOfYear() {
    NamedQuery top = QueryLibrary.fromFolder(FOLDER).get("top_rated_books");

    assertThat(top.param("as_of_year").flatMap(QueryParam::runValue)).contains("as_of_year");
    assertThat(top.bind(java.util.Map.of(), java.util.Map.of("as_of_year", "1999")))
        .containsEntry("as_of_year", 1999);
  }
}
