package org.bookslakehouse.cli;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;

import io.delta.tables.DeltaTable;
import java.io.PrintWriter;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bookslakehouse.config.Settings;
import org.bookslakehouse.gold.GoldChanges;
import org.bookslakehouse.gold.GoldTable;
import org.bookslakehouse.lake.LakeLayout;
import org.bookslakehouse.lake.Sessions;
import org.bookslakehouse.lake.TableIdentity;
import org.bookslakehouse.pipeline.RunPoint;
import org.bookslakehouse.pipeline.RunPointException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code books changes [TABLE...] --since-run ID | --since DATE}: gold's net change per key. */
@Command(
    name = "changes",
    mixinStandardHelpOptions = true,
    description = {
      "Prints what changed in the gold tables since a run ended (--since-run) or since the start"
          + " of a day (--since, UTC): per key, the net change from then to now (or to the end of"
          + " a run: --at-run), with the values before and after: added, removed or changed keys"
          + " (a key that changed and changed back is not listed). Read from the tables' change"
          + " feed and time travel.",
      "Columns: table, key, change (added, removed, changed), columns (those that differ),"
          + " before, after."
    })
final class ChangesCommand implements Callable<Integer> {
  @Mixin CommonOptions options;

  @Mixin GoldTablesParameter tables;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Since since;

  /** Where the changes start: exactly one of these. */
  static final class Since {
    @Option(
        names = "--since-run",
        paramLabel = "RUN_ID",
        required = true,
        description = "Changes since this run ended (a run_id of pipeline_runs).")
    String run;

    @Option(
        names = "--since",
        paramLabel = "YYYY-MM-DD",
        required = true,
        description = "Changes since the start of this day (00:00 UTC).")
    String date;
  }

  @Mixin AtRunOption atRun;

  @Mixin FormatOption format;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    ResultPrinter.Format chosen = format.chosen();
    List<GoldTable> selected = tables.selected("changes lists the change feed of gold tables");
    LocalDate day = since.date == null ? null : date(since.date);
    Settings settings = options.resolve();
    SparkSession spark = Sessions.create(settings);
    LakeLayout layout = LakeLayout.of(settings);
    Optional<RunPoint> from =
        Optional.ofNullable(since.run).map(id -> RunPoint.of(spark, layout, id));
    Optional<RunPoint> to =
        Optional.ofNullable(atRun.runId).map(id -> RunPoint.of(spark, layout, id));
    String sinceText = day != null ? day.toString() : "run " + since.run;
    String untilText = atRun.runId == null ? "now" : "run " + atRun.runId;
    GoldChanges changes = new GoldChanges(spark, layout);
    List<Row> rows = new ArrayList<>();
    PrintWriter err = spec.commandLine().getErr();
    for (GoldTable table : selected) {
      Optional<TableIdentity> now = TableIdentity.of(spark, layout.tablePath(table.name()));
      if (now.isEmpty()) {
        err.printf("books changes: %s is not built yet (books run builds it)%n", table.name());
        continue;
      }
      long end = now.get().version();
      if (to.isPresent()) {
        to.get().sameTableNow(spark, layout, table.name());
        end = to.get().table(table.name()).version();
      }
      long start;
      if (from.isPresent()) {
        from.get().sameTableNow(spark, layout, table.name());
        start = from.get().table(table.name()).version();
      } else {
        start = versionBefore(spark, layout, table.name(), day);
      }
      if (start > end) {
        throw new IllegalArgumentException(
            String.format(
                "%s is after %s (%s: version %d, then %d). Fix: swap them.",
                sinceText, untilText, table.name(), start, end));
      }
      List<Row> found = changes.between(table, start, end, sinceText, untilText);
      err.printf(
          "books changes: %s v%d -> v%d: %d key%s%n",
          table.name(), start, end, found.size(), found.size() == 1 ? "" : "s");
      rows.addAll(found);
    }
    err.flush();
    ResultPrinter.print(GoldChanges.SCHEMA, rows, chosen, spec.commandLine().getOut());
    return 0;
  }

  /**
   * The table's version when the day began: its last commit before 00:00 UTC of that day, from
   * Delta's history. Refused when the history does not reach back that far.
   */
  private static long versionBefore(
      SparkSession spark, LakeLayout layout, String table, LocalDate day) {
    Timestamp start = Timestamp.from(day.atStartOfDay(ZoneOffset.UTC).toInstant());
    Row range =
        DeltaTable.forPath(spark, layout.tablePath(table))
            .history()
            .agg(
                max(when(col("timestamp").lt(start), col("version"))),
                min("version"),
                min("timestamp"))
            .first();
    if (!range.isNullAt(0)) {
      return range.getLong(0);
    }
    throw new RunPointException(
        String.format(
            "%s's history starts at version %d, %s, after the start of %s (%s), so its state"
                + " then is unknown. Fix: pass a later --since, or --since-run of a run since.",
            table,
            range.getLong(1),
            range.getTimestamp(2).toInstant(),
            day,
            range.getLong(1) == 0
                ? "the table was created then, by its first run or a reset"
                : "Delta's log cleanup removed older entries"));
  }

  private static LocalDate date(String value) {
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "--since " + value + ": expected a day as YYYY-MM-DD, e.g. --since 2004-11-01.", e);
    }
  }
}
