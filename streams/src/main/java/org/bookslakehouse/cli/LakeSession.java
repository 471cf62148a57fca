package org.bookslakehouse.cli;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.bookslakehouse.config.Settings;
import org.bookslakehouse.lake.LakeCatalog;
import org.bookslakehouse.lake.LakeLayout;
import org.bookslakehouse.lake.Sessions;
import org.bookslakehouse.pipeline.RunHistory;
import org.bookslakehouse.pipeline.Tables;

/**
 * The session of a command that reads the lake with SQL ({@code books sql}, {@code books query}):
 * every table the lake holds registered under the database name, and that database the current one,
 * so plain table names ({@code gold_book_stats}) work as well as qualified ones.
 */
final class LakeSession {
  private LakeSession() {}

  static SparkSession open(Settings settings) {
    SparkSession spark = Sessions.create(settings);
    List<String> tables = new ArrayList<>(Tables.registry().allTableNames());
    tables.add(RunHistory.TABLE);
    new LakeCatalog(spark, LakeLayout.of(settings)).registerExisting(tables);
    if (spark.catalog().databaseExists(settings.database())) {
      spark.catalog().setCurrentDatabase(settings.database());
    }
    return spark;
  }
}
