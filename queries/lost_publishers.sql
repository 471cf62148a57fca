-- name: lost_publishers
-- description: Publishers with at least M books published before year Y and none published in
-- description: Y or later (books of unknown year are left out); most books first, then
-- description: publisher.
-- param: before_year INT 2000 The year Y: a lost publisher's last book is from before it
-- param: min_books INT 5 The least number of books (of known year) a publisher has
-- param: top INT 20 How many publishers to show
SELECT
  p.publisher,
  SUM(p.books_count) AS books_count,
  MIN(p.year) AS first_year,
  MAX(p.year) AS last_year
FROM gold_publisher_year_stats AS p
WHERE p.publisher IS NOT NULL
  AND p.year IS NOT NULL
GROUP BY p.publisher
HAVING MAX(p.year) < :before_year
  AND SUM(p.books_count) >= :min_books
ORDER BY books_count DESC, p.publisher
LIMIT :top;
