package org.bookslakehouse.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;

/** The landing zone and lake as local folders under a test's work folder. */
final class LocalLake implements LakeLocation {
  private final Path landing;
  private final Path lake;

  LocalLake(Path work) {
    this.landing = work.resolve("landing");
    this.lake = work.resolve("lake");
  }

  @Override
  public String landing() {
    return landing.toString();
  }

  @Override
  public String lake() {
    return lake.toString();
  }

  @Override
  public void land(Path drop, Instant landedAt) throws IOException {
    FileTime time = FileTime.from(landedAt);
    try (Stream<Path> files = Files.walk(drop)) {
      for (Path file :
          files
              .filter(Files::isRegularFile)
              .filter(f -> !f.getFileName().toString().endsWith(".md"))
              .sorted()
              .toList()) {
        Path target = landing.resolve(drop.relativize(file).toString());
        Files.createDirectories(target.getParent());
        Files.copy(file, target);
        Files.setLastModifiedTime(target, time);
      }
    }
  }

  @Override
  public Map<String, String> environment() {
    return Map.of();
  }
}
