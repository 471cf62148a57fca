package org.bookslakehouse.gold;

/** {@code gold_country_stats}: readers, explicit ratings and their mean per country (or NULL). */
public final class GoldCountryStats extends ReaderGroupStats {
  public static final String NAME = "gold_country_stats";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  protected String group() {
    return "country";
  }

  @Override
  protected String groupComment() {
    return "the readers' country; NULL for the readers whose country is unknown";
  }

  @Override
  protected String groupExpression() {
    return "country";
  }
}
