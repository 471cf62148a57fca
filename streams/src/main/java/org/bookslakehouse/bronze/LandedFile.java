package org.bookslakehouse.bronze;

import java.io.Serializable;

/**
 * A file the landing stream has listed: its URI, modification time (epoch milliseconds) and size.
 */
public record LandedFile(String path, long modificationTime, long length) implements Serializable {
  public boolean gzipped() {
    return path.endsWith(".gz");
  }
}
