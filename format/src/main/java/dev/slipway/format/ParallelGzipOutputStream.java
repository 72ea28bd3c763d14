package dev.slipway.format;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
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
 * <p><b>Incompressible data is stored, not deflated.</b> Within a block, each 64 KiB chunk whose
 * bytes look random (compressed images and fonts: 40% of a typical build by bytes) is written as
 * stored deflate blocks, which zlib at level 6 ends up emitting for such data anyway, after
 * spending more CPU on it than on text. Text is deflated at the given level as before, so the
 * archive's size barely changes while its compression gets about a third cheaper.
 *
 * <p><b>Deterministic.</b> A block's bytes depend only on its content, the dictionary, the level
 * and whether it is the last one (the stored-or-deflated choice is a function of the content); blocks are cut at fixed offsets and written in order, so the
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

  /** Stored (incompressible) data is recognised per chunk of this size within a block. */
  static final int CHUNK = 64 * 1024;

  /**
   * Order-0 entropy above which a chunk is stored instead of deflated. Random bytes measure about
   * 7.997 over 64 KiB; JPEG, PNG and WOFF2 data mostly measures less and stays deflated.
   */
  static final double STORE_ENTROPY_BITS = 7.99;

  /** The most one stored deflate block holds. */
  private static final int MAX_STORED = 65_535;

  /** Deflate's window: the most a back-reference can reach. */
  static final int DICTIONARY_SIZE = 32 * 1024;

  /** No file name, mtime 0, XFL 0, OS 255: as commons-compress writes it for our parameters. */
  private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};

  private static final AtomicInteger POOL_NUMBER = new AtomicInteger();

  private final OutputStream out;
  private final int blockSize;
  private final Slot[] slots;
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
  private Slot current;
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
    this.slots = new Slot[threads * 2 + 1];
    for (int i = 0; i < slots.length; i++) {
      slots[i] = new Slot(level, blockSize);
    }
    int pool = POOL_NUMBER.incrementAndGet();
    this.executor = WorkerThreads.pool(threads, "parallel-gzip-" + pool);
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
    Slot slot = current;
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
    Slot slot = slots[(int) (written % slots.length)];
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
    for (Slot slot : slots) {
      slot.deflater.end();
    }
  }

  private static void putIntLe(byte[] b, int at, int value) {
    b[at] = (byte) value;
    b[at + 1] = (byte) (value >>> 8);
    b[at + 2] = (byte) (value >>> 16);
    b[at + 3] = (byte) (value >>> 24);
  }

  /** One block's worth of everything: reused, never shared by two blocks in flight. */
  private static final class Slot {
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

    Slot(int level, int blockSize) {
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
     * archives): an order-0 entropy of at least {@link #STORE_ENTROPY_BITS} bits per byte, where
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
}
