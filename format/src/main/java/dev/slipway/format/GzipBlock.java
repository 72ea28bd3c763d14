package dev.slipway.format;

import static dev.slipway.format.ParallelGzipOutputStream.CHUNK;
import static dev.slipway.format.ParallelGzipOutputStream.DICTIONARY_SIZE;
import static dev.slipway.format.ParallelGzipOutputStream.STORE_ENTROPY_BITS;

import java.util.Arrays;
import java.util.concurrent.Future;
import java.util.zip.Deflater;

/**
 * One block of a {@link ParallelGzipOutputStream} and everything needed to compress it: its input,
 * its dictionary, an output buffer and a {@link Deflater}. Reused for block after block, never
 * shared by two blocks in flight; {@link #compress} runs on a pool thread and touches only this.
 */
final class GzipBlock {
  /** The most one stored deflate block holds. */
  private static final int MAX_STORED = 65_535;

  final Deflater deflater;
  final byte[] input;
  final byte[] dictionary = new byte[DICTIONARY_SIZE];
  final byte[] runDictionary = new byte[DICTIONARY_SIZE];
  final int[] histogram = new int[256];
  int length;
  int dictionaryLength;
  boolean last;
  byte[] output;
  int outputLength;
  Future<?> task;

  GzipBlock(int level, int blockSize) {
    this.deflater = new Deflater(level, true);
    this.input = new byte[blockSize];
    // Deflate's worst case is a few bytes per 16 KiB stored block; grown below if ever needed.
    this.output = new byte[blockSize + (blockSize >>> 4) + 64];
  }

  /**
   * Runs on a pool thread; touches only this slot. The block is cut into runs of {@link
   * #CHUNK}-sized chunks that are all compressible or all not (see {@link #incompressible});
   * compressible runs are deflated, the others stored.
   */
  void compress() {
    outputLength = 0;
    if (length == 0) {
      deflateRun(0, 0);
      return;
    }
    for (int from = 0; from < length; ) {
      boolean stored = incompressible(from);
      int to = Math.min(from + CHUNK, length);
      while (to < length && incompressible(to) == stored) {
        to = Math.min(to + CHUNK, length);
      }
      if (stored) {
        storeRun(from, to);
      } else {
        deflateRun(from, to);
      }
      from = to;
    }
  }

  /**
   * Deflates input[from, to) with the 32 KiB of stream before {@code from} as dictionary; ends
   * with SYNC_FLUSH, or with FINISH when the run ends the last block.
   */
  private void deflateRun(int from, int to) {
    deflater.reset();
    int preset = runDictionary(from);
    if (preset > 0) {
      deflater.setDictionary(runDictionary, 0, preset);
    }
    deflater.setInput(input, from, to - from);
    if (last && to == length) {
      deflater.finish();
      while (!deflater.finished()) {
        ensureRoom();
        outputLength += deflater.deflate(output, outputLength, output.length - outputLength, Deflater.NO_FLUSH);
      }
      return;
    }
    // SYNC_FLUSH: done when a call leaves room in the output (Deflater's contract).
    while (true) {
      ensureRoom();
      int room = output.length - outputLength;
      int n = deflater.deflate(output, outputLength, room, Deflater.SYNC_FLUSH);
      outputLength += n;
      if (n < room) {
        return;
      }
    }
  }

  /** The (up to) 32 KiB of uncompressed stream that precede input[from]. */
  private int runDictionary(int from) {
    if (from >= DICTIONARY_SIZE) {
      System.arraycopy(input, from - DICTIONARY_SIZE, runDictionary, 0, DICTIONARY_SIZE);
      return DICTIONARY_SIZE;
    }
    int fromPrevious = Math.min(dictionaryLength, DICTIONARY_SIZE - from);
    System.arraycopy(dictionary, dictionaryLength - fromPrevious, runDictionary, 0, fromPrevious);
    System.arraycopy(input, 0, runDictionary, fromPrevious, from);
    return fromPrevious + from;
  }

  /**
   * Writes input[from, to) as stored deflate blocks (RFC 1951 3.2.4: byte-aligned, which every
   * run's end is), the very last one final when the run ends the last block.
   */
  private void storeRun(int from, int to) {
    for (int at = from; at < to; ) {
      int n = Math.min(MAX_STORED, to - at);
      boolean end = last && at + n == length;
      while (output.length - outputLength < n + 5) {
        output = Arrays.copyOf(output, output.length * 2);
      }
      output[outputLength++] = (byte) (end ? 1 : 0); // BFINAL, BTYPE 00, padding
      output[outputLength++] = (byte) n;
      output[outputLength++] = (byte) (n >>> 8);
      output[outputLength++] = (byte) ~n;
      output[outputLength++] = (byte) (~n >>> 8);
      System.arraycopy(input, at, output, outputLength, n);
      outputLength += n;
      at += n;
    }
  }

  /**
   * Whether the chunk at {@code from} looks like random bytes (compressed images, fonts,
   * archives): an order-0 entropy of at least {@link ParallelGzipOutputStream#STORE_ENTROPY_BITS} bits per byte, where
   * Huffman coding saves at most about 0.1% and deflate at level 6 stores the data anyway, at a
   * cost of about 28 ms of CPU per MiB spent finding that out. Only whole chunks qualify, so
   * text around an image keeps being compressed.
   */
  private boolean incompressible(int from) {
    int to = from + CHUNK;
    if (to > length) {
      return false;
    }
    Arrays.fill(histogram, 0);
    for (int i = from; i < to; i++) {
      histogram[input[i] & 0xff]++;
    }
    double bits = 0;
    for (int count : histogram) {
      if (count > 0) {
        double p = count / (double) CHUNK;
        bits -= p * Math.log(p);
      }
    }
    return bits / Math.log(2) >= STORE_ENTROPY_BITS;
  }

  private void ensureRoom() {
    if (output.length - outputLength < 64) {
      output = Arrays.copyOf(output, output.length * 2);
    }
  }
}
