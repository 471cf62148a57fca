-- name: most_active_readers
-- description: The readers who gave the most explicit ratings, with where they live; most
-- description: ratings first, then user id.
-- param: min_ratings INT 1 The least number of explicit ratings (1..10) a reader gave
-- param: top INT 20 How many readers to show
SELECT
  r.user_id,
  r.country,
  r.state,
  r.city,
  r.age,
  r.explicit_ratings_count,
  r.implicit_ratings_count,
  ROUND(r.avg_rating_given, 2) AS avg_rating_given
FROM gold_reader_stats AS r
WHERE r.explicit_ratings_count >= :min_ratings
ORDER BY r.explicit_ratings_count DESC, r.user_id
LIMIT :top;
