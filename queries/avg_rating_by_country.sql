-- name: avg_rating_by_country
-- description: The average explicit rating per country, among countries with at least N
-- description: readers and some explicit rating (readers of unknown country are left out);
-- description: best average first, then most readers, then country.
-- param: min_readers INT 100 The least number of readers a country has
-- param: top INT 50 How many countries to show
SELECT
  c.country,
  c.readers_count,
  c.explicit_ratings_count,
  ROUND(c.avg_rating, 2) AS avg_rating
FROM gold_country_stats AS c
WHERE c.country IS NOT NULL
  AND c.readers_count >= :min_readers
  AND c.avg_rating IS NOT NULL
ORDER BY c.avg_rating DESC, c.readers_count DESC, c.country
LIMIT :top;
