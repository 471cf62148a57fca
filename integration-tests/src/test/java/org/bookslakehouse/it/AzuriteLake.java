package org.bookslakehouse.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The landing zone and the lake in two containers of Azurite, reached by the command through
 * hadoop-azure's {@code wasb://} with the account key from its environment. A drop lands as blob
 * uploads in file-name order: a blob's modification time is its upload time (one-second
 * resolution), so later drops are later and files of one drop order by their names.
 */
final class AzuriteLake implements LakeLocation {
  static final String LANDING_CONTAINER = "scenario-landing";
  static final String LAKE_CONTAINER = "scenario-lake";

  private final Azurite azurite = Azurite.shared();

  AzuriteLake() {
    azurite.container(LANDING_CONTAINER);
    azurite.container(LAKE_CONTAINER);
  }

  Azurite azurite() {
    return azurite;
  }

  @Override
  public String landing() {
    return Azurite.wasb(LANDING_CONTAINER, "bx");
  }

  @Override
  public String lake() {
    return Azurite.wasb(LAKE_CONTAINER, "");
  }

  /** The blob name of a path of the landing zone, e.g. {@code users/late.csv}. */
  static String landingBlob(String path) {
    return "bx/" + path;
  }

  @Override
  public void land(Path drop, Instant landedAt) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(drop)) {
      files =
          walk.filter(Files::isRegularFile)
              .filter(f -> !f.getFileName().toString().endsWith(".md"))
              .sorted()
              .toList();
    }
    for (Path file : files) {
      azurite.uploadFile(
          file,
          LANDING_CONTAINER,
          landingBlob(drop.relativize(file).toString().replace('\\', '/')));
    }
  }

  @Override
  public Map<String, String> environment() {
    return Azurite.commandEnvironment();
  }
}
