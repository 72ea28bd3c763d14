package dev.slipway.format.signature;

import java.util.Locale;

/**
 * minisign's key number: 8 random bytes that name a key pair in its public key, secret key and
 * signatures. Shown as minisign shows it: the bytes read as a little-endian 64-bit number in
 * upper-case hex ({@code 77DA69817AD91396}), always 16 digits as minisign 0.12 prints it (0.11, in
 * Debian 12, drops leading zeros: {@code A0E87A7FCA8FE8B} is {@code 0A0E87A7FCA8FE8B}).
 */
public record KeyId(long value) {
  static final int BYTES = 8;

  static KeyId read(byte[] bytes, int offset) {
    return new KeyId(LittleEndian.read(bytes, offset));
  }

  void write(byte[] into, int offset) {
    LittleEndian.write(into, offset, value);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%016X", value);
  }
}
