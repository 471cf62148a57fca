package org.bookslakehouse.generate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.bookslakehouse.bronze.BxSource;

/**
 * Writes a BX landing dump at a scale and its daily drops, deterministic per seed.
 *
 * <p>Layout under {@code out}: {@code day-0/{books,users,ratings}/BX-*.csv} is the first full dump;
 * {@code day-N/{books,users,ratings,ratings-deleted}/BX-*.day-NNN.csv} is day N's drop (file names
 * sort after the day before's, so landing order holds even when modification times tie); {@code
 * day-N.changes.txt} says what day N changes. Copy a day into a landing folder with {@code cp -r
 * out/day-N/* landing/}.
 */
public final class Generator {
  /** Years after this one are "in the future" for any as-of date up to it. */
  static final int FUTURE_AFTER = 2029;

  /**
   * What to generate. {@code dropScale} sizes the daily drops as for a dump at that scale (the same
   * drop at every scale, for comparing how the daily cost follows the change); 0 means {@code
   * scale}.
   */
  public record Options(
      double scale,
      int days,
      long seed,
      double dailyChange,
      boolean gzip,
      int firstDay,
      double dropScale) {
    public Options {
      if (firstDay < 0 || firstDay > Math.max(days, 0)) {
        throw new IllegalArgumentException(
            "Invalid --first-day " + firstDay + ": pass a day between 0 and --days.");
      }
      if (!(scale > 0) || scale > 1000) {
        throw new IllegalArgumentException(
            "Invalid --scale " + scale + ": pass a number above 0 (1 is the real BX size).");
      }
      if (days < 0) {
        throw new IllegalArgumentException("Invalid --days " + days + ": pass 0 or more.");
      }
      if (!(dailyChange >= 0) || dailyChange > 0.5) {
        throw new IllegalArgumentException(
            "Invalid --daily-change " + dailyChange + ": pass a share between 0 and 0.5.");
      }
      if (!(dropScale >= 0) || dropScale > scale) {
        throw new IllegalArgumentException(
            "Invalid --drop-scale "
                + dropScale
                + ": pass a scale above 0 and at most --scale "
                + scale
                + " (the drops of a smaller dump), or leave it out.");
      }
    }

    /** The scale the daily drops are sized for. */
    double dropSizeScale() {
      return dropScale > 0 ? dropScale : scale;
    }
  }

  /** What one day wrote: rows per source. */
  public record DayCounts(int day, Map<String, Long> rows, String summary) {}

  private final Options options;
  private final Books books;
  private final Users users;
  private final Ratings ratings;
  private final long initialUsers;
  private final DropPlan plan;

  public Generator(Options options) {
    this.options = options;
    long initialBooks = Math.max(2, Math.round(QuirkMix.BOOKS * options.scale()));
    this.initialUsers = Math.max(2, Math.round(QuirkMix.USERS * options.scale()));
    long totalRatings = Math.max(1, Math.round(QuirkMix.RATINGS * options.scale()));
    this.books = new Books(options.seed(), initialBooks, FUTURE_AFTER);
    this.users = new Users(options.seed());
    this.ratings = new Ratings(options.seed(), books, initialUsers, totalRatings);
    // Drops sized for a smaller dump: the same counts as that dump's drops, picked from this one.
    double share = options.dropSizeScale() / options.scale();
    this.plan =
        DropPlan.of(
            Math.round(ratings.total() * share),
            Math.round(initialBooks * share),
            Math.round(initialUsers * share),
            books.unknown(),
            options.dailyChange());
  }

  public DropPlan plan() {
    return plan;
  }

  /** Writes day 0 and every daily drop under {@code out}; returns what each day wrote. */
  public List<DayCounts> write(Path out) throws IOException {
    List<DayCounts> days = new ArrayList<>();
    if (options.firstDay() == 0) {
      days.add(writeDump(out.resolve("day-0")));
    }
    for (int day = Math.max(1, options.firstDay()); day <= options.days(); day++) {
      days.add(writeDrop(out, day));
    }
    return days;
  }

  private String ext() {
    return options.gzip() ? ".csv.gz" : ".csv";
  }

  private Path file(Path dayDir, BxSource source, String base, int day) {
    String name =
        day == 0 ? base + ext() : base + String.format(Locale.ROOT, ".day-%03d", day) + ext();
    return dayDir.resolve(source.folder()).resolve(name);
  }

