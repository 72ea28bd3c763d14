package dev.slipway.format;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * Byte arrays for the small files on their way from the reader's thread to the file checks, used
 * again once a file is written (issue #7). Allocating one per file made an unpack of 10k files
 * allocate its 200 MB of content a second time: two dozen young collections, each stopping every
 * thread, and all of it zeroed first.
 *
 * <p>Arrays come in power-of-two lengths from 4 KiB up to the largest file asked for; the pool
 * keeps at most {@link #KEPT_PER_LENGTH} bytes of each length, so what it holds stays bounded
 * (3.5 MiB for 256 KiB files) whatever the archive. Safe to use from several threads.
 */
final class BufferPool {
  private static final int SMALLEST_SHIFT = 12;
  static final int KEPT_PER_LENGTH = 512 * 1024;

  private final List<ArrayBlockingQueue<byte[]>> free = new ArrayList<>();

  /** For contents of up to {@code largest} bytes. */
  BufferPool(int largest) {
    for (int shift = SMALLEST_SHIFT; shift <= lengthShift(largest); shift++) {
      free.add(new ArrayBlockingQueue<>(Math.max(1, KEPT_PER_LENGTH >> shift)));
    }
  }

  /** An array of at least {@code size} bytes, not zeroed: the caller fills what it uses. */
  byte[] take(int size) {
    int shift = lengthShift(size);
    if (shift - SMALLEST_SHIFT >= free.size()) {
      throw new IllegalArgumentException("larger than the pool's largest size: " + size);
    }
    byte[] buffer = free.get(shift - SMALLEST_SHIFT).poll();
    return buffer != null ? buffer : new byte[1 << shift];
  }

  /** Hands back an array {@link #take} gave; kept for the next file if there is room, else dropped. */
  void give(byte[] buffer) {
    int index = Integer.numberOfTrailingZeros(buffer.length) - SMALLEST_SHIFT;
    if (Integer.bitCount(buffer.length) == 1 && index >= 0 && index < free.size()) {
      free.get(index).offer(buffer);
    }
  }

  /** log2 of the length {@link #take} gives for {@code size}: the next power of two, at least 4 KiB. */
  private static int lengthShift(int size) {
    return Math.max(SMALLEST_SHIFT, 32 - Integer.numberOfLeadingZeros(Math.max(size, 1) - 1));
  }
}
