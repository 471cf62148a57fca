package org.bookslakehouse.it;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.microsoft.azure.storage.CloudStorageAccount;
import com.microsoft.azure.storage.StorageException;
import com.microsoft.azure.storage.blob.CloudBlob;
import com.microsoft.azure.storage.blob.CloudBlobClient;
import com.microsoft.azure.storage.blob.CloudBlobContainer;
import com.microsoft.azure.storage.blob.ListBlobItem;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.InvalidKeyException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * One Azurite blob service per test JVM at 127.0.0.1:10000 (hadoop-azure's emulator mode has the
 * port hard-wired), started on first use and stopped when the JVM exits.
 *
 * <p>With a Docker engine it is the Testcontainers Azurite container (host port 10000 bound).
 * Without one (CI, these machines) it installs Azurite from npm into {@code
 * ~/.cache/books-lakehouse/azurite-VERSION} (once; reused after), starts {@code azurite-blob} as a
 * child process and destroys it and its process tree at exit. It never skips: no storage, the test
 * fails with what to do.
 *
 * <p>It also carries the helpers the Azure tests share: the command's environment, uploads with a
 * chosen modification-time order, and listing a container's blobs through the storage API (not
 * through Hadoop or the pipeline's code).
 */
final class Azurite {
  static final String VERSION = "3.37.0";
  static final int PORT = 10000;
  static final String ACCOUNT = "devstoreaccount1";

  /**
   * The emulator's well-known account key, published in Azurite's documentation: not a secret.
   * Still, it reaches the command the way a real key does, through the environment.
   */
  static final String ACCOUNT_KEY =
      "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

  private static Azurite shared;

  private final String how;
  private final Runnable stop;
  private final CloudBlobClient client;

