package org.bookslakehouse.silver;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.collect.Sets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bookslakehouse.TestLake;
import org.bookslakehouse.lake.LakeLayout;
import org.bookslakehouse.pipeline.StreamRunner;
import org.bookslakehouse.pipeline.TableRun;
import org.bookslakehouse.tables.Tables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled sample's outcome does not depend on the modification times a checkout gives its
 * files: the day-1 landing and the day-2 drop are landed on two lakes, once with every file of a
 * drop in name order of modification time and once in the reverse order, and silver_ratings is the
 * same on both after each day. (Before the day-1 deletions moved to day 2, they sat in the same
 * drop as the ratings they delete, and whichever file a checkout wrote last won.)
 */
class SampleDropOrderTest {
  private static final Path SAMPLES = Path.of("../samples");
  private static final List<String> TABLES =
      List.of("bronze_ratings", "bronze_ratings_deleted", "silver_ratings");
  private static SparkSession spark;

  @TempDir Path dir;

  @BeforeAll
  static void startSpark() {
    spark = TestLake.spark();
  }

  @Test
  void theSampleEndsTheSameWhateverOrderACheckoutGivesTheFilesOfADrop() throws IOException {
    TestLake forward = new TestLake(dir.resolve("forward"));
    TestLake reverse = new TestLake(dir.resolve("reverse"));
    land(forward, SAMPLES.resolve("landing"), false);
    land(reverse, SAMPLES.resolve("landing"), true);
    Map<String, Integer> inNameOrder = runAndReadRatings(forward);
    Map<String, Integer> inReverseOrder = runAndReadRatings(reverse);
    assertThat(inNameOrder).isNotEmpty();
    // Only the difference, if any: the maps hold some 2,500 ratings each.
    assertThat(Sets.symmetricDifference(inNameOrder.entrySet(), inReverseOrder.entrySet()))
        .as("ratings that differ between the two orders")
        .isEmpty();
  }

  /**
   * Copies a drop's files into the lake's landing zone, each later than the one before: in the
   * order of their paths, or in the reverse order. Every file of this drop is later than every file
   * of the drops before.
   */
  private static void land(TestLake lake, Path drop, boolean reversed) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(drop)) {
      files =
          walk.filter(Files::isRegularFile)
              .filter(f -> !f.getFileName().toString().endsWith(".md"))
              .sorted(reversed ? Comparator.reverseOrder() : Comparator.naturalOrder())
              .toList();
    }
    for (Path file : files) {
      Path relative = drop.relativize(file);
      lake.land(
          relative.getParent().toString(),
          relative.getFileName().toString(),
          Files.readAllBytes(file));
    }
  }

  private static Map<String, Integer> runAndReadRatings(TestLake lake) {
    StreamRunner runner = new StreamRunner(spark, lake.settings());
    List<TableRun> runs = new ArrayList<>();
    for (String table : TABLES) {
      runs.add(runner.run(Tables.registry().table(table)));
    }
    assertThat(runs)
        .allSatisfy(
            run ->
                assertThat(run.status())
                    .as(run.table() + ": " + run.message())
                    .isEqualTo(TableRun.Status.SUCCEEDED));
    Map<String, Integer> ratings = new TreeMap<>();
    for (Row row :
        spark
            .read()
            .format("delta")
            .load(LakeLayout.of(lake.settings()).tablePath("silver_ratings"))
            .collectAsList()) {
      ratings.put(row.getAs("user_id") + "/" + row.getAs("isbn"), row.<Integer>getAs("rating"));
    }
    return ratings;
  }
}
