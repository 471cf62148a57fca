package org.bookslakehouse.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.bookslakehouse.lake.LakeLayout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One command per table at a time: {@code run}, {@code reset}, {@code rebuild} and {@code maintain}
 * take a lock file per table they write ({@code LAKE/DATABASE/_books/locks/TABLE.lock}), all or
 * none. So a second {@code books run} of the whole lake is refused while one is under way, while
 * the tasks of a Databricks job, each running {@code books run TABLE} for its own table, run side
 * by side. Note: not every write takes one: the run history ({@code pipeline_runs}) gets blind
 * appends, also from {@code verify}, which holds no lock (Delta lets blind appends go on at once),
 * and a statement a user runs with {@code books sql} takes none. A lock names its holder, who
 * touches it every {@link #HEARTBEAT}. A lock is stale, and taken over, when its holder is a
 * process of this machine that no longer exists (a killed run), or when its heartbeat is older than
 * {@link #STALE_AFTER} (a holder on another machine that died). Readers never take one: queries go
 * on during a run.
 */
public final class RunLock implements AutoCloseable {
  static final Duration HEARTBEAT = Duration.ofSeconds(15);

  /**
   * How long after its last heartbeat a lock is taken over. Note: public because the Databricks
   * job's retry interval must be longer (databricks-infra's BundleTest checks it), or a retry would
   * be refused by the lock of the attempt it replaces.
   */
  public static final Duration STALE_AFTER = Duration.ofMinutes(2);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Logger LOG = LoggerFactory.getLogger(RunLock.class);

  /**
   * What a lock file says about its holder.
   *
   * @param startedAt when the holder took the lock (ISO-8601)
   * @param heartbeatAt when the holder last touched it (ISO-8601)
   */
  public record Holder(
      String runId, String command, String host, long pid, String startedAt, String heartbeatAt) {
    Holder(String runId, String command, String host, long pid, Instant started, Instant beat) {
      this(runId, command, host, pid, started.toString(), beat.toString());
    }

    /** The same holder, touched now. */
    Holder touched(Instant now) {
      return new Holder(runId, command, host, pid, startedAt, now.toString());
    }

    /**
     * Whether the other is this holder (touched or not): the same run, process and start. Note: not
     * the run id alone, which the processes of one job run share.
     */
    boolean sameHolder(Holder other) {
      return runId.equals(other.runId)
          && host.equals(other.host)
          && pid == other.pid
          && startedAt.equals(other.startedAt);
    }

    /** Whether the holder is alive now: a live process of this host, or a recent heartbeat. */
    public boolean alive(Instant now) {
      return !stale(thisHost(), now);
    }

    /** Whether the holder is gone: a dead process of this host, or a silent one elsewhere. */
    boolean stale(String thisHost, Instant now) {
      if (host.equals(thisHost)) {
        return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
      }
      return Instant.parse(heartbeatAt).plus(STALE_AFTER).isBefore(now);
    }
  }

  private final FileSystem fs;
  private final List<Path> paths;
  private final Clock clock;
  private final ScheduledExecutorService heartbeat;
  private final Optional<Holder> takenOver;
  // Guards the lock files: a heartbeat never rewrites a lock that close() has released.
  private final Object files = new Object();
  private boolean closed;
  private volatile Holder holder;

  private RunLock(
      FileSystem fs, List<Path> paths, Clock clock, Holder holder, Optional<Holder> takenOver) {
    this.fs = fs;
    this.paths = paths;
    this.clock = clock;
    this.holder = holder;
    this.takenOver = takenOver;
    this.heartbeat =
        Executors.newSingleThreadScheduledExecutor(
            new ThreadFactoryBuilder()
                .setNameFormat("books-lock-heartbeat")
                .setDaemon(true)
                .build());
    long period = HEARTBEAT.toMillis();
    // close() ends it (shutdownNow), so its future is not kept
    ScheduledFuture<?> unused =
        heartbeat.scheduleAtFixedRate(this::touch, period, period, TimeUnit.MILLISECONDS);
  }

  /** The lock file of a table of a database of the lake. */
  public static Path path(LakeLayout layout, String table) {
    return new Path(layout.databaseRoot() + "/_books/locks/" + table + ".lock");
  }

  /**
   * Takes the locks of the tables a command writes, all or none, or says who holds one.
   *
   * @throws RunLockedException when a live run or reset holds one of them
   */
  public static RunLock acquire(
      Configuration hadoop, LakeLayout layout, String command, Collection<String> tables) {
    return acquire(hadoop, layout, command, tables, UUID.randomUUID().toString());
  }

  /**
   * Takes the locks for the run {@code runId}. Several processes may share a run id (the tasks of
   * one Databricks job run, a retried task): a lock is theirs by run id, host, pid and start.
   */
  public static RunLock acquire(
      Configuration hadoop,
      LakeLayout layout,
      String command,
      Collection<String> tables,
      String runId) {
    return acquire(hadoop, layout, command, tables, runId, Clock.systemUTC());
  }

  static RunLock acquire(
      Configuration hadoop,
      LakeLayout layout,
      String command,
      Collection<String> tables,
      Clock clock) {
    return acquire(hadoop, layout, command, tables, UUID.randomUUID().toString(), clock);
  }

  static RunLock acquire(
      Configuration hadoop,
      LakeLayout layout,
      String command,
      Collection<String> tables,
      String runId,
      Clock clock) {
    Instant now = clock.instant();
    Holder mine = new Holder(runId, command, thisHost(), ProcessHandle.current().pid(), now, now);
    List<Path> taken = new ArrayList<>();
    Optional<Holder> stale = Optional.empty();
    FileSystem fs;
    try {
      fs = path(layout, "any").getFileSystem(hadoop);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot reach the lake "
              + layout.lake()
              + ": "
              + e.getMessage()
              + ". Check its URI and credentials.",
          e);
    }
    try {
      for (String table : new TreeSet<>(tables)) {
        Path path = path(layout, table);
        Optional<Holder> dead = take(fs, path, mine, now);
        taken.add(path);
        if (stale.isEmpty()) {
          stale = dead;
        }
      }
    } catch (RuntimeException e) {
      release(fs, taken, mine);
      throw e;
    }
    return new RunLock(fs, taken, clock, mine, stale);
  }

  /** Takes one lock file; returns the stale holder it replaced, if any. */
  private static Optional<Holder> take(FileSystem fs, Path path, Holder mine, Instant now) {
    try {
      Optional<Holder> stale = Optional.empty();
      Optional<Holder> current = read(fs, path);
      if (current.isPresent()) {
        if (!current.get().stale(mine.host(), now)) {
          throw new RunLockedException(refusal(path, current.get(), now));
        }
        stale = current;
        LOG.warn(
            "Taking over {} from run {} ({} on {}, pid {}, started {}): it is no longer alive",
            path.getName(),
            current.get().runId(),
            current.get().command(),
            current.get().host(),
            current.get().pid(),
            current.get().startedAt());
        fs.delete(path, false);
      }
      try (OutputStream out = fs.create(path, false)) {
        JSON.writeValue(out, mine);
      } catch (FileAlreadyExistsException e) {
        throw new RunLockedException(refusal(path, read(fs, path).orElse(mine), now));
      }
      // Two takers of one stale lock: the last writer wins, the other one backs off here.
      Holder written = read(fs, path).orElse(mine);
      if (!written.sameHolder(mine)) {
        throw new RunLockedException(refusal(path, written, now));
      }
      return stale;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot take the lock "
              + path
              + ": "
              + e.getMessage()
              + ". Check the lake's URI and that this process may write there.",
          e);
    }
  }

  /** Who holds each table's lock now; tables nobody holds are absent. */
  public static Map<String, Holder> holders(
      Configuration hadoop, LakeLayout layout, Collection<String> tables) {
    Map<String, Holder> holders = new TreeMap<>();
    for (String table : tables) {
      Path path = path(layout, table);
      try {
        read(path.getFileSystem(hadoop), path).ifPresent(h -> holders.put(table, h));
      } catch (IOException e) {
        // unreadable: report nobody
      }
    }
    return holders;
  }

  private static String refusal(Path path, Holder holder, Instant now) {
    long seconds = Duration.between(Instant.parse(holder.heartbeatAt()), now).toSeconds();
    String table = path.getName().replaceFirst("\\.lock$", "");
    return String.format(
        "Another %s is under way on this lake and writes %s: run %s, started %s by pid %d on %s"
            + " (last heartbeat %d s ago). One writer per table keeps every table consistent."
            + " Wait for it to end (books status shows the tables meanwhile; queries work during a"
            + " run). If that process is dead on another machine, its lock expires %d minutes"
            + " after its last heartbeat, or remove %s.",
        holder.command(),
        table,
        holder.runId(),
        holder.startedAt(),
        holder.pid(),
        holder.host(),
        seconds,
        STALE_AFTER.toMinutes(),
        path);
  }

  private static Optional<Holder> read(FileSystem fs, Path path) throws IOException {
    try (InputStream in = fs.open(path)) {
      return Optional.of(JSON.readValue(in, Holder.class));
    } catch (FileNotFoundException e) {
      return Optional.empty();
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      // Half-written by a holder killed while writing it: nobody holds it.
      return Optional.of(
          new Holder("unreadable", "run", "unknown", -1, Instant.EPOCH, Instant.EPOCH));
    }
  }

  private static String thisHost() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }

  /** The id of the run holding this lock. */
  public String runId() {
    return holder.runId();
  }

  /** A stale lock this one replaced: a run that was killed or died. */
  public Optional<Holder> takenOver() {
    return takenOver;
  }

  void touch() {
    synchronized (files) {
      if (!closed) {
        touchFiles();
      }
    }
  }

  private void touchFiles() {
    Holder touched = holder.touched(clock.instant());
    for (Path path : paths) {
      try (OutputStream out = fs.create(path, true)) {
        JSON.writeValue(out, touched);
      } catch (IOException | RuntimeException e) {
        LOG.warn("Cannot touch the lock {}: {}", path, e.getMessage());
      }
    }
    holder = touched;
  }

  private static void release(FileSystem fs, List<Path> paths, Holder mine) {
    for (Path path : paths) {
      try {
        Optional<Holder> current = read(fs, path);
        if (current.isPresent() && current.get().sameHolder(mine)) {
          fs.delete(path, false);
        }
      } catch (IOException e) {
        LOG.warn("Cannot release the lock {}: {}", path, e.getMessage());
      }
    }
  }

  @Override
  public void close() {
    // A heartbeat under way finishes first; none writes after the release.
    synchronized (files) {
      if (closed) {
        return;
      }
      closed = true;
      release(fs, paths, holder);
    }
    heartbeat.shutdownNow();
  }
}