  DayCounts writeDump(Path dir) throws IOException {
    Map<String, Long> rows = new HashMap<>();
    try (BxWriter writer =
        BxWriter.open(file(dir, BxSource.BOOKS, "BX-Books", 0), BxSource.BOOKS.header())) {
      for (long i = 0; i < books.initial(); i++) {
        writeBook(writer, books.book(i));
      }
      rows.put("books", writer.records());
    }
    try (BxWriter writer =
        BxWriter.open(file(dir, BxSource.USERS, "BX-Users", 0), BxSource.USERS.header())) {
      for (long id = 1; id <= initialUsers; id++) {
        writer.write(users.user(id));
      }
      rows.put("users", writer.records());
    }
    try (BxWriter writer =
        BxWriter.open(
            file(dir, BxSource.RATINGS, "BX-Book-Ratings", 0), BxSource.RATINGS.header())) {
      for (long id = 1; id <= initialUsers; id++) {
        if (ratings.count(id) > 0) {
          for (Ratings.Rating rating : ratings.of(id)) {
            writer.write(rating.fields());
          }
        }
      }
      rows.put("ratings", writer.records());
    }
    String summary =
        String.format(
            Locale.ROOT,
            "day 0: the full dump at scale %s: %d books, %d users, %d ratings%n",
            options.scale(),
            rows.get("books"),
            rows.get("users"),
            rows.get("ratings"));
    return new DayCounts(0, rows, summary);
  }

  private static void writeBook(BxWriter writer, Books.Row row) throws IOException {
    if (row.rawLine() != null) {
      writer.writeRaw(row.rawLine());
    } else {
      writer.write(row.fields());
    }
  }

  DayCounts writeDrop(Path out, int day) throws IOException {
    Path dir = out.resolve("day-" + day);
    long stream = Rng.DAY * day;
    long firstNewUser = initialUsers + (long) (day - 1) * plan.newUsers() + 1;
    Map<String, Long> rows = new HashMap<>();
    List<Long> todaysBooks = new ArrayList<>();
    rows.put("books", writeDayBooks(dir, day, stream, todaysBooks));
    rows.put("users", writeDayUsers(dir, day, stream, firstNewUser));
    // Note: a key gets one event a day (new, changed or deleted rating): both files share these.
    Set<String> touched = new HashSet<>();
    Map<Long, List<Ratings.Rating>> cache = new HashMap<>();
    DayRatings dayRatings =
        writeDayRatings(dir, day, stream, firstNewUser, todaysBooks, touched, cache);
    rows.put("ratings", dayRatings.records());
    rows.put("ratings-deleted", writeDayDeletions(dir, day, stream, touched, cache));
    String summary = daySummary(day, rows, dayRatings.changed());
    Files.writeString(out.resolve("day-" + day + ".changes.txt"), summary, StandardCharsets.UTF_8);
    return new DayCounts(day, rows, summary);
  }

  /** Late books (ISBNs rated before), brand-new books and author fixes; returns the records. */
  private long writeDayBooks(Path dir, int day, long stream, List<Long> todaysBooks)
      throws IOException {
    try (BxWriter writer =
        BxWriter.open(file(dir, BxSource.BOOKS, "BX-Books", day), BxSource.BOOKS.header())) {
      for (long i = 0; i < plan.lateBooks(); i++) {
        long index = books.initial() + ((day - 1) * plan.lateBooks() + i) % books.unknown();
        todaysBooks.add(index);
        writeBook(writer, books.book(index));
      }
      for (long i = 0; i < plan.brandNewBooks(); i++) {
        long index = books.firstNew() + (day - 1) * plan.brandNewBooks() + i;
        todaysBooks.add(index);
        writeBook(writer, books.book(index));
      }
      Set<Long> fixed = new HashSet<>();
      SplittableRandom rng = Rng.of(options.seed(), stream + Rng.AUTHOR_FIX, 0);
      for (long i = 0; i < plan.authorFixes(); i++) {
        long index = rng.nextLong(books.initial());
        if (fixed.add(index)) {
          writer.write(books.authorFixed(index, day).fields());
        }
      }
      return writer.records();
    }
  }

  /** New users and users who moved; returns the records. */
  private long writeDayUsers(Path dir, int day, long stream, long firstNewUser) throws IOException {
    try (BxWriter writer =
        BxWriter.open(file(dir, BxSource.USERS, "BX-Users", day), BxSource.USERS.header())) {
      for (long i = 0; i < plan.newUsers(); i++) {
        writer.write(users.user(firstNewUser + i));
      }
      Set<Long> moved = new HashSet<>();
      SplittableRandom rng = Rng.of(options.seed(), stream + Rng.MOVE, 0);
      for (long i = 0; i < plan.moves(); i++) {
        long id = 1 + rng.nextLong(initialUsers);
        if (moved.add(id)) {
          writer.write(users.moved(id, day));
        }
      }
      return writer.records();
    }
  }

  /** A day's ratings file: its records, and how many of them change a rating of the dump. */
  private record DayRatings(long records, long changed) {}

