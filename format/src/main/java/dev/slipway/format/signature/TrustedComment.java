package dev.slipway.format.signature;

import dev.slipway.format.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The trusted comment of a signature: signed with it, so it cannot be changed without the secret
 * key. The packager writes {@code app:NAME version:V buildId:B sha256:HEX}, tab-separated
 * {@code key:value} fields like minisign's own {@code timestamp:…\tfile:…}, and no time, so one
 * key signing one archive gives the same bytes twice. A comment from {@code minisign -S} has none
 * of these fields, which is fine: the signature alone then vouches for the archive.
 */
public record TrustedComment(String text) {
  public TrustedComment {
    if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("a trusted comment is one line");
    }
    if (text.getBytes(StandardCharsets.UTF_8).length > MinisignLines.TRUSTED_MAX_BYTES) {
      throw new IllegalArgumentException("a trusted comment has at most " + MinisignLines.TRUSTED_MAX_BYTES + " bytes");
    }
  }

  /** What the packager signs. Names, versions and build ids hold no whitespace (the manifest reader refuses it). */
  public static TrustedComment forArchive(String app, String version, String buildId, String sha256) {
    return new TrustedComment("app:" + app + "\tversion:" + version + "\tbuildId:" + buildId + "\tsha256:"
        + Sha256.requireHex(sha256, "archive sha256"));
  }

  /** The {@code key:value} fields, the first of each key, in order. */
  public Map<String, String> fields() {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String word : text.split("[\\t ]+")) {
      int colon = word.indexOf(':');
      if (colon > 0) {
        fields.putIfAbsent(word.substring(0, colon), word.substring(colon + 1));
      }
    }
    return fields;
  }

  /** The archive's SHA-256 the signer recorded, lower-cased; empty when the comment names none. */
  public Optional<String> sha256() {
    return Optional.ofNullable(fields().get("sha256")).map(s -> s.toLowerCase(java.util.Locale.ROOT));
  }
}
