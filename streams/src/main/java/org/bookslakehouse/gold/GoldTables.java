package org.bookslakehouse.gold;

import java.util.List;

/** The gold tables, in the order the contract lists them. */
public final class GoldTables {
  private GoldTables() {}

  public static List<GoldTable> all() {
    return List.of(
        new GoldBookStats(),
        new GoldAuthorStats(),
        new GoldReaderStats(),
        new GoldPublisherYearStats(),
        new GoldCountryStats(),
        new GoldAgeGroupStats());
  }
}
