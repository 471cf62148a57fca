package org.bookslakehouse.silver;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.bookslakehouse.bronze.BxSource;
import org.bookslakehouse.pipeline.BatchContext;
import org.bookslakehouse.pipeline.LakeTable;
import org.bookslakehouse.pipeline.StreamSource;
import org.bookslakehouse.pipeline.TableSpec;

/**
 * A silver table: one current row per key, cleansed from the rows appended to its bronze tables.
 * This base owns what every silver table does alike: the lineage columns that order versions, the
 * quarantine of rejected rows, the MERGE of the latest valid row per key (a version never replaces
 * a newer one) and the accounting of every row in. A table declares its columns, its key, the
 * bronze sources it reads, its quarantine and its cleansing; a table with rules of its own (the
 * deletions of ratings) overrides {@link #merge}.
 */
public abstract class SilverTable implements LakeTable {
  /** The table's own columns, without the lineage columns this base adds. */
  protected abstract StructType columns();

  /** The columns that identify a row: one current row per value of them. */
  protected abstract List<String> keyColumns();

  /** The landing sources whose bronze tables it reads. */
  protected abstract List<BxSource> sources();

  /** Where its rejected rows go, with their reasons. */
  protected abstract TableSpec quarantine();

  /**
   * Adds the cleansed values ({@link SilverSupport#CLEANSED}, a struct of {@link #columns()}) and
   * the reasons to reject a row ({@link SilverSupport#REASONS}, empty for a valid row).
   */
  protected abstract Dataset<Row> cleanse(BatchContext batch, Dataset<Row> input);

  @Override
  public final StreamSource source() {
    return new StreamSource.TableAppends(sources().stream().map(BxSource::bronzeTable).toList());
  }

  @Override
  public final StructType schema() {
    return SilverSupport.withLineage(columns());
  }

  @Override
  public final Map<String, String> properties() {
    return SilverSupport.SILVER_PROPERTIES;
  }

  @Override
  public List<TableSpec> sideTables() {
    return List.of(quarantine());
  }

  @Override
  public final Dataset<Row> transform(BatchContext batch) {
    return cleanse(batch, batch.input());
  }

  @Override
  public final void write(BatchContext batch, Dataset<Row> cleansed) {
    SilverSupport.write(batch, cleansed, quarantine(), rows -> merge(batch, rows));
  }

  /**
   * MERGEs a cleansed batch's valid rows: by default the latest per key, where a version replaces
   * only an older one (or the same one cleansed otherwise). Returns the MERGE's metrics.
   */
  protected Map<String, Long> merge(BatchContext batch, Dataset<Row> cleansed) {
    return SilverSupport.mergeNewest(
        batch, name(), SilverSupport.validRows(cleansed, schema()), keyColumns());
  }
}
