package org.bookslakehouse.generate;

import java.util.SplittableRandom;

/**
 * Deterministic random streams: one independent generator per (seed, stream, index), so any
 * entity's values can be regenerated from its index alone, in any order, without keeping state.
 */
final class Rng {
  static final long BOOKS = 1;
  static final long USERS = 2;
  static final long RATING_COUNTS = 3;
  static final long RATINGS = 4;
  static final long COUNT_ADJUST = 5;
  static final long AUTHOR_FIX = 6;
  static final long MOVE = 7;
  static final long DAY = 1_000;

  private Rng() {}

  static SplittableRandom of(long seed, long stream, long index) {
    return new SplittableRandom(mix(mix(mix(seed) ^ stream) + index));
  }

  /** The SplitMix64 finalizer: a bijective, well-mixing 64-bit hash. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
