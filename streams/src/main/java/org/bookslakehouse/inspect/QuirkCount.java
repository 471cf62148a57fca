package org.bookslakehouse.inspect;

import java.util.List;

/**
 * How often a quirk occurred in one source, with the first examples.
 *
 * @param quirk what was counted
 * @param detail the column, the reason or the bucket (e.g. {@code Age}, {@code 9 characters}), or
 *     {@code null}
 * @param count how many rows or values showed it
 * @param examples the first occurrences, in landing order
 */
public record QuirkCount(Quirk quirk, String detail, long count, List<Example> examples) {
  public QuirkCount {
    examples = List.copyOf(examples);
  }

  /** The quirk's label with its detail: {@code bare NULL: Age}. */
  public String label() {
    return detail == null ? quirk.label() : quirk.label() + ": " + detail;
  }
}
