package org.bookslakehouse.tables;

import java.util.ArrayList;
import java.util.List;
import org.bookslakehouse.bronze.BronzeTable;
import org.bookslakehouse.gold.GoldTables;
import org.bookslakehouse.pipeline.LakeTable;
import org.bookslakehouse.pipeline.TableRegistry;
import org.bookslakehouse.silver.SilverBooks;
import org.bookslakehouse.silver.SilverRatings;
import org.bookslakehouse.silver.SilverUsers;

/**
 * The tables of books-lakehouse, in one registry: the lineage and the job's task graph. Note: the
 * list lives above the engine ({@code pipeline} knows only {@link LakeTable}) and the table
 * packages, which depend on the engine; the commands and the tests reach the tables through here.
 */
public final class Tables {
  private Tables() {}

  public static TableRegistry registry() {
    List<LakeTable> tables = new ArrayList<>(BronzeTable.all());
    tables.add(new SilverBooks());
    tables.add(new SilverUsers());
    tables.add(new SilverRatings());
    tables.addAll(GoldTables.all());
    return new TableRegistry(tables);
  }
}
