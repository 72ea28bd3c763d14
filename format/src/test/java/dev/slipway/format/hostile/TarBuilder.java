package dev.slipway.format.hostile;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes tar streams header by header, byte by byte, so that a test can say anything a hostile
 * archive could say: names with NUL or control characters, negative sizes, a ustar prefix that
 * climbs out, PAX records that contradict the ustar header, GNU long names, device nodes. Nothing
 * here validates or normalises; that is the point.
 *
 * <p>Layout (POSIX.1-1988 ustar, with the GNU and PAX extensions commons-compress reads): a 512-byte
 * header, then the data padded to a multiple of 512, and two zero blocks at the end.
 */
final class TarBuilder {
  static final int BLOCK = 512;

  static final byte REGULAR = '0';
  static final byte HARD_LINK = '1';
  static final byte SYMLINK = '2';
  static final byte CHAR_DEVICE = '3';
  static final byte BLOCK_DEVICE = '4';
  static final byte DIRECTORY = '5';
  static final byte FIFO = '6';
  static final byte PAX = 'x';
  static final byte PAX_GLOBAL = 'g';
  static final byte GNU_LONG_NAME = 'L';
  static final byte GNU_LONG_LINK = 'K';

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  /** One header's fields; every one may be set to anything. */
  static final class Header {
    byte[] name;
    int mode = 0644;
    long size;
    /** When set, written verbatim into the 12-byte size field instead of {@link #size} in octal. */
    byte[] rawSize;
    byte type = REGULAR;
    byte[] linkName = new byte[0];
    byte[] prefix = new byte[0];
    int devMajor;
    int devMinor;
    boolean gnuMagic;
    boolean badChecksum;

    Header(String name) {
      this.name = utf8(name);
    }

    Header(byte[] name) {
      this.name = name;
    }

    Header mode(int value) {
      mode = value;
      return this;
    }

    Header size(long value) {
      size = value;
      return this;
    }

    Header type(byte value) {
      type = value;
      return this;
    }

    Header linkName(String value) {
      linkName = utf8(value);
      return this;
    }

    Header prefix(String value) {
      prefix = utf8(value);
      return this;
    }

    Header device(int major, int minor) {
      devMajor = major;
      devMinor = minor;
      return this;
    }

    /** A size in GNU's base-256 form, which can say what octal cannot: here, a negative number. */
    Header base256Size(long value) {
      rawSize = new byte[12];
      for (int i = 11; i >= 0; i--) {
        rawSize[i] = (byte) value;
        value >>= 8;
      }
      rawSize[0] |= (byte) 0x80;
      return this;
    }

    Header gnu() {
      gnuMagic = true;
      return this;
    }

    Header corruptChecksum() {
      badChecksum = true;
      return this;
    }

    byte[] toBytes() {
      if (name.length > 100 || linkName.length > 100 || prefix.length > 155) {
        throw new IllegalArgumentException("field too long for a ustar header; use pax() or gnuLong()");
      }
      byte[] block = new byte[BLOCK];
      put(block, 0, 100, name);
      octal(block, 100, 8, mode);
      octal(block, 108, 8, 0);
      octal(block, 116, 8, 0);
      if (rawSize != null) {
        System.arraycopy(rawSize, 0, block, 124, 12);
      } else {
        octal(block, 124, 12, size);
      }
      octal(block, 136, 12, 946_684_800L);
      block[156] = type;
      put(block, 157, 100, linkName);
      if (gnuMagic) {
        put(block, 257, 8, "ustar  \0".getBytes(StandardCharsets.US_ASCII));
      } else {
        put(block, 257, 6, "ustar\0".getBytes(StandardCharsets.US_ASCII));
        put(block, 263, 2, "00".getBytes(StandardCharsets.US_ASCII));
      }
      octal(block, 329, 8, devMajor);
      octal(block, 337, 8, devMinor);
      put(block, 345, 155, prefix);
      Arrays.fill(block, 148, 156, (byte) ' ');
      long sum = 0;
      for (byte b : block) {
        sum += b & 0xff;
      }
      if (badChecksum) {
        sum += 1;
      }
      octal(block, 148, 7, sum);
      block[155] = ' ';
      return block;
    }
  }

