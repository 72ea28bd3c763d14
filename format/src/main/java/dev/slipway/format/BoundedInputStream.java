package dev.slipway.format;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts decompressed bytes and stops a gzip bomb: once more than the limit has been read, every
 * read fails. The limit is raised once the manifest says how large the archive really is.
 */
final class BoundedInputStream extends FilterInputStream {
  private long limit;
  private long count;

  BoundedInputStream(InputStream in, long limit) {
    super(in);
    this.limit = limit;
  }

  void setLimit(long limit) {
    this.limit = limit;
  }

  long limit() {
    return limit;
  }

  long count() {
    return count;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      account(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    if (n > 0) {
      account(n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = super.skip(n);
    account(skipped);
    return skipped;
  }

  private void account(long n) {
    count += n;
    if (count > limit) {
      throw ArchiveRefusal.of(
          "ARCHIVE_TOO_LARGE",
          null,
          "it inflates past " + limit + " bytes, more than its manifest declares (a compression bomb?)");
    }
  }
}
