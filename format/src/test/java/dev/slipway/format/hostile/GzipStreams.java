package dev.slipway.format.hostile;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/** Gzip for the hostile fixtures: in memory for small archives, generated on the fly for bombs. */
final class GzipStreams {
  private GzipStreams() {}

  static byte[] gzip(byte[] data) {
    return gzip(data, Deflater.DEFAULT_COMPRESSION);
  }

  /**
   * Gzip with stored (uncompressed) deflate blocks: compressed offsets then map almost one to one
   * onto tar offsets, so a test can cut the archive at a chosen point of the tar stream.
   */
  static byte[] gzipStored(byte[] data) {
    return gzip(data, Deflater.NO_COMPRESSION);
  }

  private static byte[] gzip(byte[] data, int level) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out =
        new GZIPOutputStream(bytes) {
          {
            def.setLevel(level);
          }
        }) {
      out.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * How many bytes a cut-short gzip member (as written by {@link #gzip}: a 10-byte header) inflates
   * to before its input runs out.
   */
  static long inflatablePrefix(byte[] gzip) {
    java.util.zip.Inflater inflater = new java.util.zip.Inflater(true);
    try {
      inflater.setInput(gzip, 10, gzip.length - 10);
      byte[] out = new byte[64 * 1024];
      long total = 0;
      while (!inflater.finished()) {
        int n = inflater.inflate(out);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          break;
        }
        total += n;
      }
      return total;
    } catch (java.util.zip.DataFormatException e) {
      throw new IllegalStateException(e);
    } finally {
      inflater.end();
    }
  }

  /** {@code count} copies of {@code fill}, made as they are read: gigabytes in constant memory. */
  static InputStream repeat(byte fill, long count) {
    return new InputStream() {
      private long left = count;

      @Override
      public int read() {
        if (left <= 0) {
          return -1;
        }
        left--;
        return fill & 0xff;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) {
        if (left <= 0) {
          return -1;
        }
        int n = (int) Math.min(length, left);
        Arrays.fill(buffer, offset, offset + n, fill);
        left -= n;
        return n;
      }
    };
  }

  /** The parts one after the other: tar headers as bytes, bomb payloads as {@link #repeat}. */
  static InputStream concat(List<InputStream> parts) {
    return new java.io.SequenceInputStream(java.util.Collections.enumeration(parts));
  }

  static InputStream bytes(byte[] data) {
    return new ByteArrayInputStream(data);
  }

  /**
   * A gzip stream (RFC 1952) compressed on demand from {@code source}: only what the reader pulls
   * is ever produced, so a 4 GiB bomb costs the test nothing unless the code under test inflates
   * it. Deflate tops out near 1032:1, so 1 GiB of one repeated byte is about 1 MiB compressed.
   * {@link #sourceBytesRead()} tells how far into the inflated stream the reader got (plus the
   * deflater's look-ahead of a few MiB).
   */
  static final class OnTheFly extends InputStream {
    private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};

    private final InputStream source;
    private final Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
    private final CRC32 crc = new CRC32();
    private final byte[] input = new byte[64 * 1024];
    private byte[] pending = HEADER;
    private int pendingAt;
    private boolean trailerWritten;
    private long sourceBytes;

    OnTheFly(InputStream source) {
      this.source = source;
    }

    long sourceBytesRead() {
      return sourceBytes;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      if (length == 0) {
        return 0;
      }
      while (true) {
        if (pendingAt < pending.length) {
          int n = Math.min(length, pending.length - pendingAt);
          System.arraycopy(pending, pendingAt, buffer, offset, n);
          pendingAt += n;
          return n;
        }
        if (trailerWritten) {
          return -1;
        }
        if (deflater.finished()) {
          pending = trailer();
          pendingAt = 0;
          trailerWritten = true;
          deflater.end();
          continue;
        }
        if (deflater.needsInput()) {
          int n = source.read(input);
          if (n < 0) {
            deflater.finish();
          } else {
            crc.update(input, 0, n);
            sourceBytes += n;
            deflater.setInput(input, 0, n);
          }
        }
        int n = deflater.deflate(buffer, offset, length);
        if (n > 0) {
          return n;
        }
      }
    }

    private byte[] trailer() {
      long crcValue = crc.getValue();
      long size = sourceBytes & 0xffffffffL;
      return new byte[] {
        (byte) crcValue, (byte) (crcValue >> 8), (byte) (crcValue >> 16), (byte) (crcValue >> 24),
        (byte) size, (byte) (size >> 8), (byte) (size >> 16), (byte) (size >> 24)
      };
    }

    @Override
    public void close() {
      deflater.end();
    }
  }
}
