package org.bookslakehouse.bronze;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.Reader;
import java.sql.Timestamp;
import java.util.Collections;
import java.util.Iterator;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.LongAccumulator;
import org.bookslakehouse.lake.LandedFiles;
import org.bookslakehouse.lake.LandingFileException;
import org.bookslakehouse.lake.SerializableConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs in a Spark task: opens a landed file ({@link LandedFiles#open}), and turns its records into
 * bronze rows with lineage. A file that is gone by the time it is read (removed on purpose by an
 * operator, see {@link LandingFileException}) is counted and skipped.
 */
final class LandedFileRows implements FlatMapFunction<LandedFile, Row> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(LandedFileRows.class);

  private final BxSource source;
  private final SerializableConfiguration hadoop;
  private final LongAccumulator rows;
  private final LongAccumulator rescued;
  private final LongAccumulator missing;

  LandedFileRows(
      BxSource source,
      SerializableConfiguration hadoop,
      LongAccumulator rows,
      LongAccumulator rescued,
      LongAccumulator missing) {
    this.source = source;
    this.hadoop = hadoop;
    this.rows = rows;
    this.rescued = rescued;
    this.missing = missing;
  }

  @Override
  public Iterator<Row> call(LandedFile file) {
    Reader reader;
    try {
      reader = open(file);
    } catch (FileNotFoundException e) {
      LOG.warn("Landed file {} is gone; skipping it.", file.path());
      missing.add(1);
      return Collections.emptyIterator();
    } catch (IOException e) {
      throw LandingFileException.unreadable(file.path(), 1, e);
    }
    BxRecordReader records = new BxRecordReader(source, reader, file.path());
    Timestamp modified = new Timestamp(file.modificationTime());
    int width = source.columns().size();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        boolean more = records.hasNext();
        if (!more) {
          records.close();
        }
        return more;
      }

      @Override
      public Row next() {
        BxRecord record = records.next();
        rows.add(1);
        if (record.rescued()) {
          rescued.add(1);
        }
        Object[] values = new Object[width + 4];
        for (int i = 0; i < width; i++) {
          values[i] = record.values().get(i);
        }
        values[width] = record.rescuedData();
        values[width + 1] = file.path();
        values[width + 2] = modified;
        values[width + 3] = record.lineNumber();
        return RowFactory.create(values);
      }
    };
  }

  private Reader open(LandedFile file) throws IOException {
    return LandedFiles.open(hadoop.value(), file.path());
  }
}
