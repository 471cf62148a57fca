package org.bookslakehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code books inspect} on the bundled day-1 sample {@code samples/landing/}.
 *
 * <p>The expected numbers were counted independently of the Java reader, with Python's csv module
 * in the BX dialect ({@code csv.reader(f, delimiter=';', quotechar='"', escapechar='\\',
 * doublequote=False)} over the Latin-1 decoded files, gunzipped): values containing {@code "},
 * values matching {@code &(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9A-Fa-f]+);}, values with a
 * character above U+007F or a CR/LF; ISBNs with {@code -}, spaces, dots, quotes and backslashes
 * removed and upper-cased, matched against {@code [0-9]{9}[0-9X]|[0-9]{13}}; Location parts from
 * {@code html.unescape(location).split(',')}, a part stripped and unquoted equal to {@code n/a};
 * bare NULLs with the regex {@code (^|;)NULL(;|\r?$)} on the raw lines. Most agree with the quirks
 * table of samples/SOURCE.md (year 0: 14, Age NULL 172, Age < 5: 12, Age > 100: 33, Location parts
 * 1/2/3/4/5+: 1/1/515/7/9, 49 users with references, 52 with escaped quotes).
 */
class InspectSamplesTest {
  private static final Path SAMPLES = Path.of("../samples/landing");

  private static Map<String, Long> counts(JsonNode source) {
    Map<String, Long> counts = new HashMap<>();
    for (JsonNode quirk : source.get("quirks")) {
      String key = quirk.get("quirk").asText();
      if (!quirk.get("detail").isNull()) {
        key += "/" + quirk.get("detail").asText();
      }
      counts.merge(key, quirk.get("count").asLong(), Long::sum);
    }
    return counts;
  }

  private static long sum(Map<String, Long> counts, String prefix) {
    return counts.entrySet().stream()
        .filter(entry -> entry.getKey().startsWith(prefix))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  @Test
  void profilesTheBundledDayOneSample() throws IOException {
    assertThat(Files.isDirectory(SAMPLES)).as("%s exists", SAMPLES.toAbsolutePath()).isTrue();
    InProcessCli.Result result =
        InProcessCli.execute(
            "inspect",
            "--landing",
            SAMPLES.toString(),
            "--as-of",
            "2025-06-01",
            "--format",
            "json");

    assertThat(result.exitCode()).as(result.err()).isZero();
    JsonNode report = new ObjectMapper().readTree(result.out());
    Map<String, JsonNode> sources = new HashMap<>();
    report.get("sources").forEach(source -> sources.put(source.get("source").asText(), source));

    Map<String, Long> books = counts(sources.get("books"));
    assertThat(sources.get("books").get("rows").asLong()).isEqualTo(1002);
    assertThat(books)
        .containsEntry("rescued", 0L)
        .containsEntry("quote", 4L)
        .containsEntry("html-entity", 45L)
        .containsEntry("non-ascii", 64L)
        .containsEntry("year-zero", 14L)
        .containsEntry("year-future/after 2025", 0L)
        .containsEntry("isbn-invalid", 0L)
        .containsEntry("key-repeated-in-file", 0L)
        .containsEntry("key-repeated-across-files", 0L);
    // the three reconstructed rows parse to 8 fields in the BX dialect: titles end in a quote
    assertThat(books)
        .containsEntry("shifted-repairable", 0L)
        .containsEntry("title-ends-in-quote", 3L);

    Map<String, Long> users = counts(sources.get("users"));
    assertThat(sources.get("users").get("rows").asLong()).isEqualTo(533);
    assertThat(users)
        .containsEntry("bare-null/Age", 172L)
        .containsEntry("age-below-5", 12L)
        .containsEntry("age-above-100", 33L)
        .containsEntry("location-parts/1", 1L)
        .containsEntry("location-parts/2", 1L)
        .containsEntry("location-parts/3", 515L)
        .containsEntry("location-parts/4", 7L)
        .containsEntry("location-parts/5+", 9L)
        .containsEntry("location-na-part", 84L)
        .containsEntry("location-empty-part", 20L)
        .containsEntry("quote", 52L)
        .containsEntry("html-entity", 49L)
        .containsEntry("non-ascii", 39L)
        .containsEntry("line-break", 1L)
        .containsEntry("user-id-invalid", 0L);
    JsonNode lineBreak =
        sources.get("users").get("quirks").findParents("quirk").stream()
            .filter(quirk -> quirk.get("quirk").asText().equals("line-break"))
            .findFirst()
            .orElseThrow();
    // user 275081, the file's only bare LF: record 362 starts on line 363
    assertThat(lineBreak.get("examples").get(0).get("line").asLong()).isEqualTo(363);

    Map<String, Long> ratings = counts(sources.get("ratings"));
    assertThat(sources.get("ratings").get("rows").asLong()).isEqualTo(2544);
    assertThat(sum(ratings, "isbn-invalid")).isEqualTo(30);
    assertThat(ratings)
        .containsEntry("isbn-cleansed", 3L)
        .containsEntry("rating-implicit", 1353L)
        .containsEntry("rating-explicit", 1191L)
        .containsEntry("rating-invalid", 0L)
        .containsEntry("key-repeated-across-files", 0L);

    assertThat(sources.get("ratings-deleted").get("rows").asLong()).isZero();
    assertThat(report.get("totals").get("rows").asLong()).isEqualTo(1002 + 533 + 2544);
    assertThat(report.get("totals").get("unreadable_files").asLong()).isZero();
  }
}
