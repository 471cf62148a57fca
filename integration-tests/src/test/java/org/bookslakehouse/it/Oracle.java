package org.bookslakehouse.it;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.text.StringEscapeUtils;

/**
 * The expected tables, computed by the test from the landed files alone: the contract's rules
 * applied by hand, without any class of the pipeline. The gold values come out as lines in the form
 * of {@link LakeLines}: values joined by {@code |}, {@code NULL} for a null, means to 6 decimals.
 */
final class Oracle {
  /** A drop landed at an instant: its source folders ({@code books/}, ...) hold its files. */
  record Drop(Path folder, Instant landedAt) {}

  private record Event(Instant landedAt, String fileName, String path, int record) {}

  private record Versioned<T>(Event event, T value) {}

  record Book(String author, String authorKey, String publisher, Integer year) {}

  record User(String country, Integer age) {}

  private static final Comparator<Event> ORDER =
      Comparator.comparing(Event::landedAt)
          .thenComparing(Event::fileName)
          .thenComparing(Event::path)
          .thenComparingInt(Event::record);

  private static final Pattern ENTITY =
      Pattern.compile("&(?:#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,8}|[A-Za-z][A-Za-z0-9]{0,31});");
  private static final Pattern VALID_ISBN = Pattern.compile("[0-9]{9}[0-9X]|[0-9]{13}");
  private static final Pattern DIGITS = Pattern.compile("[0-9]+");
  private static final String SPACE = " \t\r\n\f\u000B";

  final Map<String, Book> books = new HashMap<>();
  final Map<Integer, User> users = new HashMap<>();

  /** Current ratings: (user, isbn) -> rating. */
  final Map<List<Object>, Integer> ratings = new HashMap<>();

  /** Data records per source folder, as bronze must hold them. */
  final Map<String, Long> bronzeRows = new TreeMap<>();

  private Oracle() {}

  /** The expected state after the drops, landed in this order. */
  static Oracle of(List<Drop> drops, int asOfYear) throws IOException {
    Oracle oracle = new Oracle();
    Map<String, Versioned<Book>> books = new HashMap<>();
    Map<Integer, Versioned<User>> users = new HashMap<>();
    Map<List<Object>, Versioned<Integer>> ratings = new HashMap<>();
    for (Drop drop : drops) {
      for (String source : List.of("books", "users", "ratings", "ratings-deleted")) {
        for (Path file : files(drop.folder().resolve(source))) {
          List<List<String>> records = BxFile.records(file);
          oracle.bronzeRows.merge(source, (long) records.size(), Long::sum);
          for (int i = 0; i < records.size(); i++) {
            Event event =
                new Event(drop.landedAt(), file.getFileName().toString(), file.toString(), i);
            List<String> f = records.get(i);
            switch (source) {
              case "books" -> book(f, asOfYear).ifPresent(b -> newest(books, b.k(), event, b.v()));
              case "users" -> user(f).ifPresent(u -> newest(users, u.k(), event, u.v()));
              case "ratings" -> rating(f).ifPresent(r -> newest(ratings, r.k(), event, r.v()));
              default -> deletion(f).ifPresent(k -> newest(ratings, k, event, null));
            }
          }
        }
      }
    }
    books.forEach((k, v) -> oracle.books.put(k, v.value()));
    users.forEach((k, v) -> oracle.users.put(k, v.value()));
    ratings.forEach(
        (k, v) -> {
          if (v.value() != null) {
            oracle.ratings.put(k, v.value());
          }
        });
    return oracle;
  }

