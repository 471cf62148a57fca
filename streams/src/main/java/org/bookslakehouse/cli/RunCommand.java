package org.bookslakehouse.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bookslakehouse.config.Settings;
import org.bookslakehouse.lake.LakeLayout;
import org.bookslakehouse.lake.Sessions;
import org.bookslakehouse.pipeline.LakeTable;
import org.bookslakehouse.pipeline.RunHistory;
import org.bookslakehouse.pipeline.RunLock;
import org.bookslakehouse.pipeline.RunSummary;
import org.bookslakehouse.pipeline.StreamRunner;
import org.bookslakehouse.pipeline.TableRegistry;
import org.bookslakehouse.pipeline.TableRun;
import org.bookslakehouse.pipeline.TaskGraph;
import org.bookslakehouse.pipeline.TaskListener;
import org.bookslakehouse.tables.Tables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code books run [TABLE...]}: runs the tables' streams once, as a task graph. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Runs every table's stream once (Trigger.AvailableNow): whatever landed since the last run"
          + " is processed. Tables run as a task graph: each after its upstream tables,"
          + " independent ones at the same time. With TABLE names, runs just those tables (the"
          + " entry point of each Databricks task).",
      "A failed table stops only the tables downstream of it. One run or reset at a time per"
          + " table: a run that would write a table another run is writing is refused. Each run is"
          + " recorded in the table pipeline_runs.",
      "Exit code 0 when every table succeeded, 1 when a table failed or was blocked by a failed"
          + " upstream, 2 for a usage error (also a landing zone with none of the source folders),"
          + " 3 when another run holds the lake."
    })
