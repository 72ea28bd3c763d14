package dev.slipway.format.signature;

import dev.slipway.format.FailureKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * A {@code .minisig} file, as minisign writes it:
 *
 * <pre>
 * untrusted comment: TEXT                      (anyone may change it; never trusted)
 * base64("ED" or "Ed" || key id (8) || signature (64))
 * trusted comment: TEXT
 * base64(global signature (64))                Ed25519 over signature || trusted comment
 * </pre>
 *
 * {@code ED} signs the BLAKE2b-512 of the file (pre-hashed, minisign's default since 0.8), {@code Ed}
 * the file itself (legacy, {@code minisign -S -l}).
 */
public record SignatureFile(
    boolean prehashed, KeyId keyId, byte[] signature, String untrustedComment, TrustedComment trustedComment,
    byte[] globalSignature) {
  public static final String SUFFIX = ".minisig";
  static final byte[] PREHASHED = {'E', 'D'};
  static final byte[] LEGACY = PublicKey.ALGORITHM;
  private static final int BYTES = 2 + KeyId.BYTES + Ed25519.SIGNATURE_BYTES;
  private static final String FIX =
      "copy the .minisig file the packager (or minisign -S) wrote next to the archive again, unchanged; if it was, the archive or its signature was altered: sign it again in CI";

  public SignatureFile {
    if (signature.length != Ed25519.SIGNATURE_BYTES || globalSignature.length != Ed25519.SIGNATURE_BYTES) {
      throw new IllegalArgumentException("Ed25519 signatures have 64 bytes");
    }
    if (untrustedComment.indexOf('\n') >= 0 || untrustedComment.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("the untrusted comment is one line");
    }
    signature = signature.clone();
    globalSignature = globalSignature.clone();
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  @Override
  public byte[] globalSignature() {
    return globalSignature.clone();
  }

  public static Path pathFor(Path archive) {
    return archive.resolveSibling(archive.getFileName() + SUFFIX);
  }

  /** Reads a signature file; a malformed one is {@code SIGNATURE_INVALID} (exit 20). */
  public static SignatureFile read(Path file) throws IOException {
    MinisignLines format = format(file.getFileName().toString());
    return parse(format, format.read(file));
  }

  public static SignatureFile parse(String text) {
    MinisignLines format = format("signature");
    return parse(format, format.lines(text));
  }

  private static SignatureFile parse(MinisignLines format, List<String> lines) {
    if (lines.size() != 4) {
      throw format.refuse("has " + lines.size() + " lines, not 4");
    }
    String untrusted = format.comment(lines.get(0), MinisignLines.UNTRUSTED, MinisignLines.UNTRUSTED_MAX_BYTES);
    byte[] bytes = format.base64(lines.get(1), BYTES);
    boolean prehashed = bytes[0] == PREHASHED[0] && bytes[1] == PREHASHED[1];
    if (!prehashed && !(bytes[0] == LEGACY[0] && bytes[1] == LEGACY[1])) {
      throw format.refuse("names an unknown signature algorithm");
    }
    String trusted = format.comment(lines.get(2), MinisignLines.TRUSTED, MinisignLines.TRUSTED_MAX_BYTES);
    byte[] global = format.base64(lines.get(3), Ed25519.SIGNATURE_BYTES);
    return new SignatureFile(prehashed, KeyId.read(bytes, 2), Arrays.copyOfRange(bytes, 2 + KeyId.BYTES, BYTES),
        untrusted, new TrustedComment(trusted), global);
  }

  /** The file's text, as minisign writes it. */
  public String text() {
    byte[] bytes = new byte[BYTES];
    byte[] algorithm = prehashed ? PREHASHED : LEGACY;
    bytes[0] = algorithm[0];
    bytes[1] = algorithm[1];
    keyId.write(bytes, 2);
    System.arraycopy(signature, 0, bytes, 2 + KeyId.BYTES, Ed25519.SIGNATURE_BYTES);
    return MinisignLines.UNTRUSTED + untrustedComment + "\n" + Base64.getEncoder().encodeToString(bytes) + "\n"
        + MinisignLines.TRUSTED + trustedComment.text() + "\n" + Base64.getEncoder().encodeToString(globalSignature) + "\n";
  }

  /** What the global signature signs: the signature, then the trusted comment's bytes. */
  static byte[] globalMessage(byte[] signature, TrustedComment comment) {
    byte[] text = comment.text().getBytes(StandardCharsets.UTF_8);
    byte[] message = Arrays.copyOf(signature, signature.length + text.length);
    System.arraycopy(text, 0, message, signature.length, text.length);
    return message;
  }

  private static MinisignLines format(String what) {
    return new MinisignLines(FailureKind.INTEGRITY, "SIGNATURE_INVALID", "signature file " + what, FIX);
  }
}
