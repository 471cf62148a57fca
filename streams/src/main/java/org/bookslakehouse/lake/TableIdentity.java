package org.bookslakehouse.lake;

import io.delta.tables.DeltaTable;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Which Delta table is at a path, and at which version: its id ({@code DESCRIBE DETAIL}'s {@code
 * id}, new whenever the table is created anew, e.g. by a reset) and its latest version. A version
 * names a moment of one table only: after a reset the new table counts its versions from 0 again.
 *
 * @param id the Delta table's id
 * @param version its latest committed version
 */
public record TableIdentity(String id, long version) {
  /** The table at the path now; empty when there is no Delta table there. */
  public static Optional<TableIdentity> of(SparkSession spark, String tablePath) {
    long version = DeltaVersions.latest(spark.sparkContext().hadoopConfiguration(), tablePath);
    if (version < 0) {
      return Optional.empty();
    }
    return Optional.of(new TableIdentity(metadata(spark, tablePath, version).id(), version));
  }

  /**
   * The id and properties of the table at the path as of its latest version {@code version}: from
   * the checksum file Delta wrote with that version ({@link DeltaVersions#metadata}, no Spark job)
   * or, where there is none, from {@code DESCRIBE DETAIL}. Note: never from version 0's log file,
   * which Delta's log cleanup deletes once it is older than the log retention.
   */
  public static DeltaVersions.TableMetadata metadata(
      SparkSession spark, String tablePath, long version) {
    return DeltaVersions.metadata(spark.sparkContext().hadoopConfiguration(), tablePath, version)
        .orElseGet(
            () -> {
              Row detail =
                  DeltaTable.forPath(spark, tablePath).detail().select("id", "properties").first();
              return new DeltaVersions.TableMetadata(detail.getString(0), detail.getJavaMap(1));
            });
  }
}
