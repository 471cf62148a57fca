package org.bookslakehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-input catalogue of the README, landed in one container on Azurite and run once: every
 * case with its outcome. The file that vanishes between listing and reading is a unit test
 * (LandedFileRowsTest): its timing cannot be forced from outside the process.
 */
class BadInputIT {
  private static final String CONTAINER = "bad-input";
  private static final String BOOKS_HEADER =
      "\"ISBN\";\"Book-Title\";\"Book-Author\";\"Year-Of-Publication\";\"Publisher\";"
          + "\"Image-URL-S\";\"Image-URL-M\";\"Image-URL-L\"\r\n";

  @TempDir Path work;

  private static String book(String isbn, String title) {
    return String.format(
        "\"%s\";\"%s\";\"Some Author\";\"1999\";\"Some Publisher\";\"s\";\"m\";\"l\"\r\n",
        isbn, title);
  }

  @Test
  void everyBadFileHasItsOutcomeAndTheOtherTablesComplete() throws Exception {
    Azurite azurite = Azurite.shared();
    Path sample = BooksProcess.ROOT.resolve("samples/landing");
    String big = "x".repeat(1 << 20);
    byte[] garbage = new byte[64 * 1024];
    new Random(42).nextBytes(garbage);
    byte[] gzip =
        gzip(
            Files.readAllBytes(
                BooksProcess.ROOT.resolve(
                    "samples/drops/day-2/ratings-deleted/BX-Ratings-Deleted.update-day-2.csv")));
    byte[] corruptGzip = Arrays.copyOf(gzip, gzip.length / 2);
    Map<String, byte[]> files =
        Map.ofEntries(
            // books: the catalogue's text cases beside a good file
            Map.entry(
                "books/good.csv", latin1(BOOKS_HEADER + book("0195153448", "Classical Mythology"))),
            Map.entry("books/empty.csv", new byte[0]),
            Map.entry("books/header-only.csv", latin1(BOOKS_HEADER)),
            Map.entry(
                "books/wrong-header.csv",
                latin1(
                    "\"ISBN\";\"Title\";\"Author\";\"Year\";\"Publisher\";\"S\";\"M\";\"L\"\r\n"
                        + book("0002005018", "Clara Callan"))),
            Map.entry(
                "books/truncated.csv",
                latin1(
                    BOOKS_HEADER
                        + book("0060973129", "Decision in Normandy")
                        + "\"0374157065\";\"Flu: The Story of the Great Influ")),
            Map.entry(
                "books/utf8.csv",
                (BOOKS_HEADER + book("0393045218", "Café Müller"))
                    .getBytes(StandardCharsets.UTF_8)),
            Map.entry("books/big-field.csv", latin1(BOOKS_HEADER + book("0399135782", big))),
            // users: the sample, a comma-delimited file and binary garbage
            Map.entry(
                "users/BX-Users.sample.csv.gz",
                Files.readAllBytes(sample.resolve("users/BX-Users.sample.csv.gz"))),
            Map.entry(
                "users/wrong-delimiter.csv",
                latin1(
                    "\"User-ID\",\"Location\",\"Age\"\r\n\"900001\",\"paris, france\",\"30\"\r\n")),
            Map.entry("users/garbage.csv", garbage),
            // ratings: the sample, untouched
            Map.entry(
                "ratings/BX-Book-Ratings.head-999.csv",
                Files.readAllBytes(sample.resolve("ratings/BX-Book-Ratings.head-999.csv"))),
            // ratings-deleted: a gzip cut in the middle
            Map.entry("ratings-deleted/corrupt.csv.gz", corruptGzip));
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      azurite.upload(file.getValue(), CONTAINER, "landing/" + file.getKey());
    }
    assertThat(azurite.blobs(CONTAINER)).hasSize(files.size());
    String[] where = {
      "--landing",
      Azurite.wasb(CONTAINER, "landing"),
      "--lake",
      Azurite.wasb(CONTAINER, "lake"),
      "--as-of",
      "2004-10-31"
    };
    Map<String, String> env = Azurite.commandEnvironment();
    // The run keeps an event log, as clusters do for their history server; the account key
    // reaches it through the environment, as a real account's does (issue 12, part 4).
    Path eventLog = Files.createDirectories(work.resolve("event-log"));
    Map<String, String> runEnv = new TreeMap<>(env);
    runEnv.put(
        "BOOKS_JAVA_OPTS",
        BooksProcess.JAVA_OPTS
            + " -Dspark.eventLog.enabled=true -Dspark.eventLog.dir="
            + eventLog.toUri());

