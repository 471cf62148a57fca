package org.bookslakehouse.pipeline;

import com.google.common.base.Preconditions;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Runs a set of tasks, one per table, as a graph: a task starts when the tasks of its upstream
 * tables (those in the set) have succeeded, at most {@code parallelism} at once, in lineage order
 * when several are ready. A failed task blocks its downstream tasks only; every other task runs.
 */
public final class TaskGraph {
  private final List<LakeTable> tables;
  private final int parallelism;

  /**
   * @param tables the tables to run, each after its upstreams (as {@link TableRegistry#select}
   *     orders them); upstreams outside the set are taken as they are
   * @param parallelism how many tasks may run at once
   */
  public TaskGraph(List<LakeTable> tables, int parallelism) {
    Preconditions.checkArgument(
        parallelism >= 1, "Invalid parallelism %s: expected 1 or more", parallelism);
    this.tables = List.copyOf(tables);
    this.parallelism = parallelism;
  }

  /** Runs every task and returns their runs, in lineage order. */
  public List<TableRun> run(Function<LakeTable, TableRun> task, TaskListener listener) {
    Set<String> names = tables.stream().map(LakeTable::name).collect(Collectors.toSet());
    Map<String, TableRun> done = new LinkedHashMap<>();
    List<LakeTable> pending = new ArrayList<>(tables);
    ExecutorService pool =
        Executors.newFixedThreadPool(
            parallelism,
            new ThreadFactoryBuilder().setNameFormat("books-task-%d").setDaemon(true).build());
    CompletionService<TableRun> completion = new ExecutorCompletionService<>(pool);
    int running = 0;
    try {
      while (!pending.isEmpty() || running > 0) {
        running += submitReady(pending, names, done, completion, task, listener);
        if (running == 0) {
          continue; // blocked tasks were settled; look again
        }
        TableRun finished = completion.take().get();
        running--;
        done.put(finished.table(), finished);
        listener.finished(finished);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while running " + names, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("A task escaped its own error handling", e.getCause());
    } finally {
      pool.shutdownNow();
    }
    return tables.stream().map(t -> done.get(t.name())).toList();
  }

  /** Submits every pending task whose upstreams succeeded; settles those a failure blocks. */
  private static int submitReady(
      List<LakeTable> pending,
      Set<String> names,
      Map<String, TableRun> done,
      CompletionService<TableRun> completion,
      Function<LakeTable, TableRun> task,
      TaskListener listener) {
    int submitted = 0;
    boolean settled = true;
    while (settled) {
      settled = false;
      for (Iterator<LakeTable> it = pending.iterator(); it.hasNext(); ) {
        LakeTable table = it.next();
        List<String> upstreams = table.upstreams().stream().filter(names::contains).toList();
        Optional<String> broken =
            upstreams.stream()
                .filter(u -> done.containsKey(u) && !done.get(u).succeeded())
                .findFirst();
        if (broken.isPresent()) {
          it.remove();
          TableRun blocked = TableRun.blocked(table.name(), broken.get());
          done.put(table.name(), blocked);
          listener.finished(blocked);
          settled = true;
        } else if (upstreams.stream().allMatch(done::containsKey)) {
          it.remove();
          completion.submit(
              () -> {
                listener.started(table.name());
                try {
                  return task.apply(table);
                } catch (RuntimeException | Error e) {
                  return TableRun.failed(table.name(), Duration.ZERO, Failures.describe(e));
                }
              });
          submitted++;
        }
      }
    }
    return submitted;
  }
}
