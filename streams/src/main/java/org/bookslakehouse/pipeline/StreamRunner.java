package org.bookslakehouse.pipeline;

import com.google.common.base.Stopwatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.DataStreamReader;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.bookslakehouse.config.Settings;
import org.bookslakehouse.lake.DeltaVersions;
import org.bookslakehouse.lake.LakeCatalog;
import org.bookslakehouse.lake.LakeLayout;
import org.bookslakehouse.lake.LandedFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a table's stream once with {@code Trigger.AvailableNow}: everything that arrived since the
 * last run, in micro-batches, then stop. It owns reading, the checkpoint and exactly-once; the
 * table owns its transformation and its write.
 */
public final class StreamRunner {
  /** The local property Spark sets on a stream's thread to the id kept in its checkpoint. */
  private static final String QUERY_ID_PROPERTY = "sql.streaming.queryId";

  /** The fixed schema of Spark's binaryFile source; its content column is never read here. */
  private static final StructType BINARY_FILE_SCHEMA =
      new StructType()
          .add("path", DataTypes.StringType, false)
          .add("modificationTime", DataTypes.TimestampType, false)
          .add("length", DataTypes.LongType, false)
          .add("content", DataTypes.BinaryType, true);

  private static final Logger LOG = LoggerFactory.getLogger(StreamRunner.class);

  private final SparkSession spark;
  private final Settings settings;
  private final LakeLayout layout;
  private final LakeCatalog catalog;
  private final IdleMarker idleMarker;

  public StreamRunner(SparkSession spark, Settings settings) {
    this.spark = spark;
    this.settings = settings;
    this.layout = LakeLayout.of(settings);
    this.catalog = new LakeCatalog(spark, layout);
    this.idleMarker = new IdleMarker(spark.sparkContext().hadoopConfiguration(), layout);
  }

  /**
   * Creates and registers the table where it does not exist yet. Tasks running at once share the
   * session's catalog, so they take turns here.
   */
  public void ensureTable(LakeTable table) {
    synchronized (catalog) {
      ensureTableNow(table);
    }
  }

  private void ensureTableNow(LakeTable table) {
    catalog.ensureDatabase();
    catalog.createIfMissing(table.name(), table.schema(), table.properties());
    for (TableSpec side : table.sideTables()) {
      catalog.createIfMissing(side.name(), side.schema(), side.properties());
    }
  }

  /**
   * Runs the table's stream until everything available now is written. An exception (from creating
   * the table, its stream or its batches) is returned as a FAILED run, not thrown; an {@link Error}
   * (out of memory) propagates.
   */
  public TableRun run(LakeTable table) {
    return run(table, TaskListener.NONE);
  }

  /**
   * Runs the table's stream until everything available now is written, telling the listener of each
   * committed micro-batch. An exception is returned as a FAILED run, as above.
   */
  public TableRun run(LakeTable table, TaskListener listener) {
    // Tasks running at once each get a pool of Spark's FAIR scheduler: small jobs of one table
    // do not queue behind a big job of another. The stream's thread inherits it.
    spark.sparkContext().setLocalProperty("spark.scheduler.pool", table.name());
    Stopwatch clock = Stopwatch.createStarted();
    long before = -1;
    Map<String, Long> counts = new TreeMap<>();
    AtomicInteger batches = new AtomicInteger();
    try {
      ensureTable(table);
      LOG.debug("{}: ensured in {}", table.name(), clock);
      before = version(table);
      LOG.debug("{}: version {} read at {}", table.name(), before, clock);
      Map<String, Long> upstreamVersions = upstreamVersions(table);
      if (idleMarker.idle(table, upstreamVersions)) {
        return skipped(table, before, clock, "");
      }
      Dataset<Row> input = read(table);
      if (input == null) {
        return skipped(
            table,
            before,
            clock,
            "no landing folder " + landingFolder(table.source()) + ": nothing to read");
      }
      runToTheEnd(table, input, perBatch(table, counts, batches, listener));
      LOG.debug("{}: stream done at {}", table.name(), clock);
      idleMarker.write(table, upstreamVersions);
      // Note: a stream that found nothing new committed no batch; the history says SKIPPED.
      return new TableRun(
          table.name(),
          batches.get() == 0 ? TableRun.Status.SKIPPED : TableRun.Status.SUCCEEDED,
          batches.get(),
          counts,
          before,
          version(table),
          clock.elapsed(),
          "");
    } catch (StreamingQueryException | TimeoutException | RuntimeException e) {
      // Note: the run shows the failure's message; its stack trace is for a louder log.
      LOG.debug("{}: failed", table.name(), e);
      long after = before < 0 ? before : safeVersion(table, before);
      return new TableRun(
          table.name(),
          TableRun.Status.FAILED,
          batches.get(),
          counts,
          before,
          after,
          clock.elapsed(),
          Failures.describe(table.name(), e));
    }
  }