  /** Appends a header and its data (padded to a block). The data's length need not match the header. */
  TarBuilder entry(Header header, byte[] data) {
    out.writeBytes(header.toBytes());
    out.writeBytes(data);
    pad(data.length);
    return this;
  }

  TarBuilder file(String name, String content) {
    byte[] data = utf8(content);
    return entry(new Header(name).size(data.length), data);
  }

  TarBuilder file(String name, byte[] data) {
    return entry(new Header(name).size(data.length), data);
  }

  TarBuilder folder(String name) {
    return entry(new Header(name).type(DIRECTORY).mode(0755), new byte[0]);
  }

  TarBuilder symlink(String name, String target) {
    return entry(new Header(name).type(SYMLINK).mode(0777).linkName(target), new byte[0]);
  }

  TarBuilder hardLink(String name, String target) {
    return entry(new Header(name).type(HARD_LINK).linkName(target), new byte[0]);
  }

  /** A PAX extended header ('x') that applies to the next entry. */
  TarBuilder pax(Map<String, String> records) {
    byte[] data = paxRecords(records);
    return entry(new Header("PaxHeaders/x").type(PAX).size(data.length), data);
  }

  TarBuilder pax(String key, String value) {
    Map<String, String> records = new LinkedHashMap<>();
    records.put(key, value);
    return pax(records);
  }

  /** A PAX global header ('g') that applies to every later entry. */
  TarBuilder paxGlobal(String key, String value) {
    byte[] data = paxRecords(Map.of(key, value));
    return entry(new Header("GlobalHead.0").type(PAX_GLOBAL).size(data.length), data);
  }

  /** GNU's ././@LongLink entry of type 'L' (name of the next entry) or 'K' (its link target). */
  TarBuilder gnuLong(byte type, byte[] value) {
    byte[] data = Arrays.copyOf(value, value.length + 1); // GNU tar NUL-terminates it
    return entry(new Header("././@LongLink").type(type).gnu().size(data.length), data);
  }

  TarBuilder raw(byte[] bytes) {
    out.writeBytes(bytes);
    return this;
  }

  /** The two zero blocks that end an archive. */
  TarBuilder end() {
    out.writeBytes(new byte[2 * BLOCK]);
    return this;
  }

  byte[] bytes() {
    return out.toByteArray();
  }

  /** How many bytes the builder holds so far (where the next header would start). */
  int position() {
    return out.size();
  }

  private void pad(long length) {
    int rest = (int) (length % BLOCK);
    if (rest != 0) {
      out.writeBytes(new byte[BLOCK - rest]);
    }
  }

  /** PAX records: "LEN key=value\n", where LEN counts the whole record including itself. */
  static byte[] paxRecords(Map<String, String> records) {
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    records.forEach((key, value) -> data.writeBytes(paxRecord(key, utf8(value))));
    return data.toByteArray();
  }

  static byte[] paxRecord(String key, byte[] value) {
    int body = 1 + utf8(key).length + 1 + value.length + 1; // ' ' key '=' value '\n'
    int length = body + Integer.toString(body).length();
    if (Integer.toString(length).length() != Integer.toString(body).length()) {
      length++;
    }
    ByteArrayOutputStream record = new ByteArrayOutputStream();
    record.writeBytes(utf8(length + " " + key + "="));
    record.writeBytes(value);
    record.write('\n');
    return record.toByteArray();
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static void put(byte[] block, int offset, int length, byte[] value) {
    System.arraycopy(value, 0, block, offset, Math.min(length, value.length));
  }

  /** Octal digits, zero-padded, NUL-terminated, as ustar wants. */
  private static void octal(byte[] block, int offset, int length, long value) {
    String digits = Long.toOctalString(value);
    if (digits.length() > length - 1) {
      throw new IllegalArgumentException(value + " does not fit in " + length + " octal bytes; use base256Size");
    }
    String padded = "0".repeat(length - 1 - digits.length()) + digits;
    put(block, offset, length - 1, padded.getBytes(StandardCharsets.US_ASCII));
    block[offset + length - 1] = 0;
  }
}
