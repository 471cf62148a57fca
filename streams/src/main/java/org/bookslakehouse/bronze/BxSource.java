package org.bookslakehouse.bronze;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.Locale;

/**
 * The four Book-Crossing sources of the landing zone: their folder, their header as the BX dump
 * writes it, and the column each header field becomes in bronze.
 */
public enum BxSource {
  BOOKS(
      "books",
      List.of(
          "ISBN",
          "Book-Title",
          "Book-Author",
          "Year-Of-Publication",
          "Publisher",
          "Image-URL-S",
          "Image-URL-M",
          "Image-URL-L")),
  USERS("users", List.of("User-ID", "Location", "Age")),
  RATINGS("ratings", List.of("User-ID", "ISBN", "Book-Rating")),
  RATINGS_DELETED("ratings-deleted", List.of("User-ID", "ISBN"));

  private final String folder;
  private final ImmutableList<String> header;
  private final ImmutableList<String> columns;

  BxSource(String folder, List<String> header) {
    this.folder = folder;
    this.header = ImmutableList.copyOf(header);
    this.columns =
        header.stream().map(BxSource::columnName).collect(ImmutableList.toImmutableList());
  }

  /** The folder below the landing root that this source's files are dropped into. */
  public String folder() {
    return folder;
  }

  /** The header fields as the BX dump writes them, e.g. {@code User-ID}. */
  public ImmutableList<String> header() {
    return header;
  }

  /** The bronze column names, in header order: {@code User-ID} becomes {@code user_id}. */
  public ImmutableList<String> columns() {
    return columns;
  }

  /** The bronze table that holds this source: {@code bronze_ratings_deleted}. */
  public String bronzeTable() {
    return "bronze_" + folder.replace('-', '_');
  }

  /** Looks a source up by its folder name, as users type it on the command line. */
  public static BxSource fromFolder(String folder) {
    for (BxSource source : values()) {
      if (source.folder.equals(folder)) {
        return source;
      }
    }
    throw new IllegalArgumentException(
        "Unknown source '" + folder + "': expected one of books, users, ratings, ratings-deleted.");
  }

  static String columnName(String headerField) {
    return headerField.trim().toLowerCase(Locale.ROOT).replace('-', '_');
  }

  /**
   * The key used to match a header field to a column, whatever its case and punctuation: {@code
   * "User-ID"}, {@code "user_id"} and {@code "User ID"} all become {@code userid}.
   */
  static String matchKey(String headerField) {
    return headerField
        .replace("\uFEFF", "")
        .replace("\u00EF\u00BB\u00BF", "")
        .toLowerCase(Locale.ROOT)
        .replaceAll("[^a-z0-9]", "");
  }
}
