package dev.slipway.format;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 helpers. Everything else hashes while it streams; these are for small inputs and sidecars. */
public final class Sha256 {
  private Sha256() {}

  /**
   * Never updated, only cloned: {@code getInstance} walks the security providers and instantiates
   * by reflection, and an unpack asks for a digest per file (issue #7: 10k files, two lookups
   * each, and the reflection code that the JIT then compiled). Cloning only reads it, so threads
   * may share it.
   */
  private static final MessageDigest PROTOTYPE = lookUp();

  public static MessageDigest newDigest() {
    try {
      return (MessageDigest) PROTOTYPE.clone();
    } catch (CloneNotSupportedException e) {
      return lookUp(); // a provider whose digest cannot be cloned
    }
  }

  private static MessageDigest lookUp() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime must provide SHA-256", e);
    }
  }

  public static String hex(byte[] digest) {
    return HexFormat.of().formatHex(digest);
  }

  public static String of(byte[] bytes) {
    return hex(newDigest().digest(bytes));
  }

  /** Streams the file through the digest with a fixed buffer; memory does not grow with its size. */
  public static String of(Path file) throws IOException {
    MessageDigest digest = newDigest();
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) != -1; ) {
        digest.update(buffer, 0, n);
      }
    }
    return hex(digest.digest());
  }

  /** 64 lower-case hex digits. Checked for every manifest entry, so without a regex (issue #7). */
  public static boolean isHex(String value) {
    if (value == null || value.length() != 64) {
      return false;
    }
    for (int i = 0; i < 64; i++) {
      char c = value.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  /** Normalises user input (upper case, surrounding blanks) and validates it. */
  public static String requireHex(String value, String what) {
    String normalised = value == null ? null : value.trim().toLowerCase(java.util.Locale.ROOT);
    if (!isHex(normalised)) {
      throw new IllegalArgumentException(what + " is not a SHA-256 (64 hex digits): " + value);
    }
    return normalised;
  }
}
