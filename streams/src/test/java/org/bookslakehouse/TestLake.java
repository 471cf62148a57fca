package org.bookslakehouse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.LocalDate;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.SparkSession;
import org.bookslakehouse.config.Settings;
import org.bookslakehouse.lake.Sessions;

/**
 * A landing zone and a lake in a test's temporary folder, with a database name of its own (one
 * Spark session serves a whole test class, and its catalog outlives each test).
 */
public final class TestLake {
  private final Path root;
  private final Settings settings;
  private long clock = 1_100_000_000_000L;

  public TestLake(Path root) {
    this.root = root;
    this.settings =
        new Settings(
            root.resolve("landing").toUri().toString().replaceAll("/$", ""),
            root.resolve("lake").toUri().toString().replaceAll("/$", ""),
            "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12),
            LocalDate.of(2004, 10, 31),
            OptionalInt.empty(),
            Settings.LOCAL_MASTER);
  }

  /** The test session: local[2], two shuffle partitions, no UI. */
  public static SparkSession spark() {
    System.setProperty("spark.master", "local[2]");
    System.setProperty("books.shuffle.partitions", "2");
    return Sessions.create(new TestLake(Path.of(System.getProperty("java.io.tmpdir"))).settings());
  }

  public Settings settings() {
    return settings;
  }

  /** These settings with the landing zone moved to another folder (the lake stays). */
  public Settings withLanding(Path landing) {
    return new Settings(
        landing.toUri().toString().replaceAll("/$", ""),
        settings.lake(),
        settings.database(),
        settings.asOf(),
        settings.maxFilesPerTrigger(),
        settings.master());
  }

  public Path landing(String folder) {
    return root.resolve("landing").resolve(folder);
  }

  /**
   * Lands a file as ISO-8859-1 text (gzipped when the name ends in .gz); each file gets a later
   * modification time than the one before, as a daily drop would.
   */
  public Path land(String folder, String name, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
    if (name.endsWith(".gz")) {
      ByteArrayOutputStream gzip = new ByteArrayOutputStream();
      try (OutputStream out = new GZIPOutputStream(gzip)) {
        out.write(bytes);
      }
      bytes = gzip.toByteArray();
    }
    return land(folder, name, bytes);
  }

  /** Lands a file with exactly these bytes, later than the file landed before. */
  public Path land(String folder, String name, byte[] bytes) throws IOException {
    Path dir = landing(folder);
    Files.createDirectories(dir);
    Path file = dir.resolve(name);
    Files.write(file, bytes);
    clock += 60_000;
    Files.setLastModifiedTime(file, FileTime.fromMillis(clock));
    return file;
  }
}
