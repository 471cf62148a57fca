package org.bookslakehouse.lake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.GlobFilter;
import org.bookslakehouse.bronze.BxSource;
import org.bookslakehouse.inspect.FileReport;
import org.bookslakehouse.inspect.LandingInspector;
import org.bookslakehouse.inspect.SourceReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one definition of a landed file, and its users that need no Spark (inspect). */
class LandedFilesTest {
  private static final String USERS = "\"User-ID\";\"Location\";\"Age\"\r\n";
  private static final List<String> LANDED =
      List.of("a.csv", "a.csv.gz", "A.CSV", "A.CSV.GZ", "a.Csv", "a.csv.GZ", "BX-Users.csv");
  private static final List<String> NOT_LANDED =
      List.of("a.txt", "a.csv.bak", "a.gz", "a.csv.zip", "csv", "a.csvx", "a.tsv.gz");
  private static final List<String> HIDDEN =
      List.of(".a.csv", "_a.csv", "_SUCCESS", ".a.csv.crc", "._a.CSV.GZ");

  @TempDir Path dir;

  @Test
  void aLandedFileIsACsvOrCsvGzInAnyCaseAndNotHidden() {
    assertThat(LANDED).allMatch(LandedFiles::isLanded);
    assertThat(NOT_LANDED).noneMatch(LandedFiles::isLanded);
    assertThat(HIDDEN).noneMatch(LandedFiles::isLanded);
    assertThat(LandedFiles.isLanded("abfss://c@a.dfs.core.windows.net/x/users/U.CSV.GZ")).isTrue();
    assertThat(LandedFiles.isLanded("file:/landing/users/.part.csv")).isFalse();
    assertThat(List.of("a.csv.gz", "A.CSV.GZ", "a.Csv.Gz")).allMatch(LandedFiles::gzipped);
    assertThat(List.of("a.csv", "A.CSV")).noneMatch(LandedFiles::gzipped);
  }

  @Test
  void theStreamsGlobAdmitsExactlyTheLandedNames() throws IOException {
    // Spark's pathGlobFilter is Hadoop's GlobFilter; hidden names Spark's listing skips itself.
    GlobFilter glob = new GlobFilter(LandedFiles.GLOB);
    for (String name : LANDED) {
      assertThat(glob.accept(new org.apache.hadoop.fs.Path("/l/users/" + name))).as(name).isTrue();
    }
    for (String name : NOT_LANDED) {
      assertThat(glob.accept(new org.apache.hadoop.fs.Path("/l/users/" + name))).as(name).isFalse();
    }
  }

  @Test
  void inspectOpensAnUpperCaseCsvGzAsBronzeDoesAndSkipsHiddenFiles() throws IOException {
    Path users = Files.createDirectories(dir.resolve("users"));
    Files.write(users.resolve("DAY-1.CSV.GZ"), gzip(USERS + "\"1\";\"a, b, c\";\"20\"\r\n"));
    Files.writeString(users.resolve(".day-2.csv"), USERS + "\"2\";\"a, b, c\";\"30\"\r\n");
    Files.writeString(users.resolve("_day-3.csv"), USERS + "\"3\";\"a, b, c\";\"40\"\r\n");

    SourceReport report =
        new LandingInspector(new Configuration(), 2004, 3)
            .inspect(dir.toUri().toString().replaceAll("/$", ""), BxSource.USERS);

    assertThat(report.files()).extracting(FileReport::name).containsExactly("DAY-1.CSV.GZ");
    assertThat(report.files().get(0).headerProblem()).isNull();
    assertThat(report.rows()).isEqualTo(1);
    assertThat(report.ignored()).containsExactly(".day-2.csv", "_day-3.csv");
  }

  static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    }
    return bytes.toByteArray();
  }
}
