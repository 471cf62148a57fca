package org.bookslakehouse.generate;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The books of a generated dump: book {@code index} has one ISBN and one set of values, derived
 * from the seed and the index alone. Indexes {@code [0, initial)} are the first dump's books,
 * {@code [initial, initial + unknown)} are ISBNs that ratings name but the dump lacks (some arrive
 * later as new books), and indexes after them are books that are new in a daily drop.
 */
final class Books {
  private static final String IMAGES = "http://images.amazon.com/images/P/";
  private static final long ISBN_BODIES = 1_000_000_000L;
  // Coprime to 10^9, so index -> ISBN body is a bijection on [0, 10^9).
  private static final long SCRAMBLE = 387_420_489L;

  private final long seed;
  private final long initial;
  private final long unknown;
  private final long authors;
  private final long publishers;
  private final int asOfYear;
  private final long isbnOffset;

  Books(long seed, long initial, int asOfYear) {
    this.seed = seed;
    this.initial = initial;
    this.unknown = Math.max(1, initial / 3);
    this.authors = Math.max(1, Math.round(initial / QuirkMix.BOOKS_PER_AUTHOR));
    this.publishers = Math.max(1, Math.round(initial / QuirkMix.BOOKS_PER_PUBLISHER));
    this.asOfYear = asOfYear;
    this.isbnOffset = Math.floorMod(Rng.mix(seed), ISBN_BODIES);
  }

  long initial() {
    return initial;
  }

  long unknown() {
    return unknown;
  }

  /** The first index of the books that are new in the drops. */
  long firstNew() {
    return initial + unknown;
  }

  /** The canonical ISBN-10 of book {@code index}. */
  String isbn(long index) {
    long body = Math.floorMod(index * SCRAMBLE + isbnOffset, ISBN_BODIES);
    String digits = String.format(Locale.ROOT, "%09d", body);
    int sum = 0;
    for (int i = 0; i < 9; i++) {
      sum += (10 - i) * (digits.charAt(i) - '0');
    }
    int check = (11 - sum % 11) % 11;
    return digits + (check == 10 ? "X" : Integer.toString(check));
  }

  /** One books row: the eight BX fields, or a raw line for a column-shifted row. */
  // Note: rows are written, never compared or hashed, so the array's identity equality is unused
  @SuppressWarnings("ArrayRecordComponent")
  record Row(String[] fields, String rawLine, long authorIndex, boolean authorVariant) {
    String isbn() {
      return fields[0];
    }

    String author() {
      return fields[2];
    }
  }

  Row book(long index) {
    SplittableRandom rng = Rng.of(seed, Rng.BOOKS, index);
    String isbn = isbn(index);
    String title = title(rng);
    long authorIndex = (long) (authors * square(rng));
    boolean variant = rng.nextDouble() < QuirkMix.BOOK_AUTHOR_CASE_VARIANT;
    String author = authorName(authorIndex);
    if (variant) {
      author =
          rng.nextBoolean() ? author.toUpperCase(Locale.ROOT) : author.toLowerCase(Locale.ROOT);
    }
    String publisher = publisherName((long) (publishers * square(rng)));
    double quirk = rng.nextDouble();
    if (quirk < QuirkMix.BOOK_AMP_TITLE) {
      title = title + " &amp; " + Words.capitalize(Words.pick(rng, Words.TITLE));
    } else if ((quirk -= QuirkMix.BOOK_AMP_TITLE) < QuirkMix.BOOK_AMP_PUBLISHER) {
      publisher = Words.capitalize(Words.pick(rng, Words.LAST)) + " &amp; " + publisher;
    } else if ((quirk -= QuirkMix.BOOK_AMP_PUBLISHER) < QuirkMix.BOOK_ESCAPED_QUOTE) {
      // A quoted word inside the title (the dump's one such row in 999 quotes a nickname).
      title = Words.capitalize(Words.pick(rng, Words.TITLE)) + " \"" + title + "\" Edition";
    } else if ((quirk -= QuirkMix.BOOK_ESCAPED_QUOTE) < QuirkMix.BOOK_NON_ASCII) {
      if (rng.nextBoolean()) {
        author = author + " " + Words.pick(rng, Words.NON_ASCII);
      } else {
        title = title + " " + Words.pick(rng, Words.NON_ASCII);
      }
    }
    String year = Integer.toString(year(rng));
    String[] fields = {
      isbn,
      title,
      author,
      year,
      publisher,
      IMAGES + isbn + ".01.THUMBZZZ.jpg",
      IMAGES + isbn + ".01.MZZZZZZZ.jpg",
      IMAGES + isbn + ".01.LZZZZZZZ.jpg"
    };
    String raw = null;
    if (shifted(index)) {
      // As the dump's three shifted rows: the title ends in an escaped quote that swallows the
      // author, so the parser sees seven fields.
      StringBuilder line = new StringBuilder();
      line.append(BxWriter.quote(isbn)).append(';');
      line.append('"').append(title).append("\\\";").append(author).append('"');
      for (int i = 3; i < fields.length; i++) {
        line.append(';').append(BxWriter.quote(fields[i]));
      }
      raw = line.toString();
    }
    return new Row(fields, raw, authorIndex, variant);
  }

