package org.bookslakehouse.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.spark.launcher.JavaModuleOptions;

/**
 * A Spark standalone cluster on this host, from the build's own jars: a master and workers, each
 * its own JVM, and each worker launches its executors as JVMs of their own. Its {@code SPARK_HOME}
 * is a folder whose {@code jars/} is the command's dependency folder ({@code streams/target/lib}):
 * that is all Spark 3.5's master, worker and executor launcher need. The pipeline's own jar is not
 * there: the executors get it from the driver ({@code spark.jars}), as on any cluster.
 */
final class SparkCluster implements AutoCloseable {
  /** The executor JVM's main class, in each executor's command line. */
  static final String EXECUTOR_MAIN = "org.apache.spark.executor.CoarseGrainedExecutorBackend";

  private final List<Process> daemons = new ArrayList<>();
  private final List<Integer> workerUiPorts = new ArrayList<>();
  private final Path home;
  private final Path logs;
  private String masterUrl;

  private SparkCluster(Path work) {
    this.home = work.resolve("spark-home");
    this.logs = work.resolve("spark-logs");
  }

  /**
   * Starts a master and {@code workers} workers of one core and 1 GB each; returns when all are up.
   */
  static SparkCluster start(Path work, int workers) throws IOException {
    SparkCluster cluster = new SparkCluster(work);
    try {
      cluster.startAll(workers);
    } catch (IOException | RuntimeException e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  private void startAll(int workers) throws IOException {
    Files.createDirectories(home);
    Files.createDirectories(logs);
    Files.createSymbolicLink(home.resolve("jars"), BooksProcess.ROOT.resolve("streams/target/lib"));
    int port = freePort();
    masterUrl = "spark://127.0.0.1:" + port;
    startDaemon(
        "master",
        "I have been elected leader",
        "org.apache.spark.deploy.master.Master",
        "--host",
        "127.0.0.1",
        "--port",
        Integer.toString(port),
        "--webui-port",
        Integer.toString(freePort()));
    for (int i = 1; i <= workers; i++) {
      int uiPort = freePort();
      workerUiPorts.add(uiPort);
      startDaemon(
          "worker-" + i,
          "Successfully registered with master",
          "org.apache.spark.deploy.worker.Worker",
          masterUrl,
          "--host",
          "127.0.0.1",
          "--cores",
          "1",
          "--memory",
          "1g",
          "--webui-port",
          Integer.toString(uiPort),
          "--work-dir",
          home.resolve("work-" + i).toString());
    }
  }

  /** {@code spark://127.0.0.1:PORT} */
  String masterUrl() {
    return masterUrl;
  }

  /** The worker JVMs. */
  List<ProcessHandle> workers() {
    return daemons.subList(1, daemons.size()).stream().map(Process::toHandle).toList();
  }

  /** The executor JVMs the workers run now. */
  List<ProcessHandle> executors() {
    return workers().stream()
        .flatMap(ProcessHandle::descendants)
        .filter(p -> p.info().commandLine().orElse("").contains(EXECUTOR_MAIN))
        .toList();
  }

  /** How many executors the workers launched so far, running or ended (their web UIs' JSON). */
  int executorsLaunched() throws IOException {
    int launched = 0;
    for (int port : workerUiPorts) {
      JsonNode state = new ObjectMapper().readTree(new URL("http://127.0.0.1:" + port + "/json"));
      launched += state.path("executors").size() + state.path("finishedexecutors").size();
    }
    return launched;
  }

  private void startDaemon(String name, String ready, String mainClass, String... args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.addAll(List.of(JavaModuleOptions.defaultModuleOptions().split("\\s+")));
    command.addAll(List.of("-cp", home.resolve("jars") + "/*", mainClass));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("SPARK_HOME", home.toString());
    builder.environment().put("SPARK_SCALA_VERSION", "2.12");
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    Process process = builder.start();
    daemons.add(process);
    CompletableFuture<Void> up = new CompletableFuture<>();
    Path log = logs.resolve(name + ".log");
    Thread copy =
        new Thread(
            () -> {
              try (BufferedReader lines =
                      new BufferedReader(
                          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                  Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                  out.write(line + "\n");
                  out.flush();
                  if (line.contains(ready)) {
                    up.complete(null);
                  }
                }
                up.completeExceptionally(
                    new IllegalStateException("Spark " + name + " ended; its log: " + log));
              } catch (IOException e) {
                up.completeExceptionally(new UncheckedIOException(e));
              }
            },
            "spark-" + name + "-log");
    copy.setDaemon(true);
    copy.start();
    try {
      up.get(3, TimeUnit.MINUTES);
    } catch (TimeoutException e) {
      throw new IllegalStateException("Spark " + name + " not up after 3 minutes; log: " + log, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Stops the executors, the workers and the master, each with SIGKILL, and waits for them. */
  @Override
  public void close() {
    List<ProcessHandle> all = new ArrayList<>(executors());
    for (int i = daemons.size() - 1; i >= 0; i--) {
      all.add(daemons.get(i).toHandle());
    }
    all.forEach(ProcessHandle::destroyForcibly);
    all.forEach(p -> p.onExit().join());
  }
}
