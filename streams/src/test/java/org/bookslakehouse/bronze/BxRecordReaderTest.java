package org.bookslakehouse.bronze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.bookslakehouse.lake.LandingFileException;
import org.junit.jupiter.api.Test;

class BxRecordReaderTest {
  private static final String USERS_HEADER = "\"User-ID\";\"Location\";\"Age\"\r\n";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static List<BxRecord> read(BxSource source, String text) {
    return read(source, new StringReader(text));
  }

  private static List<BxRecord> read(BxSource source, Reader reader) {
    List<BxRecord> records = new ArrayList<>();
    try (BxRecordReader in = new BxRecordReader(source, reader, "test.csv")) {
      in.forEachRemaining(records::add);
    }
    return records;
  }

  private static JsonNode rescued(BxRecord record) throws IOException {
    assertThat(record.rescuedData()).as("rescued data").isNotNull();
    return JSON.readTree(record.rescuedData());
  }

  @Test
  void readsQuotedFieldsAndBareNullWithCrlf() {
    List<BxRecord> records =
        read(
            BxSource.USERS,
            USERS_HEADER
                + "\"1\";\"nyc, new york, usa\";NULL\r\n\"2\";\"stockton, ca, usa\";\"18\"\r\n");

    assertThat(records)
        .extracting(BxRecord::values)
        .containsExactly(
            Arrays.asList("1", "nyc, new york, usa", null),
            List.of("2", "stockton, ca, usa", "18"));
    assertThat(records).extracting(BxRecord::lineNumber).containsExactly(2L, 3L);
    assertThat(records).noneMatch(BxRecord::rescued);
  }

  @Test
  void unescapesBackslashQuotes() {
    List<BxRecord> records =
        read(BxSource.USERS, USERS_HEADER + "\"7\";\"the \\\"big\\\" apple, ny, usa\";\"30\"\r\n");

    assertThat(records.get(0).values()).containsExactly("7", "the \"big\" apple, ny, usa", "30");
  }

  @Test
  void keepsBareLineFeedInsideQuotedFieldAndCountsItAsALine() {
    // User 275081 of the real dump has a bare LF inside its quoted Location.
    List<BxRecord> records =
        read(
            BxSource.USERS,
            USERS_HEADER
                + "\"275081\";\"cheyenne, wyoming\nusa\";NULL\r\n"
                + "\"275082\";\"lyon, rhone, france\";\"44\"\r\n");

    assertThat(records).hasSize(2);
    assertThat(records.get(0).values()).containsExactly("275081", "cheyenne, wyoming\nusa", null);
    assertThat(records).extracting(BxRecord::lineNumber).containsExactly(2L, 4L);
  }

  @Test
  void decodesLatin1Bytes() {
    byte[] bytes =
        (USERS_HEADER + "\"9\";\"m\u00fcnchen, bayern, germany\";\"33\"\r\n")
            .getBytes(StandardCharsets.ISO_8859_1);
    assertThat(bytes).contains((byte) 0xFC);

    List<BxRecord> records =
        read(
            BxSource.USERS,
            new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.ISO_8859_1));

