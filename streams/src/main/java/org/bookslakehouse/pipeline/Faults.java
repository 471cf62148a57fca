package org.bookslakehouse.pipeline;

import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A test hook: kills this JVM with a real {@code SIGKILL} at a named point of a micro-batch, so
 * that the end-to-end tests can check that a run killed there and started again loses and
 * duplicates nothing.
 *
 * <p>The points are {@code TABLE:before-write} (the batch is under way, nothing of it written) and
 * {@code TABLE:after-write} (the table's write committed, Spark has not yet committed the batch to
 * the checkpoint). The environment variable {@code BOOKS_KILL_AT} (or the system property {@code
 * books.killAt}) names one point, or several separated by commas; unset, every call is a no-op.
 * Never set it in production.
 */
public final class Faults {
  /** The environment variable that names the kill points. */
  public static final String ENV = "BOOKS_KILL_AT";

  private static final Logger LOG = LoggerFactory.getLogger(Faults.class);

  private static final String POINTS =
      System.getProperty("books.killAt", System.getenv().getOrDefault(ENV, ""));

  private Faults() {}

  /** Kills this process with SIGKILL when {@code point} is one of the configured kill points. */
  public static void at(String point) {
    if (POINTS.isEmpty() || Arrays.stream(POINTS.split(",")).noneMatch(point::equals)) {
      return;
    }
    LOG.warn("{}={}: killing this process (pid {})", ENV, point, ProcessHandle.current().pid());
    System.out.printf("books: %s reached, killing pid %d%n", point, ProcessHandle.current().pid());
    System.out.flush();
    try {
      new ProcessBuilder("kill", "-9", Long.toString(ProcessHandle.current().pid()))
          .inheritIO()
          .start()
          .waitFor();
      // The signal is on its way: never return into the batch.
      new CountDownLatch(1).await();
    } catch (IOException e) {
      throw new IllegalStateException("Cannot kill this process at " + point, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while being killed at " + point, e);
    }
  }
}
