package dev.slipway.format;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;

/**
 * One file entry's content as {@link SafeArchiveReader} takes it: read whole (small files, checked
 * on another thread) or streamed into the target while it is hashed (large ones), and refused when
 * it ends early or its SHA-256 is not the manifest's.
 */
final class EntryContent {
  private static final int BUFFER = 64 * 1024;

  private EntryContent() {}

  /** A small file's whole content, into the first {@code expected.size()} bytes of {@code content}. */
  static byte[] readWhole(InputStream in, ListedFile expected, byte[] content) {
    int size = (int) expected.size();
    int read = 0;
    while (read < size) {
      int n;
      try {
        n = in.read(content, read, size - read);
      } catch (IOException e) {
        throw EntryRefusals.readFailure(expected.path(), e);
      }
      if (n < 0) {
        throw ArchiveRefusal.of("TRUNCATED", expected.path(), "the archive ends inside this file");
      }
      read += n;
    }
    return content;
  }

  static void writeWhole(UnpackTarget target, String name, byte[] content) throws IOException {
    try (OutputStream out = target.createFile(name)) {
      out.write(content);
    }
  }

  /** A large file, streamed into {@code target} while it is hashed; marked executable once it matched. */
  static void write(UnpackTarget target, InputStream in, ListedFile expected) throws IOException {
    String name = expected.path();
    long size = expected.size();
    MessageDigest digest = Sha256.newDigest();
    byte[] buffer = new byte[BUFFER];
    long written = 0;
    try (OutputStream out = target.createFile(name)) {
      while (written < size) {
        int n;
        try {
          n = in.read(buffer, 0, (int) Math.min(buffer.length, size - written));
        } catch (IOException e) {
          throw EntryRefusals.readFailure(name, e);
        }
        if (n < 0) {
          throw ArchiveRefusal.of("TRUNCATED", name, "the archive ends inside this file");
        }
        digest.update(buffer, 0, n);
        out.write(buffer, 0, n);
        written += n;
      }
    }
    checkHash(expected, digest, null);
    if (expected.executable()) {
      target.markExecutable(name);
    }
  }

  /** Refuses (HASH_MISMATCH) unless {@code digest}, after {@code content} if not null, is the manifest's SHA-256. */
  static void checkHash(ListedFile expected, MessageDigest digest, byte[] content) {
    if (content != null) {
      digest.update(content);
    }
    byte[] actual = digest.digest();
    if (!MessageDigest.isEqual(actual, expected.sha256())) {
      throw ArchiveRefusal.of(
          "HASH_MISMATCH", expected.path(), "SHA-256 is " + Sha256.hex(actual) + ", the manifest says " + expected.sha256Hex());
    }
  }
}
