package dev.slipway.format;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * The manifest entry's bytes as the JSON parser reads them, copied as they pass into the staging
 * folder's {@code .deploy/manifest.json}: the reader parses the manifest straight from the
 * archive and never holds its megabytes (issue #7).
 *
 * <p>Exactly the entry's size: a stream that ends sooner is an {@link EOFException} (the archive
 * is truncated), never a quiet end of input that the parser would call bad JSON. A failure to
 * write the copy is thrown as {@link WriteFailure}, so that it is not taken for a broken archive.
 * Closing it closes neither the archive nor the copy.
 */
final class ManifestCopy extends InputStream {
  private final InputStream entry;
  private final OutputStream copy;
  private long left;

  ManifestCopy(InputStream entry, long size, OutputStream copy) {
    this.entry = entry;
    this.left = size;
    this.copy = copy;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    if (left == 0) {
      return -1;
    }
    int n = entry.read(buffer, offset, (int) Math.min(length, left));
    if (n < 0) {
      throw new EOFException("the archive ends inside the manifest");
    }
    left -= n;
    try {
      copy.write(buffer, offset, n);
    } catch (IOException e) {
      throw new WriteFailure(e);
    }
    return n;
  }

  /** Reads and copies what the parser left (the newline after the JSON). */
  void drain() throws IOException {
    byte[] buffer = new byte[8192];
    while (read(buffer, 0, buffer.length) >= 0) {
      // copied by read
    }
  }

  @Override
  public void close() {}

  /** Writing the copy failed: a problem of the staging folder (a full disk), not of the archive. */
  static final class WriteFailure extends UncheckedIOException {
    WriteFailure(IOException cause) {
      super(cause);
    }
  }
}
