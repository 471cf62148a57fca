package org.bookslakehouse.lake;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The one definition of which names in a landing folder are landed files and how to open one, used
 * by the stream's listing ({@link #GLOB}), bronze, {@code books inspect} and {@code books status}:
 * a name ending in {@code .csv} or {@code .csv.gz}, in any case, that is not hidden (does not start
 * with {@code .} or {@code _}, which Spark's file listing skips anyway); its bytes are gunzipped
 * when the name ends in {@code .gz} (any case) and decoded as ISO-8859-1.
 */
public final class LandedFiles {
  private static final int BUFFER = 1 << 16;

  /**
   * The stream's {@code pathGlobFilter}: the names {@link #isLanded} admits (Hadoop's glob is
   * case-sensitive, so each letter is a class of both cases).
   */
  public static final String GLOB = "*.{[cC][sS][vV],[cC][sS][vV].[gG][zZ]}";

  private LandedFiles() {}

  /** Whether a file of this name (or path) is a landed file: {@code *.csv[.gz]}, not hidden. */
  public static boolean isLanded(String name) {
    String base = name.substring(name.lastIndexOf('/') + 1);
    if (base.startsWith(".") || base.startsWith("_")) {
      return false;
    }
    String lower = base.toLowerCase(Locale.ROOT);
    return lower.endsWith(".csv") || lower.endsWith(".csv.gz");
  }

  /** Whether a landed file of this name is gzipped: its name ends in {@code .gz}, any case. */
  public static boolean gzipped(String name) {
    return name.toLowerCase(Locale.ROOT).endsWith(".gz");
  }

  /**
   * Opens a landed file as ISO-8859-1 text, gunzipped when {@link #gzipped}. The gzip header is
   * read on the first read, so a broken one surfaces inside the record reader as a {@code
   * LandingFileException}, like any other broken gzip stream.
   *
   * @throws java.io.FileNotFoundException when the file is gone
   */
  public static Reader open(Configuration hadoop, String path) throws IOException {
    Path file = new Path(path);
    FileSystem fs = file.getFileSystem(hadoop);
    InputStream in = fs.open(file, BUFFER);
    if (gzipped(file.getName())) {
      in = new LazyGunzip(in);
    }
    return new InputStreamReader(in, StandardCharsets.ISO_8859_1);
  }

  /** Gunzips on first read (see {@link #open}). */
  private static final class LazyGunzip extends InputStream {
    private final InputStream raw;
    private GZIPInputStream gunzipped;

    LazyGunzip(InputStream raw) {
      this.raw = raw;
    }

    private InputStream stream() throws IOException {
      if (gunzipped == null) {
        gunzipped = new GZIPInputStream(raw, BUFFER);
      }
      return gunzipped;
    }

    @Override
    public int read() throws IOException {
      return stream().read();
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      return stream().read(buffer, offset, length);
    }

    @Override
    public void close() throws IOException {
      if (gunzipped != null) {
        gunzipped.close();
      } else {
        raw.close();
      }
    }
  }
}
