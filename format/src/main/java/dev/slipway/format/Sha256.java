package dev.slipway.format;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** SHA-256 helpers. Everything else hashes while it streams; these are for small inputs and sidecars. */
public final class Sha256 {
  private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

  private Sha256() {}

  public static MessageDigest newDigest() {
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

  public static boolean isHex(String value) {
    return value != null && HEX.matcher(value).matches();
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
