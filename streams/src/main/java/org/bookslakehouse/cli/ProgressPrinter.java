package org.bookslakehouse.cli;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.bookslakehouse.pipeline.RunHistory;
import org.bookslakehouse.pipeline.RunSummary;
import org.bookslakehouse.pipeline.TableRun;
import org.bookslakehouse.pipeline.TaskListener;

/**
 * Shows a run's progress. On a terminal: a live line per task (waiting, running with rows so far,
 * done, failed, blocked, and its time), redrawn in place. Elsewhere (a log, a pipe, a Databricks
 * driver log): one plain, time-stamped line per event.
 */
final class ProgressPrinter implements TaskListener, AutoCloseable {
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
  private static final String CLEAR_LINE = "\r\u001b[2K";

  /** How to show progress. */
  enum Mode {
    AUTO,
    LIVE,
    PLAIN;

    static Mode parse(String value) {
      try {
        return valueOf(value.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "Invalid --progress '" + value + "': expected auto, live or plain", e);
      }
    }
  }

  private static final class Task {
    String state = "waiting";
    long startedNanos;
    long rows;
    TableRun run;
  }

  private final PrintWriter out;
  private final boolean live;
  private final Map<String, Task> tasks = new LinkedHashMap<>();
  private final ScheduledExecutorService redraw;
  private int drawnLines;

  // Note: on Java 17, the Java the project targets, System.console() is null exactly when the
  // output is not a terminal; from JDK 22 on it never is, and Console.isTerminal() says instead.
  @SuppressWarnings("SystemConsoleNull")
  ProgressPrinter(PrintWriter out, Mode mode, List<String> tables) {
    this.out = out;
    this.live = mode == Mode.LIVE || (mode == Mode.AUTO && System.console() != null);
    tables.forEach(t -> tasks.put(t, new Task()));
    if (live) {
      redraw =
          Executors.newSingleThreadScheduledExecutor(
              new ThreadFactoryBuilder().setNameFormat("books-progress").setDaemon(true).build());
      // close() ends it (shutdownNow), so its future is not kept
      ScheduledFuture<?> unused =
          redraw.scheduleAtFixedRate(this::draw, 0, 500, TimeUnit.MILLISECONDS);
    } else {
      redraw = null;
    }
  }

  @Override
  public synchronized void started(String table) {
    Task task = tasks.get(table);
    task.state = "running";
    task.startedNanos = System.nanoTime();
    if (!live) {
      plain(table, "running");
    }
  }

  @Override
  public synchronized void batchDone(String table, long batchId, Map<String, Long> counts) {
    Task task = tasks.get(table);
    task.rows = rows(counts);
    if (!live) {
      plain(table, "batch " + batchId + " committed, rows so far " + task.rows);
    }
  }

  @Override
  public synchronized void finished(TableRun run) {
    Task task = tasks.get(run.table());
    task.run = run;
    task.state = state(run);
    if (!live) {
      out.println(time() + " " + RunCommand.describe(run));
      out.flush();
    }
  }

  @Override
  public void close() {
    if (redraw != null) {
      redraw.shutdownNow();
      try {
        redraw.awaitTermination(2, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      draw();
      synchronized (this) {
        // What went wrong, in full, below the live lines.
        for (Task task : tasks.values()) {
          if (task.run != null && !task.run.message().isEmpty()) {
            out.println(task.run.table() + ": " + task.run.message());
          }
        }
        out.flush();
      }
    }
  }

  private synchronized void draw() {
    StringBuilder frame = new StringBuilder();
    if (drawnLines > 0) {
      frame.append("\u001b[").append(drawnLines).append('A');
    }
    for (Map.Entry<String, Task> entry : tasks.entrySet()) {
      frame.append(CLEAR_LINE).append(line(entry.getKey(), entry.getValue())).append('\n');
    }
    drawnLines = tasks.size();
    out.print(frame);
    out.flush();
  }

  private static String line(String table, Task task) {
    String text =
        String.format(Locale.ROOT, "  %-" + RunCommand.NAME_WIDTH + "s %-8s", table, task.state);
    if (task.run != null) {
      text += String.format(Locale.ROOT, " %6.1fs", task.run.duration().toMillis() / 1000.0);
      if (task.run.status() == TableRun.Status.SKIPPED) {
        text += "  nothing new";
      } else if (task.run.status() == TableRun.Status.SUCCEEDED) {
        text += "  " + outcome(task.run) + versions(task.run);
      }
    } else if (task.startedNanos > 0) {
      Duration running = Duration.ofNanos(System.nanoTime() - task.startedNanos);
      text +=
          String.format(
              Locale.ROOT, " %6.1fs  rows so far %d", running.toMillis() / 1000.0, task.rows);
    }
    return text;
  }

  /**
   * What a table's run did, as its summary line has it: rows in and out, the MERGE's inserted,
   * updated and deleted rows, rows quarantined by reason, rows rescued.
   */
  private static String outcome(TableRun run) {
    String line = RunSummary.of(List.of(run)).get(0).line();
    // The layer's name leads the summary line; here the table's name does.
    return line.substring(line.indexOf(' ')).strip();
  }

  private static String versions(TableRun run) {
    return run.versionAfter() == run.versionBefore()
        ? ""
        : "  version " + run.versionBefore() + " -> " + run.versionAfter();
  }

  private static String state(TableRun run) {
    return switch (run.status()) {
      case SUCCEEDED -> "done";
      case SKIPPED -> "skipped";
      case FAILED -> "FAILED";
      case BLOCKED -> "blocked";
    };
  }

  private static long rows(Map<String, Long> counts) {
    return RunHistory.rowsRead(counts);
  }

  private void plain(String table, String what) {
    out.println(
        time()
            + " "
            + String.format(Locale.ROOT, "%-" + RunCommand.NAME_WIDTH + "s %s", table, what));
    out.flush();
  }

  private static String time() {
    return LocalTime.now(ZoneOffset.UTC).format(CLOCK);
  }
}
