package org.bookslakehouse.pipeline;

/** What a reset of a table removes. */
public enum ResetScope {
  /** The stream's checkpoint: the stream reprocesses its upstream from the start. */
  CHECKPOINT,
  /** The checkpoint and the table itself: the table is written afresh from its upstream. */
  TABLE_AND_CHECKPOINT
}
