package dev.slipway.format;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.function.Consumer;

/**
 * A manifest's file list, validated entries packed into byte blocks in list order, read back once
 * from the start (issue #7). About 100 bytes an entry (the path in UTF-8, the size, the mode, the
 * raw SHA-256) where the records took about 250 and the manifest's JSON about 170; and reading it
 * back costs no second JSON parse, whose compilation alone took the JIT a few tenths of a second.
 *
 * <p>Only the block being filled stays in memory. Each full block goes to a spill file in {@code
 * spillFolder} (made when the first block fills, about 2,500 entries, and gone by {@link
 * #close}), so the installer's memory does not grow with the number of files: kept in memory, the
 * blocks of a 50k-file list were 5 MB of the 12 MB by which the peak RSS of `installer unpack`
 * grew from 10k to 50k files (docs/BENCHMARKS.md). Entries come back as {@link ListedFile}s,
 * not validated again: only validated {@link FileEntry} records go in.
 */
final class PackedFileList implements Consumer<FileEntry>, Closeable {
  static final int BLOCK = 256 * 1024;
  private static final HexFormat HEX = HexFormat.of();
  /** Length, size, mode and hash around the path's bytes. */
  private static final int FIXED = 2 + 8 + 1 + 32;

  private final Path spillFolder;
  private final byte[] block = new byte[BLOCK];
  private int end;
  private FileChannel spill;
  private int spilledBlocks;

  /** A list that spills into the JVM's temporary folder. */
  PackedFileList() {
    this(Path.of(System.getProperty("java.io.tmpdir")));
  }

  PackedFileList(Path spillFolder) {
    this.spillFolder = spillFolder;
  }

  /**
   * @throws SpillFailure when a full block cannot be written to the spill file: the local disk's
   *     failure, not the manifest's
   */
  @Override
  public void accept(FileEntry file) {
    byte[] path = file.path().getBytes(StandardCharsets.UTF_8);
    // ArchivePaths allows 1024 characters, at most 3 bytes each in UTF-16's range: far under a block.
    if (end + FIXED + path.length > BLOCK) {
      spillBlock();
    }
    putShort(path.length);
    System.arraycopy(path, 0, block, end, path.length);
    end += path.length;
    putLong(file.size());
    block[end++] = (byte) (file.executable() ? 1 : 0);
    byte[] hash = HEX.parseHex(file.sha256());
    System.arraycopy(hash, 0, block, end, hash.length);
    end += hash.length;
  }

  /** Reads the entries back in the order they were added; null after the last. Once per list. */
  Reader reader() {
    return new Reader();
  }

  /** Whether the list has gone to a spill file (for tests). */
  boolean spilled() {
    return spill != null;
  }

  /** Deletes the spill file, if any. */
  @Override
  public void close() throws IOException {
    if (spill != null) {
      spill.close();
    }
  }

  private void spillBlock() {
    // A zero length marks the end of a block's entries (no path is empty).
    Arrays.fill(block, end, BLOCK, (byte) 0);
    try {
      if (spill == null) {
        // DELETE_ON_CLOSE: on Linux and macOS the JDK unlinks the file as soon as it is open, so not
        // even a killed installer leaves it behind; on Windows it goes when the channel closes.
        Path file = Files.createTempFile(spillFolder, "slipway-files-", ".bin");
        spill = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.DELETE_ON_CLOSE);
      }
      ByteBuffer buffer = ByteBuffer.wrap(block);
      while (buffer.hasRemaining()) {
        spill.write(buffer, (long) spilledBlocks * BLOCK + buffer.position());
      }
    } catch (IOException e) {
      throw new SpillFailure(spillFolder, e);
    }
    spilledBlocks++;
    end = 0;
  }

  /** The spill file could not be written or read: a local I/O failure, never the archive's. */
  static final class SpillFailure extends UncheckedIOException {
    SpillFailure(Path folder, IOException cause) {
      super("cannot keep the manifest's file list in a temporary file in " + folder + ": " + cause.getMessage(), cause);
    }
  }

  /**
   * Walks the spilled blocks, read back one at a time into a buffer of its own, then the block in
   * memory. A block is left at its end or where a path length of 0 stands.
   */
  final class Reader {
    private int blockIndex;
    private byte[] spillBuffer;
    private byte[] current;
    private int limit;
    private int at;

    ListedFile next() {
      while (true) {
        if (current == null && !load()) {
          return null;
        }
        if (at + FIXED <= limit) {
          int pathLength = ((current[at] & 0xff) << 8) | (current[at + 1] & 0xff);
          int from = at + 2;
          if (pathLength > 0 && from + pathLength + FIXED - 2 <= limit) {
            return read(from, pathLength);
          }
        }
        current = null;
        blockIndex++;
        at = 0;
      }
    }

    /** Makes block {@code blockIndex} current; false after the last. */
    private boolean load() {
      if (blockIndex < spilledBlocks) {
        if (spillBuffer == null) {
          spillBuffer = new byte[BLOCK];
        }
        current = readSpilled(blockIndex, spillBuffer);
        limit = BLOCK;
        return true;
      }
      if (blockIndex == spilledBlocks) {
        current = block;
        limit = end;
        return true;
      }
      return false;
    }

    private byte[] readSpilled(int index, byte[] into) {
      ByteBuffer buffer = ByteBuffer.wrap(into);
      try {
        while (buffer.hasRemaining()) {
          if (spill.read(buffer, (long) index * BLOCK + buffer.position()) < 0) {
            throw new EOFException("the spill file ends early");
          }
        }
      } catch (IOException e) {
        throw new SpillFailure(spillFolder, e);
      }
      return into;
    }

    private ListedFile read(int from, int pathLength) {
      String path = new String(current, from, pathLength, StandardCharsets.UTF_8);
      int p = from + pathLength;
      long size = 0;
      for (int i = 0; i < 8; i++) {
        size = (size << 8) | (current[p++] & 0xff);
      }
      boolean executable = current[p++] == 1;
      byte[] sha256 = Arrays.copyOfRange(current, p, p + 32);
      at = p + 32;
      return new ListedFile(path, size, executable, sha256);
    }
  }

  private void putShort(int value) {
    block[end++] = (byte) (value >>> 8);
    block[end++] = (byte) value;
  }

  private void putLong(long value) {
    for (int shift = 56; shift >= 0; shift -= 8) {
      block[end++] = (byte) (value >>> shift);
    }
  }
}
