package org.bookslakehouse.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class TaskGraphTest {
  // a, b independent; c reads a; d reads c and b; e reads b.
  private static final List<LakeTable> TABLES =
      new TableRegistry(
              List.of(
                  new FakeTable("a"),
                  new FakeTable("b"),
                  new FakeTable("c", "a"),
                  new FakeTable("d", "c", "b"),
                  new FakeTable("e", "b")))
          .ordered();

  private static TableRun ok(String table) {
    return new TableRun(table, TableRun.Status.SUCCEEDED, 1, Map.of(), 0, 1, Duration.ZERO, "");
  }

  @Test
  void everyTaskStartsAfterItsUpstreamsFinished() {
    List<String> events = Collections.synchronizedList(new ArrayList<>());
    List<TableRun> runs =
        new TaskGraph(TABLES, 3)
            .run(
                t -> {
                  events.add("start " + t.name());
                  return ok(t.name());
                },
                new TaskListener() {
                  @Override
                  public void finished(TableRun run) {
                    events.add("end " + run.table());
                  }
                });

    assertThat(runs).extracting(TableRun::table).containsExactly("a", "b", "c", "d", "e");
    assertThat(runs).allMatch(TableRun::succeeded);
    for (LakeTable table : TABLES) {
      for (String upstream : table.upstreams()) {
        assertThat(events.indexOf("end " + upstream))
            .as("%s ends before %s starts", upstream, table.name())
            .isLessThan(events.indexOf("start " + table.name()));
      }
    }
  }

  @Test
  void independentTasksRunAtTheSameTime() {
    // a and b each wait until the other has started: only possible when they run at once.
    CountDownLatch bothStarted = new CountDownLatch(2);
    Function<LakeTable, TableRun> task =
        t -> {
          if (t.name().equals("a") || t.name().equals("b")) {
            bothStarted.countDown();
            try {
              if (!bothStarted.await(30, TimeUnit.SECONDS)) {
                return TableRun.failed(t.name(), Duration.ZERO, "ran alone");
              }
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          return ok(t.name());
        };

    List<TableRun> runs = new TaskGraph(TABLES, 2).run(task, TaskListener.NONE);

    assertThat(runs).allMatch(TableRun::succeeded);
  }

  @Test
  void aFailedTaskBlocksOnlyItsDownstreamTasks() {
    List<String> ran = Collections.synchronizedList(new ArrayList<>());
    List<TableRun> runs =
        new TaskGraph(TABLES, 2)
            .run(
                t -> {
                  ran.add(t.name());
                  return t.name().equals("a")
                      ? TableRun.failed("a", Duration.ZERO, "broken file")
                      : ok(t.name());
                },
                TaskListener.NONE);

    assertThat(runs)
        .extracting(TableRun::table, TableRun::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("a", TableRun.Status.FAILED),
            org.assertj.core.groups.Tuple.tuple("b", TableRun.Status.SUCCEEDED),
            org.assertj.core.groups.Tuple.tuple("c", TableRun.Status.BLOCKED),
            org.assertj.core.groups.Tuple.tuple("d", TableRun.Status.BLOCKED),
            org.assertj.core.groups.Tuple.tuple("e", TableRun.Status.SUCCEEDED));
    assertThat(ran).containsExactlyInAnyOrder("a", "b", "e");
    assertThat(runs.get(2).message()).contains("upstream a did not succeed");
    assertThat(runs.get(3).message()).contains("upstream c did not succeed");
  }

  @Test
  void aTaskThatThrowsFailsWithItsMessage() {
    List<TableRun> runs =
        new TaskGraph(TABLES.subList(0, 1), 1)
            .run(
                t -> {
                  throw new IllegalStateException("boom");
                },
                TaskListener.NONE);

    assertThat(runs).singleElement().extracting(TableRun::status).isEqualTo(TableRun.Status.FAILED);
    assertThat(runs.get(0).message()).contains("boom");
  }

  @Test
  void upstreamsOutsideTheSelectionAreTakenAsTheyAre() {
    List<LakeTable> justD = TABLES.stream().filter(t -> t.name().equals("d")).toList();

    List<TableRun> runs = new TaskGraph(justD, 1).run(t -> ok(t.name()), TaskListener.NONE);

    assertThat(runs).extracting(TableRun::table).containsExactly("d");
  }

  @Test
  void parallelismMustBePositive() {
    assertThatThrownBy(() -> new TaskGraph(TABLES, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Invalid parallelism 0");
  }
}
