package org.bookslakehouse.cli;

import com.google.common.base.Throwables;
import com.google.common.collect.Maps;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.bookslakehouse.config.Settings;
import org.bookslakehouse.lake.DeltaVersions;
import org.bookslakehouse.lake.LakeLayout;
import org.bookslakehouse.lake.Sessions;
import org.bookslakehouse.pipeline.CheckpointState;
import org.bookslakehouse.pipeline.LakeTable;
import org.bookslakehouse.pipeline.RunHistory;
import org.bookslakehouse.pipeline.RunLock;
import org.bookslakehouse.pipeline.TableRegistry;
import org.bookslakehouse.pipeline.TableSpec;
import org.bookslakehouse.tables.Tables;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code books status}: per table, its last run, version, rows, and what waits for the next run.
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Shows per table: the state and time of its last run (from pipeline_runs), its Delta"
          + " version and row count, what waits for the next run (files in the landing zone not"
          + " yet read, or upstream versions not yet read), and its checkpoint's position.",
      "Reads only: works during a run, and says when one is under way."
    })
final class StatusCommand implements Callable<Integer> {
  @Mixin CommonOptions options;

  @Mixin FormatOption format;

  @Spec CommandSpec spec;

  private static final StructType SCHEMA =
      new StructType()
          .add("table", DataTypes.StringType)
          .add("last_run", DataTypes.StringType)
          .add("state", DataTypes.StringType)
          .add("version", DataTypes.LongType)
          .add("rows", DataTypes.LongType)
          .add("waiting", DataTypes.StringType)
          .add("checkpoint", DataTypes.StringType);

  /** How many tables' rows are computed at a time. */
  private static final int PARALLEL_ROWS = 4;

  @Override
  public Integer call() {
    ResultPrinter.Format chosen = format.chosen();
    Settings settings = options.resolve();
    SparkSession spark = Sessions.create(settings);
    LakeLayout layout = LakeLayout.of(settings);
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    PrintWriter out = spec.commandLine().getOut();
    TableRegistry registry = Tables.registry();
    Map<String, RunLock.Holder> locks = RunLock.holders(hadoop, layout, registry.names());
    Instant now = Instant.now();
    // A lock whose holder died (a killed run) is not a run under way: the next run takes it over.
    Map<String, RunLock.Holder> holders = Maps.filterValues(locks, h -> h.alive(now));
    if (chosen == ResultPrinter.Format.TABLE) {
      printRunsUnderWay(out, locks, now);
    }
    Map<String, Row> lastRuns = new RunHistory(spark, layout).lastRuns();
    List<Callable<Row>> rows = new ArrayList<>();
    for (LakeTable table : registry.ordered()) {
      Row last = lastRuns.get(table.name());
      String state =
          holders.containsKey(table.name())
              ? "RUNNING"
              : last == null ? "never run" : last.getString(1);
      rows.add(
          () -> {
            CheckpointState checkpoint =
                CheckpointState.of(spark, layout, table, settings.landing());
            return row(
                spark,
                layout,
                table.name(),
                last == null ? null : last.getString(2),
                state,
                checkpoint.waiting(),
                checkpoint.position());
          });
      for (TableSpec side : table.sideTables()) {
        rows.add(
            () -> row(spark, layout, side.name(), null, "written by " + table.name(), null, null));
      }
    }
    rows.add(() -> row(spark, layout, RunHistory.TABLE, null, "written by books run", null, null));
    ResultPrinter.print(SCHEMA, inParallel(rows), chosen, out);
    return 0;
  }

  /** Says which runs hold locks now, and which runs that held them did not end. */
  private static void printRunsUnderWay(
      PrintWriter out, Map<String, RunLock.Holder> locks, Instant now) {
    // A lock whose holder died (a killed run) is not a run under way: the next run takes it over.
    Map<String, RunLock.Holder> holders = Maps.filterValues(locks, h -> h.alive(now));
    out.println(
        holders.isEmpty()
            ? "No run is under way."
            : holders.values().stream()
                .distinct()
                .map(
                    h ->
                        String.format(
                            "A %s is under way: run %s, started %s (pid %d on %s).",
                            h.command(), h.runId(), h.startedAt(), h.pid(), h.host()))
                .collect(Collectors.joining(System.lineSeparator())));
    Maps.filterValues(locks, h -> !h.alive(now)).values().stream()
        .distinct()
        .forEach(
            h ->
                out.printf(
                    "Run %s (pid %d on %s, started %s) did not end; the next run takes over its"
                        + " locks and goes on from the last committed batch.%n",
                    h.runId(), h.pid(), h.host(), h.startedAt()));
  }

  /**
   * The rows, computed a few at a time, in the order given. Note: each row loads one table's Delta
   * snapshot and counts its rows (a few small Spark jobs, mostly driver-side planning); one at a
   * time the 18 tables made status cost about five one-shot queries (BENCHMARKS.md, "Read-only
   * commands"), and the session runs jobs from several threads side by side.
   */
  private static List<Row> inParallel(List<Callable<Row>> rows) {
    ExecutorService pool = Executors.newFixedThreadPool(PARALLEL_ROWS);
    try {
      List<Row> result = new ArrayList<>();
      for (Future<Row> row : pool.invokeAll(rows)) {
        result.add(row.get());
      }
      return result;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("books status was interrupted", e);
    } catch (ExecutionException e) {
      Throwables.throwIfUnchecked(e.getCause());
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private static Row row(
      SparkSession spark,
      LakeLayout layout,
      String table,
      String lastRun,
      String state,
      String waiting,
      String checkpoint) {
    String path = layout.tablePath(table);
    // The version from the log's file names (no Spark job), as the runner reads it.
    long version = DeltaVersions.latest(spark.sparkContext().hadoopConfiguration(), path);
    if (version < 0) {
      return RowFactory.create(
          table,
          lastRun,
          state,
          null,
          null,
          waiting,
          checkpoint == null ? "not created yet" : checkpoint);
    }
    long rows = spark.read().format("delta").load(path).count();
    return RowFactory.create(table, lastRun, state, version, rows, waiting, checkpoint);
  }
}