  /** New ratings (some of today's books and users) and changed ratings of the dump. */
  private DayRatings writeDayRatings(
      Path dir,
      int day,
      long stream,
      long firstNewUser,
      List<Long> todaysBooks,
      Set<String> touched,
      Map<Long, List<Ratings.Rating>> cache)
      throws IOException {
    long usersSoFar = firstNewUser - 1;
    long changed = 0;
    try (BxWriter writer =
        BxWriter.open(
            file(dir, BxSource.RATINGS, "BX-Book-Ratings", day), BxSource.RATINGS.header())) {
      SplittableRandom rng = Rng.of(options.seed(), stream + Rng.RATINGS, 0);
      for (long i = 0; i < plan.newRatings(); i++) {
        long user =
            plan.newUsers() > 0 && rng.nextDouble() < 0.2
                ? firstNewUser + rng.nextLong(plan.newUsers())
                : 1 + rng.nextLong(usersSoFar);
        for (int attempt = 0; attempt < 10; attempt++) {
          String isbn =
              !todaysBooks.isEmpty() && rng.nextDouble() < 0.1
                  ? books.isbn(todaysBooks.get(rng.nextInt(todaysBooks.size())))
                  : ratings.isbn(rng);
          if (!touched.add(key(user, isbn))) {
            continue;
          }
          if (user <= initialUsers && hasInitial(cache, user, isbn)) {
            touched.remove(key(user, isbn));
            continue;
          }
          writer.write(new Ratings.Rating(user, isbn, Ratings.value(rng)).fields());
          break;
        }
      }
      for (long i = 0; i < plan.changedRatings(); i++) {
        Ratings.Rating old = pickInitial(rng, cache);
        if (old != null && touched.add(key(old.userId(), old.isbn()))) {
          int value = (old.value() + 1 + rng.nextInt(10)) % 11;
          writer.write(new Ratings.Rating(old.userId(), old.isbn(), value).fields());
          changed++;
        }
      }
      return new DayRatings(writer.records(), changed);
    }
  }

  /** Deleted ratings of the dump, none of a key rated today; returns the records. */
  private long writeDayDeletions(
      Path dir, int day, long stream, Set<String> touched, Map<Long, List<Ratings.Rating>> cache)
      throws IOException {
    try (BxWriter writer =
        BxWriter.open(
            file(dir, BxSource.RATINGS_DELETED, "BX-Book-Ratings-Deleted", day),
            BxSource.RATINGS_DELETED.header())) {
      SplittableRandom rng = Rng.of(options.seed(), stream + Rng.RATINGS + 1, 0);
      for (long i = 0; i < plan.deletedRatings(); i++) {
        Ratings.Rating old = pickInitial(rng, cache);
        if (old != null && touched.add(key(old.userId(), old.isbn()))) {
          writer.write(Long.toString(old.userId()), old.isbn());
        }
      }
      return writer.records();
    }
  }

  private String daySummary(int day, Map<String, Long> rows, long changed) {
    return String.format(
        Locale.ROOT,
        "day %d: %d new ratings, %d changed ratings, %d deleted ratings; %d new books (%d of"
            + " them ISBNs rated before), %d author fixes; %d new users, %d users who"
            + " moved%n",
        day,
        rows.get("ratings") - changed,
        changed,
        rows.get("ratings-deleted"),
        plan.lateBooks() + plan.brandNewBooks(),
        plan.lateBooks(),
        rows.get("books") - plan.lateBooks() - plan.brandNewBooks(),
        plan.newUsers(),
        rows.get("users") - plan.newUsers());
  }

  private static String key(long user, String isbn) {
    return user + "|" + isbn.toUpperCase(Locale.ROOT);
  }

  private List<Ratings.Rating> initialOf(Map<Long, List<Ratings.Rating>> cache, long user) {
    if (ratings.count(user) < 50) {
      return ratings.of(user);
    }
    return cache.computeIfAbsent(user, ratings::of);
  }

  private boolean hasInitial(Map<Long, List<Ratings.Rating>> cache, long user, String isbn) {
    if (ratings.count(user) == 0) {
      return false;
    }
    String upper = isbn.toUpperCase(Locale.ROOT);
    for (Ratings.Rating rating : initialOf(cache, user)) {
      if (rating.isbn().toUpperCase(Locale.ROOT).equals(upper)) {
        return true;
      }
    }
    return false;
  }

  /** A rating of the first dump, uniformly over all of them. */
  private Ratings.Rating pickInitial(SplittableRandom rng, Map<Long, List<Ratings.Rating>> cache) {
    if (ratings.total() == 0) {
      return null;
    }
    long n = rng.nextLong(ratings.total());
    long user = ratings.userOfRating(n);
    List<Ratings.Rating> list = initialOf(cache, user);
    // Position of n within the user's ratings: n minus the ratings of the users before.
    int position = (int) (n - ratings.firstRatingOf(user));
    return position < list.size() ? list.get(position) : list.isEmpty() ? null : list.get(0);
  }

  /** Writes a one-line summary per day, as {@code MANIFEST.txt} under {@code out}. */
  public void writeManifest(Path out, List<DayCounts> days) {
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            Locale.ROOT,
            "books generate --scale %s --days %d --seed %d --daily-change %s --first-day %d%s%s%n",
            options.scale(),
            options.days(),
            options.seed(),
            options.dailyChange(),
            options.firstDay(),
            options.dropScale() > 0 ? " --drop-scale " + options.dropScale() : "",
            options.gzip() ? " --gzip" : ""));
    for (DayCounts day : days) {
      text.append(day.summary());
    }
    try {
      Files.writeString(out.resolve("MANIFEST.txt"), text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
