package dev.slipway.format;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes one standard gzip member whose deflate stream is compressed in fixed-size blocks on
 * several threads, the way pigz does it.
 *
 * <p>The uncompressed stream is cut into blocks of {@code blockSize} bytes. Each block is deflated
 * on its own, at the given level, with the 32 KiB of uncompressed data that precede it as preset
 * dictionary ({@link Deflater#setDictionary}), so back-references across a block boundary are
 * still found and the output stays within a fraction of a percent of a single-threaded stream.
 * Every block but the last ends with {@link Deflater#SYNC_FLUSH}, which byte-aligns it with an
 * empty stored block; the last ends with {@link Deflater#FINISH}. The raw deflate blocks,
 * concatenated, form one valid deflate stream: any gzip reader sees an ordinary member.
 *
 * <p><b>Deterministic.</b> A block's bytes depend only on its content, the dictionary, the level
 * and whether it is the last one; blocks are cut at fixed offsets and written in order, so the
 * output is the same whatever the number of threads or their timing.
 *
 * <p><b>Bounded memory.</b> A fixed ring of {@code inFlight} slots, each with its input block, its
 * dictionary, an output buffer and a {@link Deflater}: when every slot is busy, the writer waits
 * for the oldest block and writes it out before it reuses that slot. Nothing is allocated per
 * block once the output buffers have grown to their working size.
 *
 * <p>The header is the one {@code ReproducibleArchiveWriter} has always written: no file name,
 * time 0, XFL 0 and OS 255 (unknown). The trailer holds the CRC-32 and the length (mod 2^32) of
 * the whole uncompressed stream, computed on the writing thread. Not thread-safe: one thread
 * writes.
 */
public final class ParallelGzipOutputStream extends OutputStream {
  /** 1 MiB: the dictionary's cost (32 KiB re-hashed per block) stays near 3%. */
  public static final int DEFAULT_BLOCK_SIZE = 1024 * 1024;

  /** Deflate's window: the most a back-reference can reach. */
  static final int DICTIONARY_SIZE = 32 * 1024;

  /** No file name, mtime 0, XFL 0, OS 255: as commons-compress writes it for our parameters. */
  private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};

  private final OutputStream out;
  private final int blockSize;
  private final GzipBlock[] slots;
  private final ExecutorService executor;
  private final CRC32 crc = new CRC32();
  /** The last (up to) 32 KiB of the uncompressed stream before the current block. */
  private final byte[] window = new byte[DICTIONARY_SIZE];

  private int windowLength;
  private long totalIn;
  /** Blocks handed to the executor so far; block n uses slot n % slots.length. */
  private long submitted;
  /** Blocks written to {@code out} so far. */
  private long written;
  private GzipBlock current;
  private boolean finished;
  private boolean closed;

  /** Level 6, 1 MiB blocks, one thread per available processor. */
  public ParallelGzipOutputStream(OutputStream out) throws IOException {
    this(out, Deflater.DEFAULT_COMPRESSION, DEFAULT_BLOCK_SIZE, Runtime.getRuntime().availableProcessors());
  }

  /**
   * @param level a {@link Deflater} level; {@link Deflater#DEFAULT_COMPRESSION} is zlib's 6
   * @param blockSize bytes of uncompressed input per block; any positive size works, but blocks
   *     much smaller than 32 KiB make the dictionary cost more than the block
   * @param threads compressing threads (at least 1); the output does not depend on it
   */
  public ParallelGzipOutputStream(OutputStream out, int level, int blockSize, int threads) throws IOException {
    this.out = Objects.requireNonNull(out, "out");
    if (blockSize < 1) {
      throw new IllegalArgumentException("blockSize must be positive: " + blockSize);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1: " + threads);
    }
    if (level != Deflater.DEFAULT_COMPRESSION && (level < 0 || level > 9)) {
      throw new IllegalArgumentException("not a deflate level: " + level);
    }
    this.blockSize = blockSize;
    // Two blocks per thread: one being compressed, one queued, so no thread waits for the writer.
    this.slots = new GzipBlock[threads * 2 + 1];
    for (int i = 0; i < slots.length; i++) {
      slots[i] = new GzipBlock(level, blockSize);
    }
    // Named after this stream, for thread dumps; no counter shared between streams.
    this.executor = WorkerThreads.pool(threads, "parallel-gzip-" + Integer.toHexString(System.identityHashCode(this)));
    this.current = slots[0];
    out.write(HEADER);
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    if (finished) {
      throw new IOException("the gzip stream is already finished");
    }
    crc.update(b, off, len);
    totalIn += len;
    while (len > 0) {
      int n = Math.min(len, blockSize - current.length);
      System.arraycopy(b, off, current.input, current.length, n);
      current.length += n;
      off += n;
      len -= n;
      if (current.length == blockSize) {
        // Full: send it off. Whether it is the last block is only known at finish(); a stream that
        // ends exactly on a block boundary then gets an empty final block (deterministically).
        submit(false);
      }
    }
  }

  /**
   * Compresses what is buffered, waits for every block and writes the trailer; leaves the
   * underlying stream open.
   */
  public void finish() throws IOException {
    if (finished) {
      return;
    }
    finished = true;
    try {
      submit(true);
      while (written < submitted) {
        writeOldest();
      }
      byte[] trailer = new byte[8];
      putIntLe(trailer, 0, (int) crc.getValue());
      putIntLe(trailer, 4, (int) totalIn);
      out.write(trailer);
      out.flush();
    } finally {
      shutdown();
    }
  }

  /** Finishes the member (see {@link #finish}) and closes the underlying stream. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try (OutputStream toClose = out) {
      finish();
    } finally {
      shutdown();
    }
  }

  /** No partial flush: a block is cut only at fixed offsets, or the output would depend on it. */
  @Override
  public void flush() {}

  private void submit(boolean last) throws IOException {
    GzipBlock slot = current;
    slot.last = last;
    System.arraycopy(window, 0, slot.dictionary, 0, windowLength);
    slot.dictionaryLength = windowLength;
    slideWindow(slot.input, slot.length);
    slot.task = executor.submit(slot::compress);
    submitted++;
    if (last) {
      // No next block: every slot but this one may still hold a block in flight. Touch none.
      current = null;
      return;
    }
    if (submitted - written == slots.length) {
      // The next slot still holds the oldest block: write it out, which frees the slot.
      writeOldest();
    }
    current = slots[(int) (submitted % slots.length)];
    current.length = 0;
  }

  private void slideWindow(byte[] block, int length) {
    if (length >= DICTIONARY_SIZE) {
      System.arraycopy(block, length - DICTIONARY_SIZE, window, 0, DICTIONARY_SIZE);
      windowLength = DICTIONARY_SIZE;
      return;
    }
    int keep = Math.min(windowLength, DICTIONARY_SIZE - length);
    System.arraycopy(window, windowLength - keep, window, 0, keep);
    System.arraycopy(block, 0, window, keep, length);
    windowLength = keep + length;
  }

  private void writeOldest() throws IOException {
    GzipBlock slot = slots[(int) (written % slots.length)];
    try {
      slot.task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while compressing");
    } catch (ExecutionException e) {
      throw WorkerThreads.rethrown(e.getCause());
    }
    slot.task = null;
    out.write(slot.output, 0, slot.outputLength);
    written++;
  }

  private void shutdown() {
    executor.shutdownNow();
    // A task still running uses its slot's Deflater: wait for it before ending them.
    WorkerThreads.awaitStopped(executor);
    for (GzipBlock slot : slots) {
      slot.deflater.end();
    }
  }

  private static void putIntLe(byte[] b, int at, int value) {
    b[at] = (byte) value;
    b[at + 1] = (byte) (value >>> 8);
    b[at + 2] = (byte) (value >>> 16);
    b[at + 3] = (byte) (value >>> 24);
  }
}
