package dev.slipway.format;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;

/**
 * A manifest's file list, validated entries packed into byte blocks in list order, read back once
 * from the start (issue #7). About 100 bytes an entry (the path in UTF-8, the size, the mode, the
 * raw SHA-256) where the records took about 250 and the manifest's JSON about 170; and reading it
 * back costs no second JSON parse, whose compilation alone took the JIT a few tenths of a second.
 *
 * <p>Blocks are fixed-size and never copied, so the list never needs twice its size while it
 * grows. Entries come back as new {@link FileEntry} records, validated again by their constructor.
 */
final class PackedFileList implements Consumer<FileEntry> {
  private static final int BLOCK = 256 * 1024;
  private static final HexFormat HEX = HexFormat.of();
  /** Length, size, mode and hash around the path's bytes. */
  private static final int FIXED = 2 + 8 + 1 + 32;

  private final List<byte[]> blocks = new ArrayList<>();
  private byte[] block;
  private int end;

  @Override
  public void accept(FileEntry file) {
    byte[] path = file.path().getBytes(StandardCharsets.UTF_8);
    // ArchivePaths allows 1024 characters, at most 3 bytes each in UTF-16's range: under 2^16.
    int length = FIXED + path.length;
    if (block == null || end + length > block.length) {
      block = new byte[Math.max(BLOCK, length)];
      blocks.add(block);
      end = 0;
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

  /** Reads the entries back in the order they were added; null after the last. */
  Reader reader() {
    return new Reader();
  }

  /**
   * Walks the blocks. A block is left at its end or where a path length of 0 stands: blocks are
   * zero-filled when made and no path is empty, so that marks the unused tail of a full block.
   */
  final class Reader {
    private int blockIndex;
    private int at;

    FileEntry next() {
      while (blockIndex < blocks.size()) {
        byte[] current = blocks.get(blockIndex);
        int limit = current == block ? end : current.length;
        if (at + FIXED <= limit) {
          int pathLength = ((current[at] & 0xff) << 8) | (current[at + 1] & 0xff);
          int from = at + 2;
          if (pathLength > 0 && from + pathLength + FIXED - 2 <= limit) {
            return read(current, from, pathLength);
          }
        }
        blockIndex++;
        at = 0;
      }
      return null;
    }

    private FileEntry read(byte[] current, int from, int pathLength) {
      String path = new String(current, from, pathLength, StandardCharsets.UTF_8);
      int p = from + pathLength;
      long size = 0;
      for (int i = 0; i < 8; i++) {
        size = (size << 8) | (current[p++] & 0xff);
      }
      int mode = current[p++] == 1 ? FileEntry.MODE_EXECUTABLE : FileEntry.MODE_FILE;
      String sha256 = HEX.formatHex(current, p, p + 32);
      at = p + 32;
      return new FileEntry(path, size, mode, sha256);
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
