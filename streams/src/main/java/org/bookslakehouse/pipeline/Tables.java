package org.bookslakehouse.pipeline;

import java.util.ArrayList;
import java.util.List;
import org.bookslakehouse.bronze.BronzeTable;

/** The tables of books-lakehouse, in one registry: the lineage and the job's task graph. */
public final class Tables {
  private Tables() {}

  public static TableRegistry registry() {
    List<LakeTable> tables = new ArrayList<>(BronzeTable.all());
    return new TableRegistry(tables);
  }
}
