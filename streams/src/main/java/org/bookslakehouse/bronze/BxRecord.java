package org.bookslakehouse.bronze;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One parsed data record of a landed BX file.
 *
 * @param values the source's columns in {@link BxSource#columns()} order; a value is {@code null}
 *     for a bare {@code NULL}; all are {@code null} when the record could not be mapped to the
 *     columns (then {@code rescuedData} says why)
 * @param rescuedData a JSON object with what did not fit the schema (the reason, the raw text,
 *     extra columns), or {@code null} for a clean record
 * @param lineNumber the line of the file on which the record starts (the header is line 1)
 */
public record BxRecord(List<String> values, String rescuedData, long lineNumber) {
  public BxRecord {
    values = Collections.unmodifiableList(new ArrayList<>(values));
  }

  public boolean rescued() {
    return rescuedData != null;
  }
}
