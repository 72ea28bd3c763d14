package dev.slipway.packager.analysis;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Recognises credentials by the first bytes of a file, whatever its name (issue #20: a key renamed
 * {@code public/backup.txt} is still a key). Each marker needs the secret's shape, not only its
 * label, so that code and documentation that merely mention one (a JS library holding the string
 * {@code "-----BEGIN PRIVATE KEY-----\n"}, a page explaining {@code aws_secret_access_key}) pass.
 *
 * <p>What it returns names the kind of marker, never the matched text: the message must not
 * repeat the secret it refuses to ship.
 */
public final class SecretContent {
  /** How much of each file is read: credential files are small and their markers come first. */
  public static final int HEAD_BYTES = 64 * 1024;

  /**
   * A kind of credential: {@code anchors} are literal strings one of which every match holds,
   * looked for first (a plain search, much cheaper than the pattern over 64 KiB of every file).
   */
  private record Marker(String kind, List<String> anchors, Pattern pattern) {}

  private static final List<Marker> MARKERS = List.of(
      // A PEM block: the armour line, a real line break, then base64 (a string literal has "\n").
      new Marker("a PEM private key block (-----BEGIN ... PRIVATE KEY-----)", List.of("PRIVATE KEY"),
          Pattern.compile("-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----\\r?\\n(?:[A-Za-z0-9-]+: [^\\n]*\\r?\\n|\\r?\\n)*[A-Za-z0-9+/=]{40}")),
      new Marker("a Google service-account key (\"type\": \"service_account\")", List.of("service_account"),
          Pattern.compile("\"type\"\\s*:\\s*\"service_account\"")),
      // AWS secret keys are 40 characters of base64.
      new Marker("an AWS secret key (aws_secret_access_key)", List.of("ecret_access_key", "ECRET_ACCESS_KEY"),
          Pattern.compile("(?i)aws_secret_access_key\\s*[=:]\\s*[\"']?[A-Za-z0-9/+]{40}")),
      // An npm token written out; a ${NPM_TOKEN} reference is not a secret itself.
      new Marker("an npm auth token (_authToken=)", List.of("_authToken"),
          Pattern.compile("_authToken\\s*=\\s*[\"']?[^\\s$\"'{]")),
      new Marker("a Slack token (xoxb-/xoxp-)", List.of("xoxb-", "xoxp-"),
          Pattern.compile("xox[bp]-[0-9]{6,}-[0-9A-Za-z-]{10,}")));

  /** How far a NUL byte marks a file as binary: images, fonts and archives have one in their first bytes. */
  private static final int BINARY_PROBE = 8 * 1024;

  private SecretContent() {}

  /**
   * The kind of credential the first bytes of a file hold, or empty. A binary file (a NUL byte in
   * its first 8 KiB) is not searched: every marker is text, and the binary key stores (.p12,
   * .kdbx, .jks) are refused by name ({@link SecretFiles}); public/ is mostly images.
   */
  public static Optional<String> marker(byte[] head, int length) {
    for (int i = 0; i < Math.min(length, BINARY_PROBE); i++) {
      if (head[i] == 0) {
        return Optional.empty();
      }
    }
    // ISO-8859-1 maps each byte to one char, so no file can fail to decode.
    String text = new String(head, 0, length, StandardCharsets.ISO_8859_1);
    for (Marker marker : MARKERS) {
      if (marker.anchors().stream().anyMatch(text::contains) && marker.pattern().matcher(text).find()) {
        return Optional.of(marker.kind());
      }
    }
    return Optional.empty();
  }
}
