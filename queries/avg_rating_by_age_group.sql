-- name: avg_rating_by_age_group
-- description: Readers, explicit ratings and the average explicit rating per age group
-- description: ('0-10', '11-20', ..., '91-100'), youngest first; readers of unknown age last,
-- description: as the NULL group.
SELECT
  g.age_group,
  g.readers_count,
  g.explicit_ratings_count,
  ROUND(g.avg_rating, 2) AS avg_rating
FROM gold_age_group_stats AS g
ORDER BY g.age_group ASC NULLS LAST;