  private Azurite(String how, Runnable stop) {
    this.how = how;
    this.stop = stop;
    try {
      this.client =
          CloudStorageAccount.parse(
                  "DefaultEndpointsProtocol=http;AccountName="
                      + ACCOUNT
                      + ";AccountKey="
                      + ACCOUNT_KEY
                      + ";BlobEndpoint=http://127.0.0.1:"
                      + PORT
                      + "/"
                      + ACCOUNT
                      + ";")
              .createCloudBlobClient();
    } catch (URISyntaxException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The one Azurite of this JVM, started on first call. */
  static synchronized Azurite shared() {
    if (shared == null) {
      shared = start();
      Azurite started = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(started.stop, "azurite-stop"));
    }
    return shared;
  }

  /** How it runs: {@code docker} or {@code npm}. */
  String how() {
    return how;
  }

  /** {@code wasb://CONTAINER@devstoreaccount1.blob.core.windows.net/PATH} */
  static String wasb(String container, String path) {
    return "wasb://" + container + "@" + ACCOUNT + ".blob.core.windows.net/" + path;
  }

  /** The environment the command needs for this storage, passed as for a real account. */
  static Map<String, String> commandEnvironment() {
    return Map.of("AZURE_STORAGE_KEY", ACCOUNT_KEY);
  }

  /** Creates a container (a new name per test keeps tests apart) and returns it. */
  CloudBlobContainer container(String name) {
    try {
      CloudBlobContainer container = client.getContainerReference(name);
      container.createIfNotExists();
      return container;
    } catch (URISyntaxException | StorageException e) {
      throw new IllegalStateException("Cannot create container " + name + ": " + e, e);
    }
  }

  /**
   * Uploads every file under {@code folder} to {@code container} below {@code prefix}, keeping
   * relative paths; all files of one call land in the same second or so.
   */
  void uploadFolder(Path folder, String container, String prefix) throws IOException {
    for (Path file : filesUnder(folder)) {
      uploadFile(file, container, prefix + folder.relativize(file).toString().replace('\\', '/'));
    }
  }

  /**
   * Uploads the files one after the other, at least one second apart, so their blobs' modification
   * times (Last-Modified, which has one-second resolution) follow the list's order.
   */
  void uploadInOrder(String container, Map<String, Path> blobToFile) throws IOException {
    boolean first = true;
    for (Map.Entry<String, Path> entry : blobToFile.entrySet()) {
      if (!first) {
        sleep(Duration.ofMillis(1100));
      }
      first = false;
      uploadFile(entry.getValue(), container, entry.getKey());
    }
  }

  /** Uploads one file as one block blob. */
  void uploadFile(Path file, String container, String blob) throws IOException {
    try {
      container(container).getBlockBlobReference(blob).uploadFromFile(file.toString());
    } catch (URISyntaxException | StorageException e) {
      throw new IOException("Cannot upload " + file + " to " + container + "/" + blob, e);
    }
  }

  /** Uploads bytes as one block blob. */
  void upload(byte[] content, String container, String blob) throws IOException {
    try {
      container(container)
          .getBlockBlobReference(blob)
          .uploadFromByteArray(content, 0, content.length);
    } catch (URISyntaxException | StorageException e) {
      throw new IOException("Cannot upload " + container + "/" + blob, e);
    }
  }

  /** Deletes a blob. */
  void delete(String container, String blob) throws IOException {
    try {
      container(container).getBlockBlobReference(blob).delete();
    } catch (URISyntaxException | StorageException e) {
      throw new IOException("Cannot delete " + container + "/" + blob, e);
    }
  }

  /** The content of a blob. */
  byte[] read(String container, String blob) throws IOException {
    try {
      ByteArrayOutputStream content = new ByteArrayOutputStream();
      container(container).getBlobReferenceFromServer(blob).download(content);
      return content.toByteArray();
    } catch (URISyntaxException | StorageException e) {
      throw new IOException("Cannot read " + container + "/" + blob, e);
    }
  }

  /** Every blob of the container (flat listing) with its size in bytes, by name. */
  Map<String, Long> blobs(String container) {
    Map<String, Long> names = new TreeMap<>();
    for (ListBlobItem item : container(container).listBlobs(null, true)) {
      if (item instanceof CloudBlob blob) {
        names.put(blob.getName(), blob.getProperties().getLength());
      }
    }
    return names;
  }

  private static List<Path> filesUnder(Path folder) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(Files::isRegularFile).sorted().toList();
    }
  }

  private static Azurite start() {
    if (portAnswers()) {
      throw new IllegalStateException(
          "Port "
              + PORT
              + " of 127.0.0.1 is taken already, so Azurite cannot start there (hadoop-azure's"
              + " emulator mode only talks to port "
              + PORT
              + "). Stop what listens there (e.g. an Azurite left running: `ss -ltnp | grep "
              + PORT
              + "`) and run the tests again.");
    }
    if (dockerAvailable()) {
      return startContainer();
    }
    return startFromNpm();
  }

  private static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException e) {
      return false;
    }
  }

  @SuppressWarnings("resource") // stopped by the returned Azurite
  private static Azurite startContainer() {
    GenericContainer<?> container =
        new GenericContainer<>(
                DockerImageName.parse("mcr.microsoft.com/azure-storage/azurite:" + VERSION))
            .withCommand(
                "azurite-blob",
                "--blobHost",
                "0.0.0.0",
                "--blobPort",
                String.valueOf(PORT),
                "--skipApiVersionCheck",
                "--disableTelemetry")
            .withExposedPorts(PORT)
            .withCreateContainerCmdModifier(
                cmd ->
                    cmd.getHostConfig()
                        .withPortBindings(
                            new PortBinding(
                                new Ports.Binding("127.0.0.1", String.valueOf(PORT)),
                                new ExposedPort(PORT))))
            .waitingFor(Wait.forListeningPort());
    container.start();
    return new Azurite("docker", container::stop);
  }

  private static Azurite startFromNpm() {
    Path install = installFromNpm();
    Path data;
    Path log;
    try {
      data = Files.createTempDirectory("azurite-data");
      log = Files.createTempFile("azurite", ".log");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path bin = install.resolve("node_modules/.bin/azurite-blob");
    Process process;
    try {
      process =
          new ProcessBuilder(
                  bin.toString(),
                  "--blobHost",
                  "127.0.0.1",
                  "--blobPort",
                  String.valueOf(PORT),
                  "--location",
                  data.toString(),
                  "--skipApiVersionCheck",
                  "--silent",
                  "--disableTelemetry")
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
    } catch (IOException e) {
      throw new IllegalStateException("Cannot start " + bin + ": " + e.getMessage(), e);
    }
    Runnable stop =
        () -> {
          process.descendants().forEach(ProcessHandle::destroy);
          process.destroy();
          try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
              process.descendants().forEach(ProcessHandle::destroyForcibly);
              process.destroyForcibly();
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          deleteQuietly(data);
        };
    Instant deadline = Instant.now().plusSeconds(60);
    while (!portAnswers()) {
      if (!process.isAlive() || Instant.now().isAfter(deadline)) {
        stop.run();
        throw new IllegalStateException(
            "Azurite did not start at 127.0.0.1:" + PORT + ": " + readQuietly(log));
      }
      sleep(Duration.ofMillis(200));
    }
    return new Azurite("npm", stop);
  }

  /** Installs Azurite into the cache folder unless it is there already; returns the folder. */
  private static Path installFromNpm() {
    Path cache =
        Path.of(System.getProperty("user.home"), ".cache", "books-lakehouse", "azurite-" + VERSION);
    if (Files.isExecutable(cache.resolve("node_modules/.bin/azurite-blob"))) {
      return cache;
    }
    String npm = onPath("npm");
    if (npm == null) {
      throw new IllegalStateException(
          "No Docker engine and no npm: the Azure tests need one of them to run Azurite. Fix:"
              + " install Node.js and npm (apt-get install nodejs npm; .ci/run does it) or"
              + " start Docker.");
    }
    Path staging;
    try {
      Files.createDirectories(cache.getParent());
      staging = Files.createTempDirectory(cache.getParent(), "azurite-install");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path log = staging.resolve("npm-install.log");
    try {
      Process npmInstall =
          new ProcessBuilder(
                  npm,
                  "install",
                  "--prefix",
                  staging.toString(),
                  "--no-audit",
                  "--no-fund",
                  "--loglevel=error",
                  "azurite@" + VERSION)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!npmInstall.waitFor(10, TimeUnit.MINUTES) || npmInstall.exitValue() != 0) {
        npmInstall.destroyForcibly();
        throw new IllegalStateException(
            "npm install azurite@" + VERSION + " failed: " + readQuietly(log));
      }
      Files.move(staging, cache, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException e) {
      deleteQuietly(staging); // another JVM installed it meanwhile
    } catch (AtomicMoveNotSupportedException e) {
      throw new IllegalStateException("Cannot move " + staging + " to " + cache, e);
    } catch (IOException e) {
      if (!Files.isExecutable(cache.resolve("node_modules/.bin/azurite-blob"))) {
        throw new UncheckedIOException(e);
      }
      deleteQuietly(staging);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return cache;
  }

  private static String onPath(String command) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(Pattern.quote(File.pathSeparator), -1)) {
      Path candidate = Path.of(dir, command);
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    return null;
  }

  private static boolean portAnswers() {
    try (Socket socket = new Socket()) {
      socket.connect(
          new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), PORT), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String readQuietly(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }

  private static void deleteQuietly(Path folder) {
    try (Stream<Path> paths = Files.walk(folder)) {
      List<Path> all = new ArrayList<>(paths.toList());
      java.util.Collections.reverse(all);
      for (Path path : all) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      // best effort
    }
  }
}