    assertThat(records.get(0).values().get(1)).isEqualTo("münchen, bayern, germany");
  }

  @Test
  void readsLineFeedOnlyFilesAndSkipsBlankLines() {
    List<BxRecord> records =
        read(
            BxSource.RATINGS,
            "\"User-ID\";\"ISBN\";\"Book-Rating\"\n\"1\";\"034545104X\";\"0\"\n\n\"2\";\"0155061224\";\"5\"\n\n");

    assertThat(records)
        .extracting(BxRecord::values)
        .containsExactly(List.of("1", "034545104X", "0"), List.of("2", "0155061224", "5"));
    assertThat(records).extracting(BxRecord::lineNumber).containsExactly(2L, 4L);
  }

  @Test
  void mapsColumnsByHeaderNameInAnyOrder() {
    List<BxRecord> records =
        read(
            BxSource.RATINGS,
            "\"ISBN\";\"Book-Rating\";\"User-ID\"\r\n\"034545104X\";\"7\";\"276725\"\r\n");

    assertThat(records.get(0).values()).containsExactly("276725", "034545104X", "7");
    assertThat(records.get(0).rescued()).isFalse();
  }

  @Test
  void extraColumnsLandInRescuedDataAndTheRowIsKept() throws IOException {
    List<BxRecord> records =
        read(
            BxSource.RATINGS,
            "\"User-ID\";\"ISBN\";\"Book-Rating\";\"Source\"\r\n\"5\";\"0155061224\";\"5\";\"app\"\r\n");

    assertThat(records.get(0).values()).containsExactly("5", "0155061224", "5");
    JsonNode rescued = rescued(records.get(0));
    assertThat(rescued.get("Source").asText()).isEqualTo("app");
    assertThat(rescued.get("reason").asText()).contains("does not have");
  }

  @Test
  void recordWithWrongFieldCountIsRescuedWithItsRawText() throws IOException {
    String shifted =
        "\"0789466953\";\"DK Readers: Creating the X-Men (Level 4: Proficient Readers)\\\";James"
            + " Buckley\";\"2000\";\"DK Publishing Inc\";\"http://s\";\"http://m\";\"http://l\"";
    List<BxRecord> records =
        read(
            BxSource.BOOKS,
            String.join(";", quoted(BxSource.BOOKS.header())) + "\r\n" + shifted + "\r\n");

    BxRecord record = records.get(0);
    assertThat(record.values()).containsOnlyNulls();
    JsonNode rescued = rescued(record);
    assertThat(rescued.get("reason").asText()).isEqualTo("7 fields where the header has 8");
    assertThat(rescued.get("raw").asText()).isEqualTo(shifted);
    assertThat(rescued.get("fields").get(1).asText())
        .isEqualTo("DK Readers: Creating the X-Men (Level 4: Proficient Readers)\";James Buckley");
    assertThat(record.lineNumber()).isEqualTo(2);
  }

  @Test
  void wrongHeaderRescuesEveryRowAndSaysWhatIsMissing() throws IOException {
    List<BxRecord> records =
        read(BxSource.RATINGS, "\"User-ID\";\"Location\";\"Age\"\r\n\"1\";\"x\";\"2\"\r\n");

    assertThat(records).hasSize(1);
    assertThat(records.get(0).values()).containsOnlyNulls();
    assertThat(rescued(records.get(0)).get("reason").asText())
        .contains("does not match the ratings source")
        .contains("missing [ISBN, Book-Rating]");
  }

  @Test
  void commaDelimitedFileIsRescuedWithAHint() throws IOException {
    List<BxRecord> records =
        read(
            BxSource.RATINGS,
            "\"User-ID\",\"ISBN\",\"Book-Rating\"\r\n\"1\",\"034545104X\",\"0\"\r\n");

    assertThat(records).hasSize(1);
    assertThat(rescued(records.get(0)).get("reason").asText()).contains("','-delimited");
  }

  @Test
  void emptyFileAndHeaderOnlyFileHaveNoRecords() {
    assertThat(read(BxSource.USERS, "")).isEmpty();
    assertThat(read(BxSource.USERS, USERS_HEADER)).isEmpty();
  }

  @Test
  void truncatedLastRecordIsRescued() throws IOException {
    List<BxRecord> records =
        read(BxSource.USERS, USERS_HEADER + "\"1\";\"nyc, new york, usa\";NULL\r\n\"2\";\"stock");

    assertThat(records).hasSize(2);
    assertThat(records.get(0).rescued()).isFalse();
    assertThat(rescued(records.get(1)).get("reason").asText())
        .isEqualTo("2 fields where the header has 3");
  }

  @Test
  void unterminatedQuoteThatStillGivesTheRightFieldCountIsRescued() throws IOException {
    List<BxRecord> records = read(BxSource.USERS, USERS_HEADER + "\"1\";\"nyc\";\"3");

    assertThat(rescued(records.get(0)).get("reason").asText()).contains("ends inside a quoted");
  }

  @Test
  void hugeFieldIsReadWhole() {
    String big = "x".repeat(1_100_000);
    List<BxRecord> records =
        read(BxSource.USERS, USERS_HEADER + "\"1\";\"" + big + "\";\"20\"\r\n");

    assertThat(records.get(0).values().get(1)).hasSize(big.length());
  }

  @Test
  void brokenGzipStreamFailsNamingTheFile() throws IOException {
    byte[] gzip = gzip(USERS_HEADER + "\"1\";\"nyc, new york, usa\";NULL\r\n".repeat(2000));
    byte[] cut = Arrays.copyOf(gzip, gzip.length / 2);
    Reader reader =
        new InputStreamReader(
            new GZIPInputStream(new ByteArrayInputStream(cut)), StandardCharsets.ISO_8859_1);

    assertThatThrownBy(() -> read(BxSource.USERS, reader))
        .isInstanceOf(LandingFileException.class)
        .hasMessageContaining("test.csv")
        .hasMessageContaining("Fix: move the file out of the landing folder");
  }

  @Test
  void quoteBalanceIgnoresEscapedQuotes() {
    assertThat(BxRecordReader.endsInsideQuotes("\"a \\\"b\\\" c\";\"d\"")).isFalse();
    assertThat(BxRecordReader.endsInsideQuotes("\"a\";\"b")).isTrue();
    assertThat(BxRecordReader.endsInsideQuotes("\"a\";NULL")).isFalse();
  }

  private static List<String> quoted(List<String> fields) {
    return fields.stream().map(f -> "\"" + f + "\"").toList();
  }

  private static byte[] gzip(String text) throws IOException {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    }
    return bytes.toByteArray();
  }
}
