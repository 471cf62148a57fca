package org.bookslakehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.bookslakehouse.gold.GoldTable;
import org.bookslakehouse.pipeline.LakeTable;
import org.bookslakehouse.tables.Tables;
import org.junit.jupiter.api.Test;

/** The gold tables that verify, changes and rebuild take: none or 'gold' for all, else named. */
class GoldTablesParameterTest {
  private static final List<String> GOLD =
      Tables.registry().ordered().stream()
          .filter(table -> table instanceof GoldTable)
          .map(LakeTable::name)
          .toList();

  private static List<String> selected(List<String> names) {
    return GoldTablesParameter.select(names, "why.").stream().map(LakeTable::name).toList();
  }

  @Test
  void goldAndNoneNameEveryGoldTableInLineageOrder() {
    assertThat(GOLD).hasSizeGreaterThan(1);
    assertThat(selected(List.of("gold"))).isEqualTo(GOLD);
    assertThat(selected(List.of())).isEqualTo(GOLD);
  }

  @Test
  void namedGoldTablesComeInLineageOrder() {
    List<String> two = List.of(GOLD.get(1), GOLD.get(0));

    assertThat(selected(two)).containsExactly(GOLD.get(0), GOLD.get(1));
  }

  @Test
  void anotherTableIsAUsageErrorSayingWhy() {
    assertThatThrownBy(() -> selected(List.of(GOLD.get(0), "silver_books")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("silver_books is not a gold table: why.");
  }
}
