package dev.slipway.format;

import static dev.slipway.format.ParallelGzipOutputStream.DICTIONARY_SIZE;

import java.util.Arrays;
import java.util.concurrent.Future;
import java.util.zip.Deflater;

/**
 * One block of a {@link ParallelGzipOutputStream} and everything needed to compress it: its input,
 * its dictionary, an output buffer and a {@link Deflater}. Reused for block after block, never
 * shared by two blocks in flight; {@link #compress} runs on a pool thread and touches only this.
 */
final class GzipBlock {
  final Deflater deflater;
  final byte[] input;
  final byte[] dictionary = new byte[DICTIONARY_SIZE];
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
   * Runs on a pool thread; touches only this slot. Deflates the block with the 32 KiB of stream
   * before it as dictionary; ends with SYNC_FLUSH, or with FINISH when it is the last block.
   */
  void compress() {
    outputLength = 0;
    deflater.reset();
    if (dictionaryLength > 0) {
      deflater.setDictionary(dictionary, 0, dictionaryLength);
    }
    deflater.setInput(input, 0, length);
    if (last) {
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

  private void ensureRoom() {
    if (output.length - outputLength < 64) {
      output = Arrays.copyOf(output, output.length * 2);
    }
  }
}