final class RunCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

  /** The width of a table's name in progress and log lines: the longest name's. */
  static final int NAME_WIDTH =
      Tables.registry().allTableNames().stream().mapToInt(String::length).max().orElse(24);

  @Mixin CommonOptions options;

  @Mixin RunIdOption runIdOption;

  @Parameters(paramLabel = "TABLE", arity = "0..*", description = "Tables to run; default all.")
  List<String> tables = List.of();

  @Option(
      names = "--parallelism",
      paramLabel = "N",
      defaultValue = "${env:BOOKS_PARALLELISM:-3}",
      description =
          "At most N tables at once (default ${DEFAULT-VALUE}; environment BOOKS_PARALLELISM).")
  int parallelism;

  @Option(
      names = "--progress",
      paramLabel = "MODE",
      defaultValue = "auto",
      description =
          "auto (default): live lines on a terminal, plain log lines otherwise; live; plain.")
  String progress;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Settings settings = options.resolve();
    String runId = runIdOption.resolve(options.config);
    ProgressPrinter.Mode mode = ProgressPrinter.Mode.parse(progress);
    TableRegistry registry = Tables.registry();
    List<LakeTable> selected = tables.isEmpty() ? registry.ordered() : registry.select(tables);
    TaskGraph graph = new TaskGraph(selected, parallelism);
    PrintWriter out = spec.commandLine().getOut();
    printPlan(out, settings, selected);
    SparkSession spark = Sessions.create(settings);
    LandingCheck.check(
        spark.sparkContext().hadoopConfiguration(), settings.landing(), selected, out);
    LakeLayout layout = LakeLayout.of(settings);
    Instant started = Instant.now();
    try (RunLock lock =
        RunLock.acquire(
            spark.sparkContext().hadoopConfiguration(),
            layout,
            "run",
            selected.stream().map(LakeTable::name).toList(),
            runId)) {
      printLockTaken(out, lock);
      Map<String, Instant> startedAt = new ConcurrentHashMap<>();
      List<TableRun> runs =
          runGraph(graph, new StreamRunner(spark, settings), out, mode, selected, startedAt);
      record(spark, layout, lock.runId(), runs, startedAt, started);
      printSummary(out, runs, started);
      return runs.stream().allMatch(TableRun::succeeded) ? 0 : BooksCommand.EXIT_FAILED;
    }
  }

  /** The run's first line: how many tables, and the settings it runs with. */
  private static void printPlan(PrintWriter out, Settings settings, List<LakeTable> selected) {
    out.printf(
        "books run: %d table%s, landing %s, lake %s, database %s, as of %s%n",
        selected.size(),
        selected.size() == 1 ? "" : "s",
        settings.landing(),
        settings.lake(),
        settings.database(),
        settings.asOf());
    out.flush();
  }

  /** The run id, after what became of a run whose locks this run took over (it died). */
  private static void printLockTaken(PrintWriter out, RunLock lock) {
    lock.takenOver()
        .ifPresent(
            dead ->
                out.printf(
                    "books run: run %s (started %s by pid %d on %s) did not end: it was killed"
                        + " or died. This run goes on from its checkpoints; nothing it"
                        + " committed is written twice.%n",
                    dead.runId(), dead.startedAt(), dead.pid(), dead.host()));
    out.printf("books run: run id %s%n", lock.runId());
    out.flush();
  }

  /**
   * Runs the task graph, showing its progress; {@code startedAt} receives when each table's task
   * started.
   */
  private static List<TableRun> runGraph(
      TaskGraph graph,
      StreamRunner runner,
      PrintWriter out,
      ProgressPrinter.Mode mode,
      List<LakeTable> selected,
      Map<String, Instant> startedAt) {
    try (ProgressPrinter printer =
        new ProgressPrinter(out, mode, selected.stream().map(LakeTable::name).toList())) {
      TaskListener listener = progress(printer, startedAt);
      return graph.run(table -> runner.run(table, listener), listener);
    }
  }

  /** A listener that notes when each task started and passes every event to the printer. */
  private static TaskListener progress(ProgressPrinter printer, Map<String, Instant> startedAt) {
    return new TaskListener() {
      @Override
      public void started(String table) {
        startedAt.put(table, Instant.now());
        printer.started(table);
      }

      @Override
      public void batchDone(String table, long batchId, Map<String, Long> counts) {
        printer.batchDone(table, batchId, counts);
      }

      @Override
      public void finished(TableRun run) {
        printer.finished(run);
      }
    };
  }

  /** Each table's outcome, then the run's time and counts by status. */
  private static void printSummary(PrintWriter out, List<TableRun> runs, Instant started) {
    for (String line : RunSummary.lines(runs)) {
      out.println("books run: " + line);
    }
    out.println(summary(runs, started));
    out.flush();
  }

  /** Appends the run to pipeline_runs; a history that cannot be written does not fail the run. */
  private void record(
      SparkSession spark,
      LakeLayout layout,
      String runId,
      List<TableRun> runs,
      Map<String, Instant> startedAt,
      Instant runStart) {
    TableRegistry registry = Tables.registry();
    try {
      List<Row> rows = new ArrayList<>();
      for (TableRun run : runs) {
        rows.add(
            RunHistory.row(
                runId,
                runStart,
                "run",
                run,
                startedAt.getOrDefault(run.table(), runStart),
                RunHistory.written(spark, layout, registry.table(run.table()))));
      }
      new RunHistory(spark, layout).append(rows);
    } catch (RuntimeException e) {
      LOG.warn(
          "Cannot record run {} in {}: {}. The tables themselves are written; the next run"
              + " records itself as usual.",
          runId,
          RunHistory.TABLE,
          e.getMessage());
    }
  }

  private static String summary(List<TableRun> runs, Instant started) {
    Map<TableRun.Status, Integer> byStatus = new TreeMap<>();
    runs.forEach(r -> byStatus.merge(r.status(), 1, Integer::sum));
    StringBuilder line =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "books run: %.1fs,",
                (Instant.now().toEpochMilli() - started.toEpochMilli()) / 1000.0));
    byStatus.forEach(
        (status, n) ->
            line.append(' ')
                .append(n)
                .append(' ')
                .append(status.name().toLowerCase(Locale.ROOT))
                .append(','));
    line.setLength(line.length() - 1);
    return line.toString();
  }

  static String describe(TableRun run) {
    StringBuilder line =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%-" + NAME_WIDTH + "s %-9s %6.1fs  batches %d",
                run.table(),
                run.status(),
                run.duration().toMillis() / 1000.0,
                run.batches()));
    new TreeMap<>(run.counts())
        .forEach((name, value) -> line.append("  ").append(name).append(' ').append(value));
    if (run.versionAfter() != run.versionBefore()) {
      line.append(String.format("  version %d -> %d", run.versionBefore(), run.versionAfter()));
    } else if (run.versionBefore() >= 0) {
      line.append(String.format("  version %d (unchanged)", run.versionBefore()));
    }
    if (!run.message().isEmpty()) {
      line.append(System.lineSeparator()).append("    ").append(run.message());
    }
    return line.toString();
  }
}
