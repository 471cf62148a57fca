package org.bookslakehouse.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.bookslakehouse.lake.LakeLayout;
import org.bookslakehouse.tables.Tables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResetTest {
  private static final TableRegistry REGISTRY = Tables.registry();

  @Test
  void aSilverTableLosesItsCheckpointOnlyAndItsReadersCatchUpByThemselves() {
    assertThat(Reset.plan(REGISTRY, "silver_ratings", false))
        .extracting(Reset.Step::table, Reset.Step::scope)
        .containsExactly(tuple("silver_ratings", ResetScope.CHECKPOINT));
  }

  @Test
  void aBronzeTableStartsAfreshAndItsSilverReaderLosesItsCheckpoint() {
    assertThat(Reset.plan(REGISTRY, "bronze_ratings_deleted", false))
        .extracting(Reset.Step::table, Reset.Step::scope)
        .containsExactly(
            tuple("bronze_ratings_deleted", ResetScope.TABLE_AND_CHECKPOINT),
            tuple("silver_ratings", ResetScope.CHECKPOINT));
  }

  @Test
  void aGoldTableStartsAfresh() {
    assertThat(Reset.plan(REGISTRY, "gold_author_stats", false))
        .extracting(Reset.Step::table, Reset.Step::scope)
        .containsExactly(tuple("gold_author_stats", ResetScope.TABLE_AND_CHECKPOINT));
  }

  @Test
  void downstreamResetsEveryTableThatDependsOnIt() {
    List<Reset.Step> steps = Reset.plan(REGISTRY, "silver_users", true);

    assertThat(steps)
        .extracting(Reset.Step::table)
        .containsExactly(
            "silver_users", "gold_reader_stats", "gold_country_stats", "gold_age_group_stats");
    assertThat(steps.subList(1, steps.size()))
        .allMatch(s -> s.scope() == ResetScope.TABLE_AND_CHECKPOINT)
        .allMatch(s -> s.why().equals("downstream of silver_users"));
  }

  @Test
  void applyRemovesTheCheckpointsAndTablesOfThePlanAndNothingElse(@TempDir Path lake)
      throws Exception {
    LakeLayout layout = new LakeLayout(lake.toString(), "books");
    for (String table : REGISTRY.names()) {
      Files.createDirectories(Path.of(layout.tablePath(table), "_delta_log"));
      Files.createDirectories(Path.of(layout.checkpointPath(table), "commits"));
    }

    Reset.apply(new Configuration(), layout, Reset.plan(REGISTRY, "bronze_books", false));

    assertThat(Path.of(layout.tablePath("bronze_books"))).doesNotExist();
    assertThat(Path.of(layout.checkpointPath("bronze_books"))).doesNotExist();
    assertThat(Path.of(layout.checkpointPath("silver_books"))).doesNotExist();
    assertThat(Path.of(layout.tablePath("silver_books"))).exists();
    assertThat(Path.of(layout.checkpointPath("gold_book_stats"))).exists();
    assertThat(Path.of(layout.tablePath("bronze_users"))).exists();
  }
}
