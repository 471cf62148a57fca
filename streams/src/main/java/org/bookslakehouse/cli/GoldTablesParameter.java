package org.bookslakehouse.cli;

import java.util.ArrayList;
import java.util.List;
import org.bookslakehouse.gold.GoldTable;
import org.bookslakehouse.pipeline.LakeTable;
import org.bookslakehouse.tables.Tables;
import picocli.CommandLine.Parameters;

/**
 * The {@code TABLE...} of the commands that take gold tables only ({@code verify}, {@code
 * changes}).
 */
final class GoldTablesParameter {
  @Parameters(
      paramLabel = "TABLE",
      arity = "0..*",
      description = "Gold tables (default: all of them; 'gold' names all too).")
  List<String> tables = List.of();

  /**
   * The gold tables named (none, or {@code gold}: all of them); a usage error for another table,
   * saying {@code why} the command takes gold tables only.
   */
  List<GoldTable> selected(String why) {
    return select(tables, why + ". Name gold tables, or none for all of them.");
  }

  /**
   * The gold tables {@code names} names (none, or {@code gold}: all of them); for another table a
   * usage error, "TABLE is not a gold table: " and {@code notGold} (why, and what to do instead).
   */
  static List<GoldTable> select(List<String> names, String notGold) {
    boolean all = names.isEmpty() || names.equals(List.of("gold"));
    List<GoldTable> gold = new ArrayList<>();
    for (LakeTable table : all ? Tables.registry().ordered() : Tables.registry().select(names)) {
      if (table instanceof GoldTable g) {
        gold.add(g);
      } else if (!all) {
        throw new IllegalArgumentException(table.name() + " is not a gold table: " + notGold);
      }
    }
    return gold;
  }
}
