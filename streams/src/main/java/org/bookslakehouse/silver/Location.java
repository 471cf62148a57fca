package org.bookslakehouse.silver;

/**
 * A user's location, split from the BX {@code Location} field by {@link Cleansing#location}.
 *
 * @param city the first part, or {@code null}
 * @param state the middle part(s), or {@code null}
 * @param country the last part, or {@code null}
 */
public record Location(String city, String state, String country) {
  /** The location of a user without one: all parts {@code null}. */
  public static final Location UNKNOWN = new Location(null, null, null);
}
