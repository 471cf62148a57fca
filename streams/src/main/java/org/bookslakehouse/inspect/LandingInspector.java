package org.bookslakehouse.inspect;

import com.google.common.base.Preconditions;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.bookslakehouse.bronze.BxRecordReader;
import org.bookslakehouse.bronze.BxSource;
import org.bookslakehouse.lake.LandedFiles;
import org.bookslakehouse.lake.LandingFileException;

/**
 * Reads every landed file of a source's folder, without Spark and without writing anything: lists
 * the landed files ({@link LandedFiles#isLanded}) through Hadoop's {@link FileSystem} (so {@code
 * file:}, {@code abfss://} and {@code wasb://} all work), orders them as bronze does (modification
 * time, then path), opens and parses them with bronze's code ({@link LandedFiles#open}, {@link
 * BxRecordReader}) and feeds a {@link LandingProfile}. Unlike bronze, it reads all the files, not
 * only those its stream has not read yet.
 *
 * <p>A file that cannot be read to its end (a broken gzip stream) is reported with the {@link
 * LandingFileException} message, and inspection goes on with the next file (bronze's batch fails on
 * it instead).
 */
public final class LandingInspector {
  private final Configuration hadoop;
  private final int asOfYear;
  private final int maxExamples;

  public LandingInspector(Configuration hadoop, int asOfYear, int maxExamples) {
    Preconditions.checkArgument(hadoop != null, "Invalid Hadoop configuration: null");
    this.hadoop = hadoop;
    this.asOfYear = asOfYear;
    this.maxExamples = maxExamples;
  }

  /**
   * Inspects one source.
   *
   * @param landing the landing zone's URI, without a trailing {@code /}
   * @param source the source whose folder is read
   * @throws UncheckedIOException when the folder cannot be listed
   */
  public SourceReport inspect(String landing, BxSource source) {
    String folder = landing + "/" + source.folder();
    Path folderPath = new Path(folder);
    List<FileStatus> landed = new ArrayList<>();
    List<String> ignored = new ArrayList<>();
    try {
      FileSystem fs = folderPath.getFileSystem(hadoop);
      if (!fs.exists(folderPath) || !fs.getFileStatus(folderPath).isDirectory()) {
        return SourceReport.missing(source, folder);
      }
      for (FileStatus status : fs.listStatus(folderPath)) {
        String name = status.getPath().getName();
        if (status.isFile() && LandedFiles.isLanded(name)) {
          landed.add(status);
        } else {
          ignored.add(status.isDirectory() ? name + "/" : name);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot list the landing folder " + folder + ": " + e.getMessage(), e);
    }
    landed.sort(
        Comparator.comparingLong(FileStatus::getModificationTime)
            .thenComparing(status -> status.getPath().toString()));
    ignored.sort(Comparator.naturalOrder());
    LandingProfile profile = new LandingProfile(source, asOfYear, maxExamples);
    List<FileReport> files = new ArrayList<>();
    for (FileStatus status : landed) {
      files.add(read(status, source, profile));
    }
    return new SourceReport(source, folder, true, files, ignored, profile.rows(), profile.quirks());
  }

  private FileReport read(FileStatus status, BxSource source, LandingProfile profile) {
    Path path = status.getPath();
    String name = path.getName();
    String uri = path.toString();
    long rows = 0;
    String headerProblem = null;
    String error = null;
    try (Reader reader = open(path);
        BxRecordReader records = new BxRecordReader(source, reader, uri)) {
      headerProblem = records.headerProblem();
      while (records.hasNext()) {
        profile.accept(name, records.next());
        rows++;
      }
    } catch (LandingFileException e) {
      error = e.getMessage();
    } catch (FileNotFoundException e) {
      error = "Landed file " + uri + " is gone (removed while it was inspected).";
    } catch (IOException e) {
      error = "Cannot read landed file " + uri + ": " + e;
    }
    if (error != null) {
      profile.fileUnreadable(name, error);
    }
    return new FileReport(
        name, uri, status.getModificationTime(), status.getLen(), rows, headerProblem, error);
  }

  private Reader open(Path path) throws IOException {
    return LandedFiles.open(hadoop, path.toString());
  }
}
