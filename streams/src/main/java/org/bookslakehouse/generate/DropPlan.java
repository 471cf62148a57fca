package org.bookslakehouse.generate;

/**
 * How much one daily drop changes, from the first dump's sizes and the daily change rate {@code c}
 * (the share of the first dump's ratings one day touches): of those rating events 40% are new
 * ratings, 45% change an existing rating and 15% delete one. Books and users change at fixed small
 * rates: 0.05% new books (half of them ISBNs that ratings already named: a dimension arriving
 * late), 0.05% new users, 0.02% author fixes, 0.02% users who move.
 */
record DropPlan(
    long newRatings,
    long changedRatings,
    long deletedRatings,
    long lateBooks,
    long brandNewBooks,
    long newUsers,
    long authorFixes,
    long moves) {
  static final double NEW_SHARE = 0.40;
  static final double CHANGED_SHARE = 0.45;
  static final double DELETED_SHARE = 0.15;
  static final double NEW_BOOKS = 0.0005;
  static final double NEW_USERS = 0.0005;
  static final double AUTHOR_FIXES = 0.0002;
  static final double MOVES = 0.0002;

  static DropPlan of(long ratings, long books, long users, long unknownBooks, double dailyChange) {
    long events = Math.round(ratings * dailyChange);
    long newBooks = Math.round(books * NEW_BOOKS);
    long late = Math.min(newBooks / 2, unknownBooks);
    return new DropPlan(
        Math.round(events * NEW_SHARE),
        Math.round(events * CHANGED_SHARE),
        Math.round(events * DELETED_SHARE),
        late,
        newBooks - late,
        Math.round(users * NEW_USERS),
        Math.round(books * AUTHOR_FIXES),
        Math.round(users * MOVES));
  }

  long ratingEvents() {
    return newRatings + changedRatings + deletedRatings;
  }
}
