package org.bookslakehouse.generate;

/**
 * The sizes and the quirk mix of the real Book-Crossing dump, as measured from the files in {@code
 * ../shared/data/book-crossing/} (see its SOURCE.md) with a quote-aware parser that treats {@code
 * \"} as an escaped quote. Rates are per row of their source.
 *
 * <ul>
 *   <li>Users: the complete original {@code BX-Users.csv.gz} (278,858 rows).
 *   <li>Books: only the first 999 rows survive ({@code partial/BX-Books.head-999...}); their
 *       figures are from SOURCE.md. The three shifted rows are the contract's (ISBNs 0789466953,
 *       078946697X, 2070426769).
 *   <li>Ratings: the 39,268-row middle chunk ({@code partial/BX-Book-Ratings.chunk-...}) for the
 *       explicit rating distribution and the odd ISBNs; the published totals of the dump for the
 *       share of zeros (716,109 of 1,149,780) and of ratings of books missing from BX-Books
 *       (1,149,780 - 1,031,136 = 118,644), and the number of users with a rating (105,283).
 * </ul>
 */
final class QuirkMix {
  private QuirkMix() {}

  // Sizes of the real dump (scale 1).
  static final long BOOKS = 271_379;
  static final long USERS = 278_858;
  static final long RATINGS = 1_149_780;

  // Books (head-999 of BX-Books, SOURCE.md): &amp; in 44 rows, year 0 in 14, \" in 1, non-ASCII
  // (Latin-1 mojibake) in 48; no odd ISBNs, no numeric references, no year > 2004 in the head.
  static final double BOOK_AMP_TITLE = 15.0 / 999;
  static final double BOOK_AMP_PUBLISHER = 29.0 / 999;
  static final double BOOK_YEAR_ZERO = 14.0 / 999;
  static final double BOOK_ESCAPED_QUOTE = 1.0 / 999;
  static final double BOOK_NON_ASCII = 48.0 / 999;
  // The full dump has a handful of years after 2004 (2030, 2050, ...): about 1 in 20,000 rows.
  static final double BOOK_FUTURE_YEAR = 0.00005;
  // The three column-shifted rows of 271,379 (CONTRACT.md): round(3 * scale) rows, evenly spread.
  static final double BOOK_SHIFTED = 3.0 / 271_379;
  // Authors per book: the dump has about 102,000 distinct authors and 16,800 publishers.
  static final double BOOKS_PER_AUTHOR = 2.65;
  static final double BOOKS_PER_PUBLISHER = 16.2;
  // Author spelled in another case than its most frequent spelling (not measured: a guess).
  static final double BOOK_AUTHOR_CASE_VARIANT = 0.02;

  // Users (complete BX-Users.csv, measured): NULL age 110,762; age < 5: 882 (age 0: 416); age >
  // 100: 366; \" in 681; &#NNN; in 145; bare LF in 1; literal ';' (outside a reference) in 14;
  // non-ASCII in 9,077; "n/a" in 13,464; location part counts 1:1, 2:1, 3:277,348, 4:1,417,
  // 5:72, 6+:19; empty country (trailing comma) 4,588.
  static final double USER_NULL_AGE = 110_762.0 / 278_858;
  static final double USER_AGE_BELOW_5 = 882.0 / 278_858;
  static final double USER_AGE_ABOVE_100 = 366.0 / 278_858;
  static final double USER_ESCAPED_QUOTE = 681.0 / 278_858;
  static final double USER_ENTITY = 145.0 / 278_858;
  // The one bare LF is in User-ID 275081's Location: every user whose id is that modulo USERS.
  static final long USER_BARE_LF_ID = 275_081;
  static final double USER_SEMICOLON = 14.0 / 278_858;
  static final double USER_NON_ASCII = 9_077.0 / 278_858;
  static final double USER_NA = 13_464.0 / 278_858;
  static final double USER_PARTS_1_2 = 2.0 / 278_858;
  static final double USER_PARTS_4 = 1_417.0 / 278_858;
  static final double USER_PARTS_5_PLUS = 91.0 / 278_858;
  static final double USER_EMPTY_COUNTRY = 4_588.0 / 278_858;

  // Countries of the users (measured; the top 24, the rest spread over a long tail).
  static final String[] COUNTRIES = {
    "usa", "canada", "united kingdom", "germany", "spain", "australia", "italy", "france",
    "portugal", "new zealand", "netherlands", "switzerland", "brazil", "china", "sweden", "india",
    "austria", "malaysia", "argentina", "finland", "singapore", "denmark", "mexico", "belgium"
  };
  static final int[] COUNTRY_USERS = {
    139_712, 21_658, 18_556, 17_073, 13_258, 11_785, 11_271, 3_487, 3_390, 3_120, 3_051, 1_762,
    1_681, 1_490, 1_456, 1_302, 1_149, 1_125, 1_088, 943, 928, 857, 850, 823
  };
  // Users whose country is none of the above (278,858 - 4,588 empty - the sum above).
  static final int OTHER_COUNTRY_USERS = 278_858 - 4_588 - 261_815;

  // Ratings: users with at least one rating, zeros, unknown books (published totals).
  static final double RATING_USERS = 105_283.0 / 278_858;
  static final double RATING_ZERO = 716_109.0 / 1_149_780;
  static final double RATING_UNKNOWN_BOOK = 118_644.0 / 1_149_780;
  // Explicit ratings 1..10 of the middle chunk.
  static final int[] EXPLICIT_COUNTS = {70, 87, 218, 282, 1_963, 1_295, 2_593, 3_569, 2_154, 2_880};
  // Odd ISBNs of the middle chunk (39,268 rows): 9 digits 178, 8 digits 32, 11 digits 68, 12
  // digits 26, 13 digits 43, other characters 116, escaped quotes 1; lower-case x 10 more.
  static final double RATING_ODD_ISBN = 464.0 / 39_268;
  static final int[] ODD_ISBN_KINDS = {178, 32, 68, 26, 43, 116, 1};
  static final double RATING_LOWER_X = 10.0 / 39_268;
  // Most ratings by one user in the dump (user 11676).
  static final int MAX_RATINGS_PER_USER = 13_602;
}
