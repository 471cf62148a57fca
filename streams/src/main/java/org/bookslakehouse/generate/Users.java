package org.bookslakehouse.generate;

import java.util.SplittableRandom;

/**
 * The users of a generated dump: User-ID {@code id} has one location and one age, derived from the
 * seed and the id alone. IDs {@code 1..initial} are the first dump's users; later IDs are new in a
 * daily drop.
 */
final class Users {
  private static final int[] COUNTRY_CUMULATIVE;
  private static final int COUNTRY_TOTAL;

  static {
    COUNTRY_CUMULATIVE = new int[QuirkMix.COUNTRY_USERS.length + 1];
    int sum = 0;
    for (int i = 0; i < QuirkMix.COUNTRY_USERS.length; i++) {
      sum += QuirkMix.COUNTRY_USERS[i];
      COUNTRY_CUMULATIVE[i] = sum;
    }
    sum += QuirkMix.OTHER_COUNTRY_USERS;
    COUNTRY_CUMULATIVE[QuirkMix.COUNTRY_USERS.length] = sum;
    COUNTRY_TOTAL = sum;
  }

  private final long seed;

  Users(long seed) {
    this.seed = seed;
  }

  /** The three BX fields of user {@code id}: User-ID, Location, Age (null for a bare NULL). */
  String[] user(long id) {
    SplittableRandom rng = Rng.of(seed, Rng.USERS, id);
    String location = location(rng);
    if (id % QuirkMix.USERS == QuirkMix.USER_BARE_LF_ID) {
      // The dump's one bare LF inside a quoted field, at the same User-ID.
      int comma = location.indexOf(',');
      location =
          comma < 0
              ? location + "\n"
              : location.substring(0, comma) + "\n" + location.substring(comma);
    }
    String age = age(rng);
    return new String[] {Long.toString(id), location, age};
  }

  /** User {@code id} after a move on {@code day}: a new location, the same age. */
  String[] moved(long id, long day) {
    String[] user = user(id);
    SplittableRandom rng = Rng.of(seed, Rng.MOVE + Rng.DAY * day, id);
    String location = user[1];
    for (int attempt = 0; attempt < 10 && location.equals(user[1]); attempt++) {
      location = location(rng);
    }
    return new String[] {user[0], location, user[2]};
  }

  private static String location(SplittableRandom rng) {
    String country = country(rng);
    String city = Words.place(rng.nextLong(200_000));
    String state = Words.pick(rng, Words.STATES);
    double quirk = rng.nextDouble();
    if (quirk < QuirkMix.USER_NA) {
      state = "n/a";
    } else if ((quirk -= QuirkMix.USER_NA) < QuirkMix.USER_ESCAPED_QUOTE) {
      city = "\"" + city + "\"";
    } else if ((quirk -= QuirkMix.USER_ESCAPED_QUOTE) < QuirkMix.USER_ENTITY) {
      city = city + Words.pick(rng, Words.ENTITIES) + Words.pick(rng, Words.ENTITIES);
    } else if ((quirk -= QuirkMix.USER_ENTITY) < QuirkMix.USER_NON_ASCII) {
      city = Words.pick(rng, Words.NON_ASCII).toLowerCase(java.util.Locale.ROOT) + " " + city;
    } else if ((quirk -= QuirkMix.USER_NON_ASCII) < QuirkMix.USER_SEMICOLON) {
      city = city + "; " + Words.place(rng.nextLong(1000));
    }
    double parts = rng.nextDouble();
    if (parts < QuirkMix.USER_PARTS_1_2) {
      return rng.nextBoolean() ? city : city + ", " + country;
    }
    parts -= QuirkMix.USER_PARTS_1_2;
    if (parts < QuirkMix.USER_PARTS_4) {
      return city + ", " + Words.place(rng.nextLong(5000)) + ", " + state + ", " + country;
    }
    parts -= QuirkMix.USER_PARTS_4;
    if (parts < QuirkMix.USER_PARTS_5_PLUS) {
      return city + ", " + Words.place(rng.nextLong(5000)) + ", n/a, " + state + ", " + country;
    }
    return city + ", " + state + ", " + country;
  }

  private static String country(SplittableRandom rng) {
    if (rng.nextDouble() < QuirkMix.USER_EMPTY_COUNTRY) {
      return "";
    }
    int pick = rng.nextInt(COUNTRY_TOTAL);
    for (int i = 0; i < QuirkMix.COUNTRIES.length; i++) {
      if (pick < COUNTRY_CUMULATIVE[i]) {
        return QuirkMix.COUNTRIES[i];
      }
    }
    return Words.place(1_000 + rng.nextLong(600));
  }

  private static String age(SplittableRandom rng) {
    double r = rng.nextDouble();
    if (r < QuirkMix.USER_NULL_AGE) {
      return null;
    }
    r -= QuirkMix.USER_NULL_AGE;
    if (r < QuirkMix.USER_AGE_BELOW_5) {
      return Integer.toString(rng.nextInt(5));
    }
    r -= QuirkMix.USER_AGE_BELOW_5;
    if (r < QuirkMix.USER_AGE_ABOVE_100) {
      return Integer.toString(101 + rng.nextInt(144));
    }
    int age = (int) Math.round(35 + 13 * rng.nextGaussian());
    return Integer.toString(Math.max(5, Math.min(100, age)));
  }
}
