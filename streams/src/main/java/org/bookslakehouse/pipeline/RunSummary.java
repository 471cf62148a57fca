package org.bookslakehouse.pipeline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a run did, per layer (the part of a table's name before its first {@code _}: bronze, silver,
 * gold): rows in and out, what the MERGEs inserted, updated and deleted, rows quarantined by reason
 * and rows rescued. Summed from the runs' own counts, the ones {@code pipeline_runs} records.
 */
public final class RunSummary {
  private RunSummary() {}

  /** One layer's totals. */
  public record Layer(
      String name,
      long rowsIn,
      long rowsOut,
      long inserted,
      long updated,
      long deleted,
      long quarantined,
      Map<String, Long> quarantinedByReason,
      long rescued) {

    /** The layer in one line, e.g. "silver rows in 2,547 out 2,513 (inserted 2,513, ...)". */
    public String line() {
      StringBuilder line =
          new StringBuilder(
              String.format(
                  Locale.ROOT,
                  "%-7s %s in %,d  out %,d",
                  name,
                  name.equals("gold") ? "keys" : "rows",
                  rowsIn,
                  rowsOut));
      if (inserted + updated + deleted > 0 || !name.equals("bronze")) {
        line.append(
            String.format(
                Locale.ROOT,
                " (inserted %,d, updated %,d, deleted %,d)",
                inserted,
                updated,
                deleted));
      }
      if (quarantined > 0) {
        line.append(String.format(Locale.ROOT, "  quarantined %,d", quarantined));
        List<String> reasons = new ArrayList<>();
        quarantinedByReason.forEach(
            (reason, n) -> reasons.add(String.format(Locale.ROOT, "%s %,d", reason, n)));
        line.append(" (").append(String.join(", ", reasons)).append(')');
      }
      if (rescued > 0) {
        line.append(String.format(Locale.ROOT, "  rescued %,d", rescued));
      }
      return line.toString();
    }
  }

  /** The layers the runs touched, in the order their first table ran. */
  public static List<Layer> of(List<TableRun> runs) {
    Map<String, List<TableRun>> byLayer = new LinkedHashMap<>();
    for (TableRun run : runs) {
      String name = run.table();
      String layer = name.contains("_") ? name.substring(0, name.indexOf('_')) : name;
      byLayer.computeIfAbsent(layer, k -> new ArrayList<>()).add(run);
    }
    List<Layer> layers = new ArrayList<>();
    byLayer.forEach((name, tables) -> layers.add(layer(name, tables)));
    return layers;
  }

  /** The summary's lines: one per layer. */
  public static List<String> lines(List<TableRun> runs) {
    return of(runs).stream().map(Layer::line).toList();
  }

  private static Layer layer(String name, List<TableRun> runs) {
    long in = 0;
    long out = 0;
    long inserted = 0;
    long updated = 0;
    long deleted = 0;
    long quarantined = 0;
    long rescued = 0;
    Map<String, Long> byReason = new TreeMap<>();
    for (TableRun run : runs) {
      in += RunHistory.rowsRead(run.counts());
      out += RunHistory.rowsWritten(run);
      inserted += run.count(Metric.MERGE_INSERTED);
      updated += run.count(Metric.MERGE_UPDATED);
      deleted += run.count(Metric.MERGE_DELETED);
      quarantined += run.count(Metric.QUARANTINED);
      rescued += run.count(Metric.RESCUED);
      run.counts()
          .forEach(
              (count, n) -> {
                if (n > 0) {
                  Metric.quarantineReason(count)
                      .ifPresent(reason -> byReason.merge(reason, n, Long::sum));
                }
              });
    }
    return new Layer(
        name,
        in,
        out,
        inserted,
        updated,
        deleted,
        quarantined,
        Collections.unmodifiableMap(byReason),
        rescued);
  }
}