    BooksProcess.Result run =
        BooksProcess.run(
            work,
            runEnv,
            concat(
                new String[] {
                  "run",
                  "bronze_books",
                  "bronze_users",
                  "bronze_ratings",
                  "bronze_ratings_deleted",
                  "silver_books",
                  "silver_users",
                  "silver_ratings"
                },
                where));
    // The corrupt gzip fails its table, with the file named and what to do; the others complete.
    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
    List<String> lines = run.out().lines().toList();
    assertThat(lines)
        .filteredOn(l -> l.contains("FAILED"))
        .singleElement()
        .asString()
        .matches("(\\d\\d:\\d\\d:\\d\\d )?bronze_ratings_deleted .*");
    // silver_ratings reads it: blocked, not run.
    assertThat(lines)
        .anyMatch(l -> l.matches("(\\d\\d:\\d\\d:\\d\\d )?silver_ratings +BLOCKED .*"));
    for (String table :
        List.of("bronze_books", "bronze_users", "bronze_ratings", "silver_books", "silver_users")) {
      assertThat(lines)
          .as(table)
          .anyMatch(l -> l.matches("(\\d\\d:\\d\\d:\\d\\d )?" + table + " +SUCCEEDED .*"));
    }
    assertThat(run.out())
        .contains("Cannot read landed file")
        .contains("ratings-deleted/corrupt.csv.gz")
        .contains("Fix: move the file out of the landing folder");
    assertNoKeyInClear(eventLog);

    // bronze, per file: rows and rescued rows (empty and header-only files: no rows)
    List<String> bronze =
        sql(
            where,
            env,
            "SELECT source, regexp_extract(_source_file, '[^/]+$', 0) AS file, count(*) AS n,"
                + " count(_rescued_data) AS rescued FROM ("
                + " SELECT 'books' AS source, _source_file, _rescued_data FROM bronze_books"
                + " UNION ALL SELECT 'users', _source_file, _rescued_data FROM bronze_users"
                + " UNION ALL SELECT 'ratings', _source_file, _rescued_data FROM bronze_ratings"
                + " UNION ALL SELECT 'deleted', _source_file, _rescued_data"
                + " FROM bronze_ratings_deleted) GROUP BY 1, 2 ORDER BY 1, 2");
    assertThat(bronze)
        .containsSequence(
            "books,big-field.csv,1,0",
            "books,good.csv,1,0",
            "books,truncated.csv,2,1",
            "books,utf8.csv,1,0",
            "books,wrong-header.csv,1,1")
        .contains(
            "ratings,BX-Book-Ratings.head-999.csv,999,0",
            "users,BX-Users.sample.csv.gz,533,0",
            "users,wrong-delimiter.csv,1,1")
        .noneMatch(l -> l.startsWith("deleted,"))
        .noneMatch(l -> l.contains("empty.csv") || l.contains("header-only.csv"));
    // binary garbage: every record rescued (its "header" is no BX header), none lost
    String[] garbageCounts =
        bronze.stream()
            .filter(l -> l.startsWith("users,garbage.csv,"))
            .findFirst()
            .orElseThrow()
            .split(",", -1);
    assertThat(Long.parseLong(garbageCounts[2]))
        .isPositive()
        .isEqualTo(Long.parseLong(garbageCounts[3]));

    // silver_books: the 1 MB title whole; UTF-8 read as ISO-8859-1 (the contract's encoding):
    // each UTF-8 byte becomes one character, so é is "Ã©" and ü is "Ã¼" (mojibake, kept, not lost)
    assertThat(
            sql(
                where,
                env,
                "SELECT isbn, length(title) AS len, CASE WHEN length(title) < 100 THEN title"
                    + " ELSE 'long' END AS title FROM silver_books ORDER BY isbn"))
        .containsExactly(
            "isbn,len,title",
            "0060973129,20,Decision in Normandy",
            "0195153448,19,Classical Mythology",
            "0393045218,13,CafÃ© MÃ¼ller",
            "0399135782," + big.length() + ",long");

