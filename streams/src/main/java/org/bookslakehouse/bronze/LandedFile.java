package org.bookslakehouse.bronze;

import java.io.Serializable;
import org.bookslakehouse.lake.LandedFiles;

/**
 * A file the landing stream has listed: its URI, modification time (epoch milliseconds) and size.
 * Which files are landed files and how to open one: {@link LandedFiles}.
 */
public record LandedFile(String path, long modificationTime, long length) implements Serializable {
  public boolean gzipped() {
    return LandedFiles.gzipped(path);
  }
}
