package org.bookslakehouse.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.bookslakehouse.bronze.BxRecord;
import org.bookslakehouse.bronze.BxRecordReader;
import org.bookslakehouse.bronze.BxSource;
import org.junit.jupiter.api.Test;

class GenerateWriterTest {
  @Test
  void writesTheBxDialect() throws Exception {
    StringWriter text = new StringWriter();
    try (BxWriter writer = new BxWriter(text)) {
      writer.write("1", "say \"hi\"; ok", null);
    }
    assertThat(text.toString()).isEqualTo("\"1\";\"say \\\"hi\\\"; ok\";NULL\r\n");
  }

  @Test
  void roundTripsThroughTheBronzeReader() throws Exception {
    StringWriter text = new StringWriter();
    try (BxWriter writer = new BxWriter(text)) {
      writer.write("User-ID", "Location", "Age");
      writer.write("7", "k\u00f6ln, \"nrw\", germany", null);
      writer.write("8", "a\nb, c&#304;; d, e", "33");
    }
    List<BxRecord> records = new ArrayList<>();
    try (BxRecordReader reader =
        new BxRecordReader(BxSource.USERS, new StringReader(text.toString()), "t.csv")) {
      reader.forEachRemaining(records::add);
    }
    assertThat(records).extracting(BxRecord::rescued).containsOnly(false);
    assertThat(records.get(0).values()).containsExactly("7", "k\u00f6ln, \"nrw\", germany", null);
    assertThat(records.get(1).values()).containsExactly("8", "a\nb, c&#304;; d, e", "33");
  }

  @Test
  void isbnsAreValidAndDistinct() {
    Books books = new Books(3, 1000, 2029);
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (long i = 0; i < 5000; i++) {
      String isbn = books.isbn(i);
      assertThat(isbn).matches("[0-9]{9}[0-9X]");
      assertThat(seen.add(isbn)).isTrue();
    }
  }

  @Test
  void authorNamesAreDistinct() {
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (long i = 0; i < 300_000; i++) {
      assertThat(seen.add(Books.authorName(i).toLowerCase(java.util.Locale.ROOT))).isTrue();
    }
  }
}
