package org.bookslakehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.bookslakehouse.cli.InProcessCli.Result;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code books inspect} end to end on a temporary landing zone: no Spark, nothing written. */
class InspectCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String USERS_HEADER = "\"User-ID\";\"Location\";\"Age\"\r\n";
  private static final String RATINGS_HEADER = "\"User-ID\";\"ISBN\";\"Book-Rating\"\r\n";
  private static final long DAY_1 = 1_700_000_000_000L;
  private static final long DAY_2 = DAY_1 + 86_400_000L;

  @TempDir Path landing;

  private Result inspect(String... args) {
    List<String> all = new ArrayList<>(List.of("inspect", "--landing", landing.toString()));
    all.add("--as-of=2025-06-01");
    all.addAll(List.of(args));
    return InProcessCli.execute(all);
  }

  private Path land(String folder, String name, byte[] content, long modified) throws IOException {
    Path dir = Files.createDirectories(landing.resolve(folder));
    Path file = dir.resolve(name);
    Files.write(file, content);
    Files.setLastModifiedTime(file, FileTime.fromMillis(modified));
    return file;
  }

  private static byte[] latin1(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] gzip(byte[] content) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes)) {
      out.write(content);
    }
    return bytes.toByteArray();
  }

  private static JsonNode source(JsonNode report, String name) {
    for (JsonNode source : report.get("sources")) {
      if (source.get("source").asText().equals(name)) {
        return source;
      }
    }
    throw new AssertionError("no source " + name + " in " + report);
  }

  private static JsonNode quirk(JsonNode source, String id, String detail) {
    for (JsonNode quirk : source.get("quirks")) {
      if (quirk.get("quirk").asText().equals(id)
          && (detail == null
              ? quirk.get("detail").isNull()
              : detail.equals(quirk.get("detail").asText()))) {
        return quirk;
      }
    }
    throw new AssertionError("no quirk " + id + "/" + detail + " in " + source);
  }

  @BeforeEach
  void landDayOneAndTwo() throws IOException {
    // the later file is named first: landing order is modification time, then name
    land(
        "ratings",
        "a-day-2.csv",
        latin1(RATINGS_HEADER + "\"1\";\"0195153448\";\"7\"\r\n\"2\";\"034545104x\";\"0\"\r\n"),
        DAY_2);
    land(
        "ratings",
        "b-day-1.CSV",
        latin1(RATINGS_HEADER + "\"1\";\"0-19-515344-8\";\"5\"\r\n\"2\";\"1234\";\"11\"\r\n"),
        DAY_1);
    land("ratings", "notes.txt", latin1("not a landing file"), DAY_1);
    land("ratings", "_hidden.csv", latin1(RATINGS_HEADER), DAY_1);
    land(
        "users",
        "users.csv.gz",
        gzip(
            latin1(
                USERS_HEADER
                    + "\"1\";\"m\u00fcnchen, n/a, germany\";NULL\r\n\"2\";\"x\";\"300\"\r\n")),
        DAY_1);
  }

  @Test
  void printsATablePerSourceAndTheTotals() {
    Result result = inspect();

    assertThat(result.exitCode()).isZero();
    assertThat(result.err()).isEmpty();
    assertThat(result.out())
        .contains("read only: no table is written")
        .contains("books: no landing folder " + landing.toUri().toString().replaceAll("/$", ""))
        .contains("ratings-deleted: no landing folder")
        .contains("users: ")
        .contains("(1 file, 2 rows)")
        .contains("ratings: ")
        .contains("(2 files, 4 rows)")
        .contains("not read (not *.csv or *.csv.gz, hidden, or a folder): _hidden.csv, notes.txt")
        .containsPattern(
            "\\| bare NULL: Age +\\| +1 \\| users\\.csv\\.gz:2 \"1\";\"m\u00fcnchen, n/a, germany\";NULL")
        .containsPattern(
            "\\| Age above 100 \\(becomes NULL\\) +\\| +1 \\| users\\.csv\\.gz:3 Age: 300")
        .containsPattern(
            "\\| key repeated from an earlier file +\\| +1 \\| a-day-2\\.csv:2 key 1;0195153448")
        .contains("Total: 4 sources, 3 files, 6 rows, 0 unreadable files, 2 missing folders.");
    // b-day-1.CSV landed first
    assertThat(result.out().indexOf("b-day-1.CSV  2 rows"))
        .isPositive()
        .isLessThan(result.out().indexOf("a-day-2.csv  2 rows"));
  }

  @Test
  void jsonIsOneMachineReadableDocument() throws IOException {
    Result result = inspect("--format", "json", "ratings", "users", "books");

    assertThat(result.exitCode()).isZero();
    JsonNode report = JSON.readTree(result.out());
    assertThat(report.get("as_of").asText()).isEqualTo("2025-06-01");
    assertThat(report.get("sources"))
        .extracting(node -> node.get("source").asText())
        .containsExactly("ratings", "users", "books");
    JsonNode ratings = source(report, "ratings");
    assertThat(ratings.get("rows").asLong()).isEqualTo(4);
    assertThat(ratings.get("files"))
        .extracting(file -> file.get("file").asText())
        .containsExactly("b-day-1.CSV", "a-day-2.csv");
    assertThat(ratings.get("files").get(0).get("modification_time").asText())
        .isEqualTo("2023-11-14T22:13:20Z");
    assertThat(ratings.get("ignored"))
        .extracting(JsonNode::asText)
        .containsExactly("_hidden.csv", "notes.txt");
    JsonNode cleansed = quirk(ratings, "isbn-cleansed", null);
    assertThat(cleansed.get("count").asLong()).isEqualTo(2);
    assertThat(cleansed.get("examples").get(0).get("file").asText()).isEqualTo("b-day-1.CSV");
    assertThat(cleansed.get("examples").get(0).get("line").asLong()).isEqualTo(2);
    assertThat(cleansed.get("examples").get(0).get("value").asText())
        .isEqualTo("0-19-515344-8 -> 0195153448");
    assertThat(quirk(ratings, "isbn-invalid", "4 characters").get("count").asLong()).isEqualTo(1);
    assertThat(quirk(ratings, "rating-invalid", null).get("count").asLong()).isEqualTo(1);
    assertThat(quirk(ratings, "rating-implicit", null).get("count").asLong()).isEqualTo(1);
    assertThat(quirk(ratings, "rating-explicit", null).get("count").asLong()).isEqualTo(2);
    assertThat(quirk(ratings, "key-repeated-across-files", null).get("count").asLong())
        .isEqualTo(1);
    JsonNode users = source(report, "users");
    assertThat(quirk(users, "non-ascii", null).get("examples").get(0).get("value").asText())
        .isEqualTo("Location: m\u00fcnchen, n/a, germany");
    assertThat(quirk(users, "location-na-part", null).get("count").asLong()).isEqualTo(1);
    JsonNode books = source(report, "books");
    assertThat(books.get("folder_exists").asBoolean()).isFalse();
    assertThat(report.get("totals").get("rows").asLong()).isEqualTo(6);
    assertThat(report.get("totals").get("missing_folders").asLong()).isEqualTo(1);
    assertThat(result.err()).contains("books inspect: no landing folder");
  }

  @Test
  void csvHasOneRowPerQuirk() {
    Result result = inspect("--format", "csv", "--examples", "1", "users");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .startsWith("source,quirk,detail,count,examples\n")
        .contains("users,rows,,2,\n")
        .contains(
            "users,bare-null,Age,1,\"users.csv.gz:2 \"\"1\"\";\"\"m\u00fcnchen, n/a, germany\"\";NULL\"\n")
        .contains("users,age-above-100,,1,users.csv.gz:3 Age: 300\n")
        .contains("users,location-parts,3,1,")
        .doesNotContain("ratings");
  }

  @Test
  void aBrokenFileIsReportedAndTheOthersAreStillInspected() throws IOException {
    land("users", "broken.csv.gz", latin1("this is no gzip stream"), DAY_1 - 1);
    byte[] whole = gzip(latin1(USERS_HEADER + "\"7\";\"a, b, c\";\"20\"\r\n".repeat(2000)));
    land("users", "truncated.csv.gz", Arrays.copyOf(whole, whole.length / 2), DAY_2);

    Result result = inspect("users");

    assertThat(result.exitCode()).isEqualTo(InspectCommand.EXIT_UNREADABLE);
    assertThat(result.out())
        .containsPattern(
            "UNREADABLE: Cannot read landed file file:/\\S*/users/broken\\.csv\\.gz at line 1:"
                + " ZipException: Not in GZIP format\\. Nothing of the batch")
        .containsPattern(
            "UNREADABLE: Cannot read landed file file:/\\S*/users/truncated\\.csv\\.gz at line"
                + " \\d+: EOFException: Unexpected end of ZLIB input stream")
        .contains("UNREADABLE: Cannot read landed file")
        .containsPattern("truncated\\.csv\\.gz  \\d+ rows")
        .contains("users.csv.gz  2 rows")
        .containsPattern(
            "\\| unreadable files +\\| +2 \\| broken\\.csv\\.gz:1 Cannot read landed file")
        .contains("2 unreadable files");
  }

  @Test
  void jsonReportsAnUnreadableFileWithItsError() throws IOException {
    land("users", "broken.csv.gz", latin1("this is no gzip stream"), DAY_2);

    Result result = inspect("--format", "json", "users");

    assertThat(result.exitCode()).isEqualTo(InspectCommand.EXIT_UNREADABLE);
    JsonNode users = source(JSON.readTree(result.out()), "users");
    assertThat(users.get("files").get(1).get("error").asText())
        .startsWith("Cannot read landed file")
        .contains("broken.csv.gz at line 1");
    assertThat(users.get("rows").asLong()).isEqualTo(2);
    assertThat(result.err()).contains("books inspect: Cannot read landed file");
  }

  @Test
  void unknownSourceAndNegativeExamplesAreUsageErrors() {
    Result unknown = inspect("authors");
    Result negative = inspect("--examples", "-1");
    Result format = inspect("--format", "xml");

    assertThat(unknown.exitCode()).isEqualTo(BooksCommand.EXIT_USAGE);
    assertThat(unknown.err()).contains("Unknown source 'authors'");
    assertThat(negative.exitCode()).isEqualTo(BooksCommand.EXIT_USAGE);
    assertThat(negative.err()).contains("Invalid --examples -1");
    assertThat(format.exitCode()).isEqualTo(BooksCommand.EXIT_USAGE);
    assertThat(format.err()).contains("Unknown format 'xml'");
  }

  @Test
  void helpDescribesTheCommandAndItsOptions() {
    CommandLine cli = BooksCommand.commandLine();
    StringWriter out = new StringWriter();
    cli.setOut(new PrintWriter(out));

    int code = cli.execute("inspect", "--help");

    assertThat(code).isZero();
    assertThat(out.toString())
        .contains("Usage: books inspect")
        .contains("[SOURCE...]")
        .contains("--examples=N")
        .contains("--format=FORMAT")
        .contains("--landing=URI")
        .contains("without starting Spark or writing any table");
  }
}
