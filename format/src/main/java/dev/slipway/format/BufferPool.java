package dev.slipway.format;

import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * Byte arrays for the small files on their way from the reader's thread to the file checks, used
 * again once a file is written (issue #7). Allocating one per file made an unpack of 10k files
 * allocate its 200 MB of content a second time: two dozen young collections, each stopping every
 * thread, and all of it zeroed first.
 *
 * <p>Arrays come in power-of-two lengths from 4 KiB up to the largest file asked for. At most
 * {@link #BYTES_PER_LENGTH} bytes of each length are ever made (at most {@link #MOST_PER_LENGTH}
 * arrays), and {@link #take} waits for one to come back when all of a length are out. So the pool
 * never drops an array: a first version that kept a few and let the rest go left the old
 * generation full of dropped arrays that had lived long enough to be promoted, and a 50k-file
 * unpack peaked 10 MB higher. What it holds stays bounded (3.5 MiB for files of up to 256 KiB).
 *
 * <p>One thread takes (the reader's); any thread gives back.
 */
final class BufferPool {
  private static final int SMALLEST_SHIFT = 12;
  static final int BYTES_PER_LENGTH = 512 * 1024;
  static final int MOST_PER_LENGTH = 64;

  /** The arrays of one length: those given back, and how many were made. */
  private static final class Length {
    final ArrayBlockingQueue<byte[]> free;
    final int most;
    int made;

    Length(int most) {
      this.most = most;
      this.free = new ArrayBlockingQueue<>(most);
    }
  }

  private final List<Length> lengths = new ArrayList<>();

  /** For contents of up to {@code largest} bytes. */
  BufferPool(int largest) {
    for (int shift = SMALLEST_SHIFT; shift <= lengthShift(largest); shift++) {
      lengths.add(new Length(Math.max(1, Math.min(MOST_PER_LENGTH, BYTES_PER_LENGTH >> shift))));
    }
  }

  /**
   * An array of at least {@code size} bytes, not zeroed (the caller fills what it uses); waits
   * while every array of that length is out.
   */
  byte[] take(int size) throws InterruptedIOException {
    int shift = lengthShift(size);
    if (shift - SMALLEST_SHIFT >= lengths.size()) {
      throw new IllegalArgumentException("larger than the pool's largest size: " + size);
    }
    Length length = lengths.get(shift - SMALLEST_SHIFT);
    byte[] buffer = length.free.poll();
    if (buffer != null) {
      return buffer;
    }
    if (length.made < length.most) {
      length.made++;
      return new byte[1 << shift];
    }
    try {
      return length.free.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for a buffer");
    }
  }

  /** Hands back an array {@link #take} gave (any other is ignored: a worker's finally must not throw). */
  void give(byte[] buffer) {
    int index = Integer.numberOfTrailingZeros(buffer.length) - SMALLEST_SHIFT;
    if (Integer.bitCount(buffer.length) == 1 && index >= 0 && index < lengths.size()) {
      lengths.get(index).free.offer(buffer); // never full: no more arrays of a length are made than it holds
    }
  }

  /** log2 of the length {@link #take} gives for {@code size}: the next power of two, at least 4 KiB. */
  private static int lengthShift(int size) {
    return Math.max(SMALLEST_SHIFT, 32 - Integer.numberOfLeadingZeros(Math.max(size, 1) - 1));
  }
}