  /**
   * Whether book {@code index} is written column-shifted: {@code round(3 * scale)} of the first
   * dump's books, evenly spread, so every dump of a scale has the same number the real one has.
   */
  boolean shifted(long index) {
    long count = Math.round(QuirkMix.BOOK_SHIFTED * initial);
    if (count == 0 || index >= initial) {
      return false;
    }
    long stride = initial / count;
    return index % stride == stride / 2 && index / stride < count;
  }

  /**
   * Book {@code index} after an author fix: a book whose author was spelled in another case gets
   * the canonical spelling; any other book gets another author (the record was wrong).
   */
  Row authorFixed(long index, long day) {
    Row row = book(index);
    SplittableRandom rng = Rng.of(seed, Rng.AUTHOR_FIX + Rng.DAY * day, index);
    String author;
    long authorIndex = row.authorIndex();
    if (row.authorVariant()) {
      author = authorName(authorIndex);
    } else {
      long other = (authorIndex + 1 + rng.nextLong(Math.max(1, authors - 1))) % authors;
      authorIndex = other;
      author = authorName(other);
    }
    String[] fields = row.fields().clone();
    fields[2] = author;
    return new Row(fields, null, authorIndex, false);
  }

  private int year(SplittableRandom rng) {
    double r = rng.nextDouble();
    if (r < QuirkMix.BOOK_YEAR_ZERO) {
      return 0;
    }
    if (r < QuirkMix.BOOK_YEAR_ZERO + QuirkMix.BOOK_FUTURE_YEAR) {
      return asOfYear + 1 + rng.nextInt(50);
    }
    int year = (int) Math.round(1996 + 8 * rng.nextGaussian());
    return Math.max(1900, Math.min(2004, year));
  }

  private static String title(SplittableRandom rng) {
    int words = 1 + rng.nextInt(5);
    StringBuilder title = new StringBuilder();
    for (int i = 0; i < words; i++) {
      if (i > 0) {
        title.append(' ');
      }
      title.append(Words.capitalize(Words.pick(rng, Words.TITLE)));
    }
    return title.toString();
  }

  /** Author {@code index}'s canonical name, e.g. {@code Mary K. Smith}. */
  static String authorName(long index) {
    int first = (int) (index % Words.FIRST.length);
    long rest = index / Words.FIRST.length;
    int last = (int) (rest % Words.LAST.length);
    rest /= Words.LAST.length;
    StringBuilder name = new StringBuilder(Words.FIRST[first]).append(' ');
    if (rest > 0) {
      name.append((char) ('A' + (rest - 1) % 26)).append(". ");
    }
    name.append(Words.LAST[last]);
    long group = rest > 0 ? (rest - 1) / 26 : 0;
    if (group > 0) {
      name.append(' ').append(Words.capitalize(Words.place(group)));
    }
    return name.toString();
  }

  static String publisherName(long index) {
    String suffix = Words.PUBLISHER_SUFFIX[(int) (index % Words.PUBLISHER_SUFFIX.length)];
    return Words.capitalize(Words.place(index / Words.PUBLISHER_SUFFIX.length)) + " " + suffix;
  }

  /** Skews towards 0: half uniform, half the square of a uniform (a popular head). */
  static double square(SplittableRandom rng) {
    double u = rng.nextDouble();
    return rng.nextBoolean() ? u : u * u;
  }
}
