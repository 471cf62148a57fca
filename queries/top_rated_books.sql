-- name: top_rated_books
-- description: The best-rated books published in the N years up to the as-of year (year in
-- description: as_of_year - years + 1 .. as_of_year) with at least M explicit ratings; best
-- description: average first, then most ratings, then ISBN.
-- param: as_of_year INT ${as_of_year} The last year counted (default: the year of --as-of)
-- param: years INT 10 How many years, the as-of year included
-- param: min_ratings INT 20 The least number of explicit ratings (1..10) a book needs
-- param: top INT 20 How many books to show
SELECT
  b.isbn,
  b.title,
  b.author,
  b.publisher,
  b.year,
  b.explicit_ratings_count,
  ROUND(b.avg_rating, 2) AS avg_rating
FROM gold_book_stats AS b
WHERE b.year > :as_of_year - :years
  AND b.year <= :as_of_year
  AND b.explicit_ratings_count >= :min_ratings
  AND b.avg_rating IS NOT NULL
ORDER BY b.avg_rating DESC, b.explicit_ratings_count DESC, b.isbn
LIMIT :top;
