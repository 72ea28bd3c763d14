package dev.slipway.format.signature;

import dev.slipway.format.FailureKind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * A minisign public key: {@code "Ed" || key id (8) || Ed25519 key (32)}, base64 under an
 * untrusted comment line ({@code minisign.pub}). A bare base64 line (what {@code minisign -P}
 * takes) is accepted too.
 */
public record PublicKey(KeyId id, byte[] key) {
  static final byte[] ALGORITHM = {'E', 'd'};
  private static final int BYTES = 2 + KeyId.BYTES + Ed25519.KEY_BYTES;
  private static final String FIX = "pass the .pub file `minisign -G` or `packager keygen` wrote (two lines: a comment, then base64)";

  public PublicKey {
    if (key.length != Ed25519.KEY_BYTES) {
      throw new IllegalArgumentException("an Ed25519 public key has 32 bytes, not " + key.length);
    }
    key = key.clone();
  }

  @Override
  public byte[] key() {
    return key.clone();
  }

  /** Reads a public key file; a malformed one is {@code BAD_TRUSTED_KEY} (a usage error) naming the file. */
  public static PublicKey read(Path file) throws IOException {
    MinisignLines format = format(file.toString());
    return parse(format, format.read(file));
  }

  public static PublicKey parse(String text) {
    MinisignLines format = format("public key");
    return parse(format, format.lines(text));
  }

  private static PublicKey parse(MinisignLines format, List<String> lines) {
    if (lines.isEmpty()) {
      throw format.refuse("is empty");
    }
    boolean commented = lines.get(0).startsWith(MinisignLines.UNTRUSTED);
    if (lines.size() != (commented ? 2 : 1)) {
      throw format.refuse("has " + lines.size() + " lines, not a comment and a base64 line");
    }
    byte[] bytes = format.base64(lines.get(commented ? 1 : 0), BYTES);
    if (bytes[0] != ALGORITHM[0] || bytes[1] != ALGORITHM[1]) {
      throw format.refuse("is not an Ed25519 key (algorithm '" + (char) bytes[0] + (char) bytes[1] + "')");
    }
    return new PublicKey(KeyId.read(bytes, 2), Arrays.copyOfRange(bytes, 2 + KeyId.BYTES, BYTES));
  }

  /** The file {@code minisign -G} writes, byte for byte. */
  public String fileText() {
    return MinisignLines.UNTRUSTED + "minisign public key " + id + "\n" + base64() + "\n";
  }

  /** The base64 line alone: what {@code minisign -V -P} takes. */
  public String base64() {
    byte[] bytes = new byte[BYTES];
    bytes[0] = ALGORITHM[0];
    bytes[1] = ALGORITHM[1];
    id.write(bytes, 2);
    System.arraycopy(key, 0, bytes, 2 + KeyId.BYTES, Ed25519.KEY_BYTES);
    return Base64.getEncoder().encodeToString(bytes);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PublicKey that && id.equals(that.id) && Arrays.equals(key, that.key);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  @Override
  public String toString() {
    return "PublicKey[" + id + "]";
  }

  private static MinisignLines format(String what) {
    return new MinisignLines(FailureKind.USAGE, "BAD_TRUSTED_KEY", "public key " + what, FIX);
  }
}
