package org.bookslakehouse.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bookslakehouse.config.Settings;
import org.bookslakehouse.config.SettingsResolver;
import org.bookslakehouse.lake.LakeLayout;
import org.bookslakehouse.lake.Sessions;
import org.bookslakehouse.pipeline.LakeTable;
import org.bookslakehouse.pipeline.Maintenance;
import org.bookslakehouse.pipeline.RunHistory;
import org.bookslakehouse.pipeline.RunLock;
import org.bookslakehouse.pipeline.TableRegistry;
import org.bookslakehouse.pipeline.TableRun;
import org.bookslakehouse.pipeline.TableSpec;
import org.bookslakehouse.tables.Tables;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code books maintain [TABLE...]}: compaction and VACUUM (see the README's maintenance). */
@Command(
    name = "maintain",
    mixinStandardHelpOptions = true,
    description = {
      "Keeps the silver and gold tables (and their side tables) small and their storage bounded:"
          + " compacts a table (OPTIMIZE) when at least --min-files of its files are small or"
          + " have many deleted rows, then VACUUMs the files it removed longer ago than the"
          + " retention. Records what it did in pipeline_runs (task maintain:TABLE).",
      "Run it after `books run`, daily or weekly. Takes the tables' locks like a run: refused"
          + " while a run or reset holds one (exit code 3)."
    })
final class MaintainCommand implements Callable<Integer> {
  @Mixin CommonOptions options;

  @Mixin RunIdOption runIdOption;

  @Parameters(
      paramLabel = "TABLE",
      arity = "0..*",
      description =
          "Tables to maintain (default: every silver and gold table, their side tables and"
              + " pipeline_runs).")
  List<String> tables = new ArrayList<>();

  @Option(
      names = "--retention",
      paramLabel = "DURATION",
      description =
          "VACUUM deletes files removed longer ago than this: days (7d) or hours (168h). Env"
              + " BOOKS_VACUUM_RETENTION, config key vacuum-retention; default 7d, Delta's"
              + " minimum.")
  String retention;

  @Option(
      names = "--allow-short-retention",
      description =
          "Accept a retention shorter than Delta's 7 days (streams or queries that read an older"
              + " version may then fail).")
  boolean allowShortRetention;

  @Option(
      names = "--min-files",
      paramLabel = "N",
      defaultValue = "10",
      description =
          "Compact a table when at least N of its files are worth rewriting (default"
              + " ${DEFAULT-VALUE}: about two days of MERGEs).")
  int minFiles;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Settings settings = options.resolve();
    Duration kept = SettingsResolver.forThisProcess().vacuumRetention(retention, options.config);
    Maintenance.Policy policy = new Maintenance.Policy(minFiles, kept, allowShortRetention);
    TableRegistry registry = Tables.registry();
    List<String> selected = selected(registry);
    PrintWriter out = spec.commandLine().getOut();
    SparkSession spark = Sessions.create(settings);
    LakeLayout layout = LakeLayout.of(settings);
    Instant started = Instant.now();
    try (RunLock lock =
        RunLock.acquire(
            spark.sparkContext().hadoopConfiguration(),
            layout,
            "maintain",
            selected.stream().map(t -> writer(registry, t)).distinct().toList(),
            runIdOption.resolve(options.config))) {
      out.printf(
          "books maintain: %d tables, retention %s, run id %s%n",
          selected.size(), kept, lock.runId());
      out.flush();
      Maintenance maintenance = new Maintenance(spark, layout, policy);
      List<Row> history = new ArrayList<>();
      boolean failed = false;
      for (String table : selected) {
        Instant at = Instant.now();
        TableRun run = maintenance.maintain(table);
        failed |= !run.succeeded();
        out.println(RunCommand.describe(run));
        out.flush();
        history.add(
            RunHistory.row(
                lock.runId(),
                started,
                "maintain",
                new TableRun(
                    "maintain:" + table,
                    run.status(),
                    run.batches(),
                    run.counts(),
                    run.versionBefore(),
                    run.versionAfter(),
                    run.duration(),
                    run.message()),
                at));
      }
      new RunHistory(spark, layout).append(history);
      return failed ? BooksCommand.EXIT_FAILED : 0;
    }
  }

  /** The table whose task writes this one: itself, or the owner of a side table. */
  private static String writer(TableRegistry registry, String table) {
    for (LakeTable owner : registry.ordered()) {
      if (owner.sideTables().stream().anyMatch(side -> side.name().equals(table))) {
        return owner.name();
      }
    }
    return table;
  }

  /**
   * The named tables (checked against the registry), else every silver and gold table and the run
   * history (one small file a run: a year of daily runs would leave it in hundreds).
   */
  private List<String> selected(TableRegistry registry) {
    List<String> all = new ArrayList<>();
    for (LakeTable table : registry.ordered()) {
      if (!table.name().startsWith("bronze_")) {
        all.add(table.name());
        table.sideTables().stream().map(TableSpec::name).forEach(all::add);
      }
    }
    all.add(RunHistory.TABLE);
    if (tables.isEmpty()) {
      return all;
    }
    for (String table : tables) {
      if (!all.contains(table)) {
        throw new IllegalArgumentException(
            String.format(
                "Unknown table '%s' for books maintain: it keeps the silver and gold tables and"
                    + " the run history (%s)."
                    + " Fix: name one of them, or none for all.",
                table, String.join(", ", all)));
      }
    }
    return List.copyOf(tables);
  }
}
