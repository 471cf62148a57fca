package org.bookslakehouse.pipeline;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every table with its upstream tables: the lineage, which is also the job's task graph. It rejects
 * duplicate names, unknown upstreams and cycles, and orders tables so that each comes after its
 * upstreams (ties keep registration order).
 */
public final class TableRegistry {
  private final Map<String, LakeTable> tables;
  private final ImmutableList<LakeTable> ordered;

  public TableRegistry(Collection<? extends LakeTable> tables) {
    Map<String, LakeTable> byName = new LinkedHashMap<>();
    for (LakeTable table : tables) {
      Preconditions.checkArgument(
          byName.put(table.name(), table) == null, "Table %s is registered twice", table.name());
    }
    for (LakeTable table : byName.values()) {
      for (String upstream : table.upstreams()) {
        Preconditions.checkArgument(
            byName.containsKey(upstream),
            "Table %s reads %s, which is not a registered table",
            table.name(),
            upstream);
      }
    }
    this.tables = byName;
    this.ordered = order(byName);
  }

  private static ImmutableList<LakeTable> order(Map<String, LakeTable> byName) {
    List<LakeTable> result = new ArrayList<>();
    Set<String> done = new LinkedHashSet<>();
    Set<String> visiting = new LinkedHashSet<>();
    for (LakeTable table : byName.values()) {
      visit(table, byName, done, visiting, result);
    }
    return ImmutableList.copyOf(result);
  }

  private static void visit(
      LakeTable table,
      Map<String, LakeTable> byName,
      Set<String> done,
      Set<String> visiting,
      List<LakeTable> result) {
    if (done.contains(table.name())) {
      return;
    }
    Preconditions.checkArgument(
        visiting.add(table.name()),
        "Tables form a cycle: %s -> %s",
        String.join(" -> ", visiting),
        table.name());
    for (String upstream : table.upstreams()) {
      visit(byName.get(upstream), byName, done, visiting, result);
    }
    visiting.remove(table.name());
    done.add(table.name());
    result.add(table);
  }

  /** All tables, each after its upstreams. */
  public List<LakeTable> ordered() {
    return ordered;
  }

  public List<String> names() {
    return ordered.stream().map(LakeTable::name).toList();
  }

  /** Every table the job writes: each task's table and its side tables (quarantines, ...). */
  public List<String> allTableNames() {
    List<String> all = new ArrayList<>();
    for (LakeTable table : ordered) {
      all.add(table.name());
      table.sideTables().forEach(side -> all.add(side.name()));
    }
    return all;
  }

  /**
   * The named tables, in lineage order.
   *
   * @throws IllegalArgumentException naming an unknown table and the known ones
   */
  public List<LakeTable> select(Collection<String> names) {
    for (String name : names) {
      Preconditions.checkArgument(
          tables.containsKey(name),
          "Unknown table '%s'. Known tables: %s",
          name,
          String.join(", ", names()));
    }
    return ordered.stream().filter(t -> names.contains(t.name())).toList();
  }

  /** The tables that read the named table directly, in lineage order. */
  public List<LakeTable> downstreamOf(String name) {
    table(name);
    return ordered.stream().filter(t -> t.upstreams().contains(name)).toList();
  }

  public LakeTable table(String name) {
    return select(List.of(name)).get(0);
  }
}