    // the quarantines: each rescued row with its reason; silver_users keeps the sample's 533 rows
    assertThat(
            sql(
                where,
                env,
                "SELECT source, file, sum(n) AS n, min(reason) AS reason FROM ("
                    + " SELECT 'books' AS source, regexp_extract(_source_file, '[^/]+$', 0) AS file, 1 AS n,"
                    + " CASE WHEN _reasons[0] LIKE 'unparseable record: the header does not"
                    + " match%' THEN 'header' WHEN _reasons[0] LIKE 'unparseable record:%'"
                    + " THEN 'unparseable' ELSE _reasons[0] END AS reason"
                    + " FROM silver_books_quarantine UNION ALL"
                    + " SELECT 'users', regexp_extract(_source_file, '[^/]+$', 0), 1,"
                    + " CASE WHEN _reasons[0] LIKE '%file looks _,_-delimited%' THEN 'comma'"
                    + " WHEN _reasons[0] LIKE 'unparseable record: the header does not match%'"
                    + " THEN 'header' ELSE _reasons[0] END FROM silver_users_quarantine"
                    + " UNION ALL SELECT 'silver_users', 'rows', count(*), 'kept' FROM silver_users"
                    + ") GROUP BY 1, 2 ORDER BY 1, 2"))
        .containsExactly(
            "source,file,n,reason",
            "books,truncated.csv,1,unparseable",
            "books,wrong-header.csv,1,header",
            "silver_users,rows,533,kept",
            "users,garbage.csv," + garbageCounts[2] + ",header",
            "users,wrong-delimiter.csv,1,comma");
  }

  /**
   * The event log shows the key's setting, redacted; the key's text is in no file the run wrote:
   * the event log, the command's output and logs, and every blob of the lake (tables,
   * pipeline_runs, checkpoints, locks).
   */
  private void assertNoKeyInClear(Path eventLog) throws IOException {
    // The key's first 20 characters: letters and digits, written the same in any format.
    String key = Azurite.ACCOUNT_KEY.substring(0, 20);
    String eventLogText;
    try (Stream<Path> files = Files.list(eventLog)) {
      List<Path> logs = files.toList();
      assertThat(logs).as("event log files").isNotEmpty();
      eventLogText = Files.readString(logs.get(0), StandardCharsets.ISO_8859_1);
    }
    assertThat(eventLogText)
        .contains("\"fs.azure.account.key.devstoreaccount1.blob.core.windows.net\"")
        .contains("(redacted)");
    try (Stream<Path> files = Files.walk(work)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        assertThat(Files.readString(file, StandardCharsets.ISO_8859_1))
            .as("%s holds the account key", work.relativize(file))
            .doesNotContain(key);
      }
    }
    Azurite azurite = Azurite.shared();
    Set<String> lake = azurite.blobs(CONTAINER).keySet();
    assertThat(lake).anyMatch(b -> b.startsWith("lake/books/checkpoints/"));
    assertThat(lake).anyMatch(b -> b.startsWith("lake/books/tables/pipeline_runs/"));
    for (String blob : lake) {
      assertThat(new String(azurite.read(CONTAINER, blob), StandardCharsets.ISO_8859_1))
          .as("blob %s holds the account key", blob)
          .doesNotContain(key);
    }
  }

  private List<String> sql(String[] where, Map<String, String> env, String statement)
      throws IOException, InterruptedException {
    BooksProcess.Result result =
        BooksProcess.run(
            work, env, concat(concat(new String[] {"sql"}, where), "--format", "csv", statement));
    assertThat(result.exitCode()).as(statement + "\n" + result.err()).isZero();
    return result.out().lines().toList();
  }

  private static byte[] latin1(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] gzip(byte[] content) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(content);
    }
    return bytes.toByteArray();
  }

  private static String[] concat(String[] first, String... rest) {
    String[] all = Arrays.copyOf(first, first.length + rest.length);
    System.arraycopy(rest, 0, all, first.length, rest.length);
    return all;
  }
}
