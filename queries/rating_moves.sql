-- name: rating_moves
-- description: The books whose average explicit rating moved most since a run: the average before
-- description: and after, from the change feed of gold_book_stats (Delta's table_changes) from the
-- description: version after the one the run left (pipeline_runs.table_versions['gold_book_stats']
-- description: + 1); books new since then are left out. Biggest move first, then ISBN.
-- param: from_version BIGINT - The first version of gold_book_stats after the run
-- param: top INT 20 How many books to show
SELECT
  isbn,
  max_by(title, version_order) AS title,
  max_by(author, version_order) AS author,
  ROUND(min_by(avg_rating, version_order), 2) AS avg_rating_before,
  ROUND(max_by(avg_rating, version_order), 2) AS avg_rating_after,
  ROUND(max_by(avg_rating, version_order) - min_by(avg_rating, version_order), 2) AS moved,
  max_by(explicit_ratings_count, version_order) AS explicit_ratings_count
FROM (
  SELECT
    *,
    _commit_version * 2
      + CASE WHEN _change_type IN ('update_preimage', 'delete') THEN 0 ELSE 1 END AS version_order
  FROM table_changes('gold_book_stats', :from_version)
) AS changes
GROUP BY isbn
HAVING min_by(_change_type, version_order) IN ('update_preimage', 'delete')
  AND max_by(_change_type, version_order) IN ('update_postimage', 'insert')
  AND NOT (min_by(avg_rating, version_order) <=> max_by(avg_rating, version_order))
  AND min_by(avg_rating, version_order) IS NOT NULL
  AND max_by(avg_rating, version_order) IS NOT NULL
ORDER BY abs(moved) DESC, isbn
LIMIT :top;
