package org.bookslakehouse.lake;

import org.apache.spark.sql.Dataset;
import org.apache.spark.storage.StorageLevel;

/**
 * How a task keeps a dataset it reads more than once (a silver batch, gold's affected keys and
 * MERGE source, a verification's differences): on the executors' local disk, not in the heap.
 */
public final class Kept {
  private Kept() {}

  /**
   * Marks {@code data} to be kept on disk when first computed; the caller unpersists it.
   *
   * <p>Note: a kept dataset can be a whole table (silver's first load or a reset's replay, gold's
   * first recompute). Kept in memory ({@code MEMORY_AND_DISK}), it fills the heap first and spills
   * only what does not fit, and at scale 20 the three silver tasks' first loads (23, 5.6 and 5.4
   * million rows at once) ran a 4 GiB driver out of memory. On disk, each block streams to its file
   * one column batch at a time, so the heap a task needs no longer grows with its batch; a day's
   * batch is a few MB, which the disk reads back in milliseconds.
   */
  public static <T> Dataset<T> onDisk(Dataset<T> data) {
    return data.persist(StorageLevel.DISK_ONLY());
  }
}
