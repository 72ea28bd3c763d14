package dev.slipway.format.signature;

/** minisign stores key ids and scrypt limits as little-endian 64-bit numbers (libsodium's le64). */
final class LittleEndian {
  private LittleEndian() {}

  static long read(byte[] bytes, int offset) {
    long value = 0;
    for (int i = 7; i >= 0; i--) {
      value = (value << 8) | (bytes[offset + i] & 0xff);
    }
    return value;
  }

  static void write(byte[] bytes, int offset, long value) {
    for (int i = 0; i < 8; i++) {
      bytes[offset + i] = (byte) (value >>> (8 * i));
    }
  }
}
