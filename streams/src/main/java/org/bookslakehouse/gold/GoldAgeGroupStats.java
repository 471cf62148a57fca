package org.bookslakehouse.gold;

/**
 * {@code gold_age_group_stats}: readers, explicit ratings and their mean per age group ({@code
 * 0-10}, ..., {@code 91-100}, NULL without age).
 */
public final class GoldAgeGroupStats extends ReaderGroupStats {
  public static final String NAME = "gold_age_group_stats";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  protected String group() {
    return "age_group";
  }

  @Override
  protected String groupComment() {
    return "the readers' age group: 0-10, 11-20, ..., 91-100; NULL for the readers whose age is unknown";
  }

  @Override
  protected String groupExpression() {
    return GoldSupport.AGE_GROUP_SQL;
  }
}
