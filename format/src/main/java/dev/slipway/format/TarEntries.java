package dev.slipway.format;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * The tar.gz level of {@link SafeArchiveReader}: gunzip, the next entry's header under its own
 * bound, the manifest as the first entry, an entry's exact content, and the entry types allowed.
 * Every failure is a refusal with its cause code, never a library exception.
 */
final class TarEntries {
  /** Largest tar header we read, PAX records and GNU long names included. */
  static final long MAX_HEADER_BYTES = 64 * 1024;

  private TarEntries() {}

  static InputStream gunzip(InputStream compressed) throws IOException {
    try {
      // decompressConcatenated: the writer emits the manifest and the body as two gzip members.
      return new GzipCompressorInputStream(compressed, true);
    } catch (IOException e) {
      throw ArchiveRefusal.of("NOT_GZIP", null, "it is not a gzip file (" + e.getMessage() + ")");
    }
  }

  /**
   * The next entry's header, read under its own small bound: commons-compress buffers a whole PAX
   * record or GNU long name in memory, so a 65 KiB archive could otherwise make it allocate
   * gigabytes (found by the hostile-archive suite).
   */
  static TarArchiveEntry nextEntry(TarArchiveInputStream tar, BoundedInputStream bounded) {
    long limit = bounded.limit();
    bounded.setLimit(Math.min(limit, bounded.count() + MAX_HEADER_BYTES));
    try {
      return nextEntry(tar);
    } finally {
      bounded.setLimit(limit);
    }
  }

  static TarArchiveEntry nextEntry(TarArchiveInputStream tar) {
    TarArchiveEntry entry;
    try {
      entry = tar.getNextEntry();
    } catch (EOFException e) {
      throw ArchiveRefusal.of("TRUNCATED", null, "it ends in the middle of an entry (truncated?)");
    } catch (IOException | IllegalArgumentException e) {
      throw ArchiveRefusal.of("CORRUPT_TAR", null, "it is not a readable tar.gz (" + e.getMessage() + ")");
    }
    // commons-compress computes each header's checksum but only reports it (isCheckSumOK); GNU tar
    // refuses a header whose checksum is wrong, and so do we: its fields cannot be trusted.
    if (entry != null && !entry.isCheckSumOK()) {
      throw ArchiveRefusal.of("CORRUPT_TAR", entry.getName(), "its tar header's checksum is wrong (a damaged archive?)");
    }
    return entry;
  }

  static byte[] readManifestBytes(TarArchiveInputStream tar, BoundedInputStream bounded) {
    TarArchiveEntry first = manifestEntry(tar, bounded);
    return readExactly(tar, first, first.getSize());
  }

  /** The first entry, which must be the manifest (a file of at most MAX_MANIFEST_BYTES); its content is not read. */
  static TarArchiveEntry manifestEntry(TarArchiveInputStream tar, BoundedInputStream bounded) {
    TarArchiveEntry first = nextEntry(tar, bounded);
    if (first == null) {
      throw ArchiveRefusal.of("MISSING_MANIFEST", null, "it is empty; " + ArchiveLayout.MANIFEST + " must be its first entry");
    }
    if (!first.getName().equals(ArchiveLayout.MANIFEST)) {
      throw ArchiveRefusal.of(
          "MISSING_MANIFEST", first.getName(), "is the first entry; " + ArchiveLayout.MANIFEST + " must come first");
    }
    checkType(first);
    if (first.isDirectory()) {
      throw ArchiveRefusal.of("MISSING_MANIFEST", first.getName(), "is a folder; it must be the manifest file");
    }
    if (first.getSize() > ArchiveLayout.MAX_MANIFEST_BYTES) {
      throw ArchiveRefusal.of("BAD_MANIFEST", first.getName(), "is larger than " + ArchiveLayout.MAX_MANIFEST_BYTES + " bytes");
    }
    return first;
  }

  /** The entry's content, which must be exactly {@code size} bytes; a short or broken read is a refusal. */
  static byte[] readExactly(TarArchiveInputStream tar, TarArchiveEntry entry, long size) {
    if (entry.getSize() != size) {
      throw ArchiveRefusal.of("SIZE_MISMATCH", entry.getName(), "is " + entry.getSize() + " bytes, the manifest says " + size);
    }
    // Into an array of the final size (at most MAX_MANIFEST_BYTES): readNBytes would gather chunks
    // and copy them, briefly holding a 50k-file manifest twice (issue #7: peak memory).
    byte[] bytes = new byte[(int) size];
    int read;
    try {
      read = tar.readNBytes(bytes, 0, bytes.length);
    } catch (IOException e) {
      throw EntryRefusals.readFailure(entry.getName(), e);
    }
    if (read != size) {
      throw EntryRefusals.readFailure(entry.getName(), new EOFException());
    }
    return bytes;
  }

  static void checkType(TarArchiveEntry entry) {
    // Decide on the raw type flag: commons-compress's isFile() is true for every flag but '5'
    // (devices, FIFOs and unknown types included), so it cannot be trusted for this.
    byte flag = entry.getLinkFlag();
    if (flag == TarConstants.LF_NORMAL || flag == TarConstants.LF_OLDNORM || flag == TarConstants.LF_DIR) {
      return;
    }
    String type;
    if (flag == TarConstants.LF_SYMLINK) {
      type = "a symbolic link (to '" + ArchivePaths.printable(entry.getLinkName()) + "')";
    } else if (flag == TarConstants.LF_LINK) {
      type = "a hard link (to '" + ArchivePaths.printable(entry.getLinkName()) + "')";
    } else if (flag == TarConstants.LF_CHR || flag == TarConstants.LF_BLK) {
      type = "a device node";
    } else if (flag == TarConstants.LF_FIFO) {
      type = "a FIFO";
    } else {
      type = "an entry of unsupported type '" + ArchivePaths.printable(String.valueOf((char) flag)) + "'";
    }
    throw ArchiveRefusal.of("UNSUPPORTED_ENTRY_TYPE", entry.getName(), "is " + type + "; only files and folders are allowed");
  }
}
