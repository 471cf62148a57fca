package org.bookslakehouse.generate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The ratings of a generated dump. How many ratings each initial user has is drawn once (an array
 * of one int per user, heavy-tailed like the dump's) and adjusted so the total is exact; a user's
 * ratings themselves are regenerated from the seed and the User-ID whenever they are needed, so the
 * dump is written, and drops pick existing keys, without holding any rating in memory.
 */
final class Ratings {
  private static final int[] EXPLICIT_CUMULATIVE;

  static {
    EXPLICIT_CUMULATIVE = new int[10];
    int sum = 0;
    for (int i = 0; i < 10; i++) {
      sum += QuirkMix.EXPLICIT_COUNTS[i];
      EXPLICIT_CUMULATIVE[i] = sum;
    }
  }

  /** One rating: User-ID, the ISBN as written, the rating. */
  record Rating(long userId, String isbn, int value) {
    String[] fields() {
      return new String[] {Long.toString(userId), isbn, Integer.toString(value)};
    }
  }

  private final long seed;
  private final Books books;
  private final int[] counts;
  private final long[] cumulative;

  Ratings(long seed, Books books, long users, long total) {
    this.seed = seed;
    this.books = books;
    this.counts = new int[Math.toIntExact(users)];
    int cap = (int) Math.max(1, Math.min(QuirkMix.MAX_RATINGS_PER_USER, books.initial() / 2));
    // Log-normal counts: median 2, mean about 11 ratings per rating user, as in the dump.
    double mean = QuirkMix.RATINGS / (QuirkMix.USERS * QuirkMix.RATING_USERS);
    double mu = Math.log(2);
    double sigma = Math.sqrt(2 * (Math.log(mean) - mu));
    long sum = 0;
    for (int i = 0; i < counts.length; i++) {
      SplittableRandom rng = Rng.of(seed, Rng.RATING_COUNTS, i + 1L);
      if (rng.nextDouble() < QuirkMix.RATING_USERS) {
        int count = (int) Math.round(Math.exp(mu + sigma * rng.nextGaussian()));
        counts[i] = Math.max(1, Math.min(cap, count));
        sum += counts[i];
      }
    }
    SplittableRandom adjust = Rng.of(seed, Rng.COUNT_ADJUST, 0);
    for (long tries = 0; sum != total && tries < 100L * counts.length + 1_000_000; tries++) {
      int i = adjust.nextInt(counts.length);
      if (sum < total && (counts[i] > 0 || total - sum > counts.length) && counts[i] < cap) {
        counts[i]++;
        sum++;
      } else if (sum > total && counts[i] > 1) {
        counts[i]--;
        sum--;
      }
    }
    this.cumulative = new long[counts.length + 1];
    for (int i = 0; i < counts.length; i++) {
      cumulative[i + 1] = cumulative[i] + counts[i];
    }
  }

  long total() {
    return cumulative[counts.length];
  }

  int count(long userId) {
    return counts[Math.toIntExact(userId - 1)];
  }

  /** The User-ID that holds the {@code n}-th rating of the first dump (0-based). */
  long userOfRating(long n) {
    int low = 0;
    int high = counts.length - 1;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (cumulative[mid + 1] <= n) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low + 1L;
  }

  /** How many ratings of the first dump come before user {@code userId}'s. */
  long firstRatingOf(long userId) {
    return cumulative[Math.toIntExact(userId - 1)];
  }

  /** The first dump's ratings of user {@code userId}, sorted by ISBN as the dump is. */
  List<Rating> of(long userId) {
    return generate(Rng.of(seed, Rng.RATINGS, userId), userId, count(userId), Set.of());
  }

  /** {@code count} ratings of {@code userId} whose ISBNs are not in {@code taken}. */
  List<Rating> generate(SplittableRandom rng, long userId, int count, Set<String> taken) {
    Set<String> seen = new HashSet<>(taken);
    List<Rating> ratings = new ArrayList<>(count);
    for (int attempt = 0; ratings.size() < count && attempt < 20 * count + 20; attempt++) {
      String isbn = isbn(rng);
      if (seen.add(isbn.toUpperCase(Locale.ROOT))) {
        ratings.add(new Rating(userId, isbn, value(rng)));
      }
    }
    ratings.sort((a, b) -> a.isbn().compareTo(b.isbn()));
    return ratings;
  }

  /** A rating value with the dump's mix: 62% zeros, explicit ones as in the middle chunk. */
  static int value(SplittableRandom rng) {
    if (rng.nextDouble() < QuirkMix.RATING_ZERO) {
      return 0;
    }
    int pick = rng.nextInt(EXPLICIT_CUMULATIVE[9]);
    for (int i = 0; i < 10; i++) {
      if (pick < EXPLICIT_CUMULATIVE[i]) {
        return i + 1;
      }
    }
    return 10;
  }

  /** A rated ISBN: mostly a known book (popular ones more often), else unknown or odd. */
  String isbn(SplittableRandom rng) {
    double r = rng.nextDouble();
    if (r < QuirkMix.RATING_ODD_ISBN) {
      return odd(rng, books.isbn(rng.nextLong(books.initial() + books.unknown())));
    }
    String isbn;
    if (r < QuirkMix.RATING_UNKNOWN_BOOK) {
      isbn = books.isbn(books.initial() + rng.nextLong(books.unknown()));
    } else {
      isbn = books.isbn((long) (books.initial() * Books.square(rng)));
    }
    if (isbn.endsWith("X") && rng.nextDouble() < QuirkMix.RATING_LOWER_X * 11) {
      isbn = isbn.substring(0, 9) + "x";
    }
    return isbn;
  }

  /** An ISBN deformed as the dump's odd ones are, in the middle chunk's proportions. */
  static String odd(SplittableRandom rng, String isbn) {
    int total = 0;
    for (int n : QuirkMix.ODD_ISBN_KINDS) {
      total += n;
    }
    int pick = rng.nextInt(total);
    int kind = 0;
    while (pick >= QuirkMix.ODD_ISBN_KINDS[kind]) {
      pick -= QuirkMix.ODD_ISBN_KINDS[kind];
      kind++;
    }
    return switch (kind) {
      case 0 -> isbn.substring(1); // 9 digits: a leading zero lost
      case 1 -> isbn.substring(0, 8);
      case 2 -> isbn + rng.nextInt(10);
      case 3 -> isbn + String.format(Locale.ROOT, "%02d", rng.nextInt(100));
      case 4 -> "978" + isbn;
      case 5 ->
          switch (rng.nextInt(3)) {
            case 0 -> isbn.substring(0, 1) + " " + isbn.substring(1, 5) + " " + isbn.substring(5);
            case 1 -> isbn + ">>" + rng.nextInt(10);
            default -> "B" + isbn.substring(1, 4) + "." + isbn.substring(4);
          };
      default -> "\"" + isbn + "\"";
    };
  }
}
