package org.bookslakehouse.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.bookslakehouse.lake.LakeLayout;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLockTest {
  private static final Instant NOW = Instant.parse("2026-11-24T06:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final List<String> TABLES = List.of("a", "b", "c");

  @TempDir Path lake;
  private LakeLayout layout;
  private final Configuration hadoop = new Configuration();

  @BeforeEach
  void layout() {
    layout = new LakeLayout(lake.toString(), "books");
  }

  @Test
  void aSecondRunIsRefusedWhileTheFirstHoldsTheLockAndAdmittedAfter() {
    try (RunLock first = RunLock.acquire(hadoop, layout, "run", TABLES, CLOCK)) {
      assertThat(RunLock.holders(hadoop, layout, List.of("0", "a", "b", "c")))
          .containsOnlyKeys("a", "b", "c")
          .allSatisfy((t, h) -> assertThat(h.runId()).isEqualTo(first.runId()));
      assertThatThrownBy(() -> RunLock.acquire(hadoop, layout, "reset", List.of("0", "b"), CLOCK))
          .isInstanceOf(RunLockedException.class)
          .hasMessageContaining(
              "Another run is under way on this lake and writes b: run " + first.runId())
          .hasMessageContaining("Wait for it to end");
    }
    // The refused reset left nothing behind, not even the lock of 0 it took before b's.
    assertThat(RunLock.holders(hadoop, layout, List.of("0", "a", "b", "c"))).isEmpty();
    try (RunLock again = RunLock.acquire(hadoop, layout, "run", TABLES, CLOCK)) {
      assertThat(again.takenOver()).isEmpty();
    }
  }

  @Test
  void processesOfOneJobRunShareItsRunIdButNotTheirLocks() {
    try (RunLock bronze = RunLock.acquire(hadoop, layout, "run", List.of("a"), "719204", CLOCK)) {
      // a second process of the same job run wanting the same table is still refused
      assertThatThrownBy(
              () -> RunLock.acquire(hadoop, layout, "run", List.of("a"), "719204", CLOCK))
          .isInstanceOf(RunLockedException.class)
          .hasMessageContaining("run 719204");
      try (RunLock silver = RunLock.acquire(hadoop, layout, "run", List.of("b"), "719204", CLOCK)) {
        assertThat(silver.runId()).isEqualTo(bronze.runId()).isEqualTo("719204");
      }
      assertThat(RunLock.holders(hadoop, layout, List.of("a", "b"))).containsOnlyKeys("a");
    }
    assertThat(RunLock.holders(hadoop, layout, List.of("a", "b"))).isEmpty();
  }

  @Test
  void aHeartbeatAfterTheReleaseWritesNoLock() {
    RunLock lock = RunLock.acquire(hadoop, layout, "run", TABLES, CLOCK);
    lock.touch();
    assertThat(RunLock.holders(hadoop, layout, TABLES)).containsOnlyKeys(TABLES);
    lock.close();
    // A heartbeat that was due when the run ended must not bring a released lock back.
    lock.touch();
    assertThat(RunLock.holders(hadoop, layout, TABLES)).isEmpty();
  }

  @Test
  @SuppressWarnings("try") // the try block holds the lock without naming it
  void aLockOfADeadProcessIsNotAlive() throws Exception {
    Process dead = new ProcessBuilder("true").start();
    dead.waitFor();
    writeLock(InetAddress.getLocalHost().getHostName(), dead.pid(), NOW);
    assertThat(RunLock.holders(hadoop, layout, TABLES))
        .hasEntrySatisfying("b", h -> assertThat(h.alive(NOW)).isFalse());
    try (RunLock lock = RunLock.acquire(hadoop, layout, "run", List.of("a"), CLOCK)) {
      assertThat(RunLock.holders(hadoop, layout, List.of("a")))
          .hasEntrySatisfying("a", h -> assertThat(h.alive(NOW)).isTrue());
    }
  }

  @Test
  void writersOfOtherTablesRunSideBySide() {
    try (RunLock bronze = RunLock.acquire(hadoop, layout, "run", List.of("a"), CLOCK);
        RunLock silver = RunLock.acquire(hadoop, layout, "run", List.of("b"), CLOCK)) {
      assertThat(bronze.runId()).isNotEqualTo(silver.runId());
    }
  }

  @Test
  void aKilledRunOfThisMachineDoesNotKeepTheLock() throws Exception {
    Process dead = new ProcessBuilder("true").start();
    dead.waitFor();
    writeLock(InetAddress.getLocalHost().getHostName(), dead.pid(), NOW);

    try (RunLock lock = RunLock.acquire(hadoop, layout, "run", TABLES, CLOCK)) {
      assertThat(lock.takenOver()).hasValueSatisfying(h -> assertThat(h.runId()).isEqualTo("old"));
    }
  }

  @Test
  void aHolderOnAnotherMachineKeepsTheLockUntilItsHeartbeatIsStale() throws Exception {
    writeLock("elsewhere", 1, NOW.minus(RunLock.STALE_AFTER).plusSeconds(1));
    assertThatThrownBy(() -> RunLock.acquire(hadoop, layout, "run", TABLES, CLOCK))
        .isInstanceOf(RunLockedException.class)
        .hasMessageContaining("pid 1 on elsewhere");

    writeLock("elsewhere", 1, NOW.minus(RunLock.STALE_AFTER).minusSeconds(1));
    try (RunLock lock = RunLock.acquire(hadoop, layout, "run", TABLES, CLOCK)) {
      assertThat(lock.takenOver()).isPresent();
    }
  }

  @Test
  void aHalfWrittenLockIsNobodys() throws Exception {
    Path file = Path.of(RunLock.path(layout, "b").toUri().getPath());
    Files.createDirectories(file.getParent());
    Files.writeString(file, "{\"runId\":\"ol");

    try (RunLock lock = RunLock.acquire(hadoop, layout, "run", TABLES, CLOCK)) {
      assertThat(lock.takenOver()).isPresent();
    }
  }

  private void writeLock(String host, long pid, Instant heartbeat) throws Exception {
    Path file = Path.of(RunLock.path(layout, "b").toUri().getPath());
    Files.createDirectories(file.getParent());
    Files.deleteIfExists(file);
    Files.deleteIfExists(file.resolveSibling(".b.lock.crc"));
    new ObjectMapper()
        .writeValue(
            file.toFile(),
            new RunLock.Holder(
                "old", "run", host, pid, NOW.minusSeconds(600).toString(), heartbeat.toString()));
  }
}
