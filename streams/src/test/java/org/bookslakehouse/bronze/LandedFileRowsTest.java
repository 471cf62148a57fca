package org.bookslakehouse.bronze;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;
import org.bookslakehouse.lake.SerializableConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file that vanishes between the stream's listing and the batch's read: the batch gets exactly
 * what the binaryFile listing handed it (path, modification time, length) for a path that no longer
 * exists. Outcome: skipped, counted as {@code files_missing} (the run prints the count), a warning
 * names the file; the table's other files are read and the table succeeds.
 */
class LandedFileRowsTest {
  @TempDir Path dir;

  private final LongAccumulator rows = new LongAccumulator();
  private final LongAccumulator rescued = new LongAccumulator();
  private final LongAccumulator missing = new LongAccumulator();

  private LandedFileRows reader() {
    return new LandedFileRows(
        BxSource.USERS, new SerializableConfiguration(new Configuration()), rows, rescued, missing);
  }

  private static List<Row> all(Iterator<Row> rows) {
    List<Row> list = new ArrayList<>();
    rows.forEachRemaining(list::add);
    return list;
  }

  @Test
  void aFileGoneBetweenListingAndReadingIsCountedAsMissingAndSkipped() throws IOException {
    Path kept = dir.resolve("day-1.csv");
    Files.writeString(
        kept,
        "\"User-ID\";\"Location\";\"Age\"\r\n\"1\";\"a, b, c\";\"30\"\r\n",
        StandardCharsets.ISO_8859_1);
    Path vanished = dir.resolve("day-2.csv");
    Files.writeString(
        vanished, "\"User-ID\";\"Location\";\"Age\"\r\n", StandardCharsets.ISO_8859_1);
    LandedFile listed = new LandedFile(vanished.toUri().toString(), 1_000L, Files.size(vanished));
    Files.delete(vanished);

    assertThat(all(reader().call(listed))).isEmpty();
    assertThat(missing.value()).isEqualTo(1);

    List<Row> read =
        all(reader().call(new LandedFile(kept.toUri().toString(), 1_000L, Files.size(kept))));
    assertThat(read).hasSize(1);
    assertThat(read.get(0).getString(0)).isEqualTo("1");
    assertThat(rows.value()).isEqualTo(1);
    assertThat(missing.value()).isEqualTo(1);
  }
}
