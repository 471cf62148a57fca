-- name: best_authors
-- description: The authors with the best average explicit rating over all their books, among
-- description: those with at least M explicit ratings; best average first, then most ratings,
-- description: then author key.
-- param: min_ratings INT 50 The least number of explicit ratings (1..10) of an author's books
-- param: top INT 20 How many authors to show
SELECT
  a.author,
  a.books_count,
  a.rated_books_count,
  a.explicit_ratings_count,
  a.readers_count,
  ROUND(a.avg_rating, 2) AS avg_rating
FROM gold_author_stats AS a
WHERE a.author_key IS NOT NULL
  AND a.explicit_ratings_count >= :min_ratings
  AND a.avg_rating IS NOT NULL
ORDER BY a.avg_rating DESC, a.explicit_ratings_count DESC, a.author_key
LIMIT :top;