  private static TableRun skipped(LakeTable table, long version, Stopwatch clock, String why) {
    return new TableRun(
        table.name(), TableRun.Status.SKIPPED, 0, Map.of(), version, version, clock.elapsed(), why);
  }

  /**
   * What the stream does with each micro-batch: the table's transform and write, exactly once per
   * batch id (the write's transaction ids come from the stream's id), then its counts are added to
   * the run's and the listener is told.
   */
  private VoidFunction2<Dataset<Row>, Long> perBatch(
      LakeTable table, Map<String, Long> counts, AtomicInteger batches, TaskListener listener) {
    return (batch, batchId) -> {
      String appId = spark.sparkContext().getLocalProperty(QUERY_ID_PROPERTY);
      if (appId == null) {
        throw new IllegalStateException("No stream id on this thread: not in a stream?");
      }
      BatchContext context =
          new BatchContext(
              batch.sparkSession(), settings, layout, table.name(), batch, batchId, appId);
      Faults.at(table.name() + ":before-write");
      table.write(context, table.transform(context));
      Faults.at(table.name() + ":after-write");
      Map<String, Long> soFar;
      synchronized (counts) {
        context.counts().forEach((name, value) -> counts.merge(name, value, Long::sum));
        soFar = Map.copyOf(counts);
      }
      batches.incrementAndGet();
      listener.batchDone(table.name(), batchId, soFar);
    };
  }

  /** Runs the table's stream with Trigger.AvailableNow from its checkpoint until it ends. */
  private void runToTheEnd(
      LakeTable table, Dataset<Row> input, VoidFunction2<Dataset<Row>, Long> perBatch)
      throws StreamingQueryException, TimeoutException {
    StreamingQuery query =
        input
            .writeStream()
            .queryName(table.name())
            .option("checkpointLocation", layout.checkpointPath(table.name()))
            .trigger(Trigger.AvailableNow())
            .foreachBatch(perBatch)
            .start();
    LOG.debug("{}: stream started", table.name());
    query.awaitTermination();
  }

  /** The upstream tables' versions now; empty for a table that reads the landing zone. */
  private Map<String, Long> upstreamVersions(LakeTable table) {
    Map<String, Long> versions = new TreeMap<>();
    if (!(table.source() instanceof StreamSource.LandingFiles)) {
      for (String upstream : table.source().tables()) {
        versions.put(
            upstream,
            DeltaVersions.latest(
                spark.sparkContext().hadoopConfiguration(), layout.tablePath(upstream)));
      }
    }
    return versions;
  }

  private Dataset<Row> read(LakeTable table) {
    StreamSource source = table.source();
    if (source instanceof StreamSource.TableAppends || source instanceof StreamSource.ChangeFeeds) {
      Map<String, Dataset<Row>> streams = new LinkedHashMap<>();
      for (String upstream : source.tables()) {
        DataStreamReader reader = spark.readStream().format("delta");
        if (source instanceof StreamSource.ChangeFeeds) {
          reader = reader.option("readChangeFeed", "true");
        }
        if (settings.maxFilesPerTrigger().isPresent()) {
          reader = reader.option("maxFilesPerTrigger", settings.maxFilesPerTrigger().getAsInt());
        }
        streams.put(upstream, reader.load(layout.tablePath(upstream)));
      }
      return table.combine(streams);
    }
    if (source instanceof StreamSource.LandingFiles landing) {
      String folder = landingFolder(landing);
      if (!exists(folder)) {
        return null;
      }
      DataStreamReader reader =
          spark
              .readStream()
              .format("binaryFile")
              .schema(BINARY_FILE_SCHEMA)
              // A file landing late may carry an old modification time: never ignore it for that.
              .option("maxFileAge", "36500d")
              .option("pathGlobFilter", LandedFiles.GLOB);
      if (settings.maxFilesPerTrigger().isPresent()) {
        reader = reader.option("maxFilesPerTrigger", settings.maxFilesPerTrigger().getAsInt());
      }
      return reader.load(folder).select("path", "modificationTime", "length");
    }
    throw new IllegalArgumentException("Unsupported source " + source);
  }

  private String landingFolder(StreamSource source) {
    return settings.landing() + "/" + ((StreamSource.LandingFiles) source).folder();
  }

  private boolean exists(String folder) {
    Path path = new Path(folder);
    try {
      FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
      return fs.exists(path);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot look at " + folder + ": " + e.getMessage(), e);
    }
  }

  private long version(LakeTable table) {
    return DeltaVersions.latest(
        spark.sparkContext().hadoopConfiguration(), layout.tablePath(table.name()));
  }

  private long safeVersion(LakeTable table, long fallback) {
    try {
      return version(table);
    } catch (RuntimeException e) {
      return fallback;
    }
  }
}