  private static List<Path> files(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .filter(p -> p.getFileName().toString().matches("(?i).*\\.csv(\\.gz)?"))
          .sorted()
          .toList();
    }
  }

  private static <K, V> void newest(Map<K, Versioned<V>> map, K key, Event event, V value) {
    Versioned<V> current = map.get(key);
    if (current == null || ORDER.compare(event, current.event()) > 0) {
      map.put(key, new Versioned<>(event, value));
    }
  }

  private record Keyed<K, V>(K k, V v) {}

  private static java.util.Optional<Keyed<String, Book>> book(List<String> raw, int asOfYear) {
    List<String> f = raw;
    if (f.size() == 7) {
      // A title ending in \"; swallowed the author: split them again.
      String merged = f.get(1) == null ? "" : f.get(1).replace("\";\"", "\";");
      int at = merged.indexOf("\";");
      if (at < 0 || merged.indexOf("\";", at + 1) >= 0) {
        return java.util.Optional.empty();
      }
      f = new ArrayList<>(f);
      f.set(1, merged.substring(0, at));
      f.add(2, merged.substring(at + 2));
    }
    if (f.size() != 8) {
      return java.util.Optional.empty();
    }
    String isbn = isbn(f.get(0));
    if (isbn == null) {
      return java.util.Optional.empty();
    }
    String author = text(f.get(2));
    Long year = integer(f.get(3));
    return java.util.Optional.of(
        new Keyed<>(
            isbn,
            new Book(
                author,
                author == null ? null : author.toLowerCase(Locale.ROOT),
                text(f.get(4)),
                year != null && year >= 1000 && year <= asOfYear ? year.intValue() : null)));
  }

  private static java.util.Optional<Keyed<Integer, User>> user(List<String> f) {
    Integer id = f.size() == 3 ? userId(f.get(0)) : null;
    if (id == null) {
      return java.util.Optional.empty();
    }
    Long age = integer(f.get(2));
    return java.util.Optional.of(
        new Keyed<>(
            id,
            new User(
                country(text(f.get(1))),
                age != null && age >= 5 && age <= 100 ? age.intValue() : null)));
  }

  private static java.util.Optional<Keyed<List<Object>, Integer>> rating(List<String> f) {
    if (f.size() != 3) {
      return java.util.Optional.empty();
    }
    Integer user = userId(f.get(0));
    String isbn = isbn(f.get(1));
    Long rating = integer(f.get(2));
    if (user == null || isbn == null || rating == null || rating > 10) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(new Keyed<>(List.of(user, isbn), rating.intValue()));
  }

  private static java.util.Optional<List<Object>> deletion(List<String> f) {
    if (f.size() != 2) {
      return java.util.Optional.empty();
    }
    Integer user = userId(f.get(0));
    String isbn = isbn(f.get(1));
    return user == null || isbn == null
        ? java.util.Optional.empty()
        : java.util.Optional.of(List.of(user, isbn));
  }

  static String isbn(String raw) {
    if (raw == null) {
      return null;
    }
    String cleansed = strip(raw).replaceAll("[- .\"\\\\]", "").toUpperCase(Locale.ROOT);
    return VALID_ISBN.matcher(cleansed).matches() ? cleansed : null;
  }

  static Integer userId(String raw) {
    Long value = integer(raw);
    return value == null || value < 1 || value > Integer.MAX_VALUE ? null : value.intValue();
  }

  /** ASCII digits with white space around them, else null. */
  static Long integer(String raw) {
    if (raw == null) {
      return null;
    }
    String s = strip(raw);
    if (!DIGITS.matcher(s).matches()) {
      return null;
    }
    String significant = s.replaceFirst("^0+(?=.)", "");
    return significant.length() > 18 ? Long.MAX_VALUE : Long.parseLong(significant);
  }

  /** Entities ending in ';' decoded (HTML 4 only), white space trimmed and folded, empty null. */
  static String text(String raw) {
    if (raw == null) {
      return null;
    }
    Matcher m = ENTITY.matcher(raw);
    StringBuilder decoded = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(decoded, Matcher.quoteReplacement(entity(m.group())));
    }
    m.appendTail(decoded);
    StringBuilder folded = new StringBuilder();
    boolean space = false;
    for (char c : decoded.toString().toCharArray()) {
      if (SPACE.indexOf(c) >= 0) {
        space = true;
      } else {
        if (space && folded.length() > 0) {
          folded.append(' ');
        }
        space = false;
        folded.append(c);
      }
    }
    return folded.length() == 0 ? null : folded.toString();
  }

  private static String entity(String entity) {
    if (entity.startsWith("&#")) {
      String digits = entity.substring(2, entity.length() - 1);
      long cp =
          digits.startsWith("x") || digits.startsWith("X")
              ? Long.parseLong(digits.substring(1), 16)
              : Long.parseLong(digits);
      boolean html4 =
          cp == 9
              || cp == 10
              || cp == 13
              || (cp >= 0x20 && cp <= 0x7E)
              || (cp >= 0xA0 && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF));
      return html4 ? new String(Character.toChars((int) cp)) : entity;
    }
    return StringEscapeUtils.unescapeHtml4(entity);
  }

  private static String strip(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && SPACE.indexOf(s.charAt(start)) >= 0) {
      start++;
    }
    while (end > start && SPACE.indexOf(s.charAt(end - 1)) >= 0) {
      end--;
    }
    return s.substring(start, end);
  }

  /** The country of a cleansed location: its third part, or its last of more than three. */
  static String country(String location) {
    if (location == null) {
      return null;
    }
    String[] parts = location.split(",", -1);
    return parts.length < 3 ? null : part(parts[parts.length - 1]);
  }

  private static String part(String raw) {
    String p = strip(raw);
    return p.isEmpty() || p.equalsIgnoreCase("n/a") || p.equalsIgnoreCase("\"n/a\"") ? null : p;
  }

  static String ageGroup(Integer age) {
    if (age == null) {
      return null;
    }
    if (age <= 10) {
      return "0-10";
    }
    int low = (age - 1) / 10 * 10 + 1;
    return low + "-" + (low + 9);
  }

  // ---- gold ----

  /** Explicit (1..10) ratings and implicit (0) ones of a group, as gold figures. */
  private static final class Tally {
    long explicit;
    long sum;
    long implicit;
    final Set<Object> books = new HashSet<>();
    final Set<Object> readers = new HashSet<>();

    void add(int user, String isbn, int rating) {
      if (rating == 0) {
        implicit++;
      } else {
        explicit++;
        sum += rating;
        books.add(isbn);
        readers.add(user);
      }
    }

    String mean() {
      return explicit == 0
          ? "NULL"
          : BigDecimal.valueOf(sum / (double) explicit)
              .setScale(6, RoundingMode.HALF_UP)
              .toPlainString();
    }
  }

  /** Every gold table's expected lines, by table name. */
  Map<String, List<String>> gold() {
    Map<String, List<String>> gold = new TreeMap<>();
    Map<String, Tally> byBook = tallies(k -> (String) k.get(1));
    gold.put(
        "gold_book_stats",
        books.keySet().stream()
            .map(
                isbn -> {
                  Tally t = byBook.getOrDefault(isbn, new Tally());
                  return line(isbn, t.explicit, t.mean(), t.implicit);
                })
            .toList());
    gold.put("gold_author_stats", authors());
    Map<Integer, Tally> byUser = tallies(k -> (Integer) k.get(0));
    gold.put(
        "gold_reader_stats",
        users.entrySet().stream()
            .map(
                e -> {
                  Tally t = byUser.getOrDefault(e.getKey(), new Tally());
                  return line(
                      e.getKey(),
                      e.getValue().country(),
                      ageGroup(e.getValue().age()),
                      t.explicit,
                      t.implicit,
                      t.mean());
                })
            .toList());
    gold.put(
        "gold_publisher_year_stats",
        books.values().stream()
            .collect(
                Collectors.groupingBy(b -> line(b.publisher(), b.year()), Collectors.counting()))
            .entrySet()
            .stream()
            .map(e -> e.getKey() + "|" + e.getValue())
            .toList());
    gold.put("gold_country_stats", groups(u -> u.country(), byUser));
    gold.put("gold_age_group_stats", groups(u -> ageGroup(u.age()), byUser));
    return gold;
  }

  private <K> Map<K, Tally> tallies(Function<List<Object>, K> key) {
    Map<K, Tally> tallies = new HashMap<>();
    ratings.forEach(
        (k, rating) ->
            tallies
                .computeIfAbsent(key.apply(k), x -> new Tally())
                .add((Integer) k.get(0), (String) k.get(1), rating));
    return tallies;
  }

  private List<String> authors() {
    Map<String, List<Map.Entry<String, Book>>> byAuthor =
        books.entrySet().stream()
            .filter(e -> e.getValue().authorKey() != null)
            .collect(Collectors.groupingBy(e -> e.getValue().authorKey()));
    Map<String, Tally> tallies = new HashMap<>();
    ratings.forEach(
        (k, rating) -> {
          Book book = books.get((String) k.get(1));
          if (book != null && book.authorKey() != null && rating > 0) {
            tallies
                .computeIfAbsent(book.authorKey(), x -> new Tally())
                .add((Integer) k.get(0), (String) k.get(1), rating);
          }
        });
    List<String> lines = new ArrayList<>();
    byAuthor.forEach(
        (key, entries) -> {
          Map<String, Long> spellings =
              entries.stream()
                  .collect(
                      Collectors.groupingBy(e -> e.getValue().author(), Collectors.counting()));
          String author =
              spellings.entrySet().stream()
                  .min(
                      Comparator.<Map.Entry<String, Long>>comparingLong(e -> -e.getValue())
                          .thenComparing(Map.Entry::getKey, Oracle::byCodePoint))
                  .orElseThrow()
                  .getKey();
          Tally t = tallies.getOrDefault(key, new Tally());
          lines.add(
              line(
                  key,
                  author,
                  entries.size(),
                  t.books.size(),
                  t.explicit,
                  t.mean(),
                  t.readers.size()));
        });
    return lines;
  }

  private List<String> groups(Function<User, String> group, Map<Integer, Tally> byUser) {
    Map<String, List<Integer>> members = new HashMap<>();
    users.forEach(
        (id, user) ->
            members
                .computeIfAbsent(
                    Objects.toString(group.apply(user), "NULL"), x -> new ArrayList<>())
                .add(id));
    List<String> lines = new ArrayList<>();
    members.forEach(
        (key, ids) -> {
          Tally t = new Tally();
          for (Integer id : ids) {
            Tally u = byUser.get(id);
            if (u != null) {
              t.explicit += u.explicit;
              t.sum += u.sum;
            }
          }
          lines.add(line(key, ids.size(), t.explicit, t.mean()));
        });
    return lines;
  }

  private static int byCodePoint(String a, String b) {
    return java.util.Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
  }

  static String line(Object... values) {
    return Stream.of(values).map(v -> Objects.toString(v, "NULL")).collect(Collectors.joining("|"));
  }
}
