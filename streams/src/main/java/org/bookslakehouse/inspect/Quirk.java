package org.bookslakehouse.inspect;

import java.util.Locale;

/**
 * What {@code books inspect} counts in landed rows, in report order. Each has a stable id (for JSON
 * and CSV) and a label (for people); a {@link QuirkCount} adds a detail such as the column or the
 * reason.
 */
public enum Quirk {
  ROWS("rows"),
  RESCUED("rescued rows (bronze _rescued_data)"),
  SHIFTED_REPAIRABLE("shifted rows (7 fields), repairable"),
  SHIFTED_NOT_REPAIRABLE("shifted rows (7 fields), not repairable"),
  BARE_NULL("bare NULL"),
  QUOTE("values with a quote (escaped \\\")"),
  BACKSLASH("values with a backslash"),
  HTML_ENTITY("values with an HTML entity (&name; &#NNN; &#xHH;)"),
  HTML_ENTITY_KEPT("values with an entity cleansing keeps as is"),
  NON_ASCII("values with non-ASCII characters"),
  LINE_BREAK("values with a line break inside"),
  TITLE_ENDS_IN_QUOTE("Book-Title ending in a quote"),
  USER_ID_INVALID("User-ID invalid (quarantined)"),
  ISBN_INVALID("ISBN invalid after cleansing (quarantined)"),
  ISBN_CLEANSED("ISBN valid only after cleansing"),
  YEAR_ZERO("Year-Of-Publication 0 (becomes NULL)"),
  YEAR_BELOW_1000("Year-Of-Publication below 1000, not 0 (becomes NULL)"),
  YEAR_FUTURE("Year-Of-Publication in the future (becomes NULL)"),
  YEAR_NOT_INTEGER("Year-Of-Publication not an integer (becomes NULL)"),
  AGE_BELOW_5("Age below 5 (becomes NULL)"),
  AGE_ABOVE_100("Age above 100 (becomes NULL)"),
  AGE_NOT_INTEGER("Age not an integer (becomes NULL)"),
  LOCATION_EMPTY("Location empty after cleansing"),
  LOCATION_PARTS("Location by comma-separated parts"),
  LOCATION_NA_PART("Location with an n/a part"),
  LOCATION_EMPTY_PART("Location with an empty part"),
  RATING_INVALID("Book-Rating invalid (quarantined)"),
  RATING_IMPLICIT("Book-Rating 0 (implicit)"),
  RATING_EXPLICIT("Book-Rating 1-10 (explicit)"),
  KEY_REPEATED_IN_FILE("key repeated within a file"),
  KEY_REPEATED_ACROSS_FILES("key repeated from an earlier file"),
  UNREADABLE_FILE("unreadable files");

  private final String label;

  Quirk(String label) {
    this.label = label;
  }

  /** The stable id: {@code KEY_REPEATED_IN_FILE} is {@code key-repeated-in-file}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** What people read in the report. */
  public String label() {
    return label;
  }
}
