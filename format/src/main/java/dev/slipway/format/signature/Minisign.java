package dev.slipway.format.signature;

import dev.slipway.format.FailureKind;
import dev.slipway.format.SlipwayException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.security.SignatureException;
import java.util.HexFormat;
import java.util.Optional;
import org.bouncycastle.crypto.digests.Blake2bDigest;

/**
 * Signing and verifying files the way minisign does (issue #22), reading the file once: the
 * BLAKE2b-512 the signature covers and the SHA-256 the installer unpacks against come from the same
 * read, so an archive swapped after the check fails the unpack's checksum.
 */
public final class Minisign {
  /**
   * A legacy signature signs the file itself, and the JDK's Ed25519 holds the whole message in
   * memory to verify it: beyond this size such a signature is refused (re-sign without {@code -l}).
   */
  static final long LEGACY_MAX_BYTES = 64L * 1024 * 1024;
  private static final int BUFFER = 64 * 1024;

  /**
   * What one read of a file showed.
   *
   * @param sha256 the file's SHA-256, lower-case hex
   * @param signatureValid the signature matches the file's content and the key
   * @param commentValid the trusted comment is the one signed (checked only when the signature is valid)
   */
  public record Verification(String sha256, boolean signatureValid, boolean commentValid) {
    public boolean valid() {
      return signatureValid && commentValid;
    }
  }

  private Minisign() {}

  /** Signs {@code file} in the pre-hashed format (minisign's default) with {@code comment} as trusted comment. */
  public static SignatureFile sign(SecretKey key, Path file, TrustedComment comment) throws IOException {
    byte[] hash = blake2b512(file);
    byte[] signature = Ed25519.sign(key.seed(), hash);
    byte[] global = Ed25519.sign(key.seed(), SignatureFile.globalMessage(signature, comment));
    return new SignatureFile(true, key.id(), signature, "signature from minisign secret key " + key.id(), comment, global);
  }

  /**
   * Checks {@code signature} on {@code file} against {@code key}, whose id the caller matched.
   *
   * @throws SlipwayException SIGNATURE_INVALID for a legacy signature on a file over 64 MiB
   */
  public static Verification verify(SignatureFile signature, PublicKey key, Path file) throws IOException {
    if (!signature.keyId().equals(key.id())) {
      throw new IllegalArgumentException("signature by key " + signature.keyId() + " checked against key " + key.id());
    }
    if (!signature.prehashed() && Files.size(file) > LEGACY_MAX_BYTES) {
      throw new SlipwayException(FailureKind.INTEGRITY, "SIGNATURE_INVALID",
          "the legacy (minisign -l) signature of " + file.getFileName() + " cannot be checked: the file is over "
              + LEGACY_MAX_BYTES / (1024 * 1024) + " MiB, and a legacy signature signs the whole file at once",
          null, "sign the archive with minisign's default pre-hashed format (minisign -S without -l, or packager package --sign-key)");
    }
    Optional<Signature> legacy = signature.prehashed() ? Optional.empty() : Ed25519.verifier(key.key());
    MessageDigest sha256 = sha256();
    Blake2bDigest blake = new Blake2bDigest(512);
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[BUFFER];
      for (int n; (n = in.read(buffer)) > 0; ) {
        sha256.update(buffer, 0, n);
        if (signature.prehashed()) {
          blake.update(buffer, 0, n);
        } else if (legacy.isPresent()) {
          legacy.get().update(buffer, 0, n);
        }
      }
    } catch (SignatureException e) {
      throw new IllegalStateException("an initialised Ed25519 verifier refused data", e);
    }
    String hex = HexFormat.of().formatHex(sha256.digest());
    boolean signatureValid;
    if (signature.prehashed()) {
      byte[] hash = new byte[64];
      blake.doFinal(hash, 0);
      signatureValid = Ed25519.verify(key.key(), hash, signature.signature());
    } else {
      signatureValid = legacy.isPresent() && Ed25519.verify(legacy.get(), signature.signature());
    }
    boolean commentValid = signatureValid && Ed25519.verify(key.key(),
        SignatureFile.globalMessage(signature.signature(), signature.trustedComment()), signature.globalSignature());
    return new Verification(hex, signatureValid, commentValid);
  }

  static byte[] blake2b512(Path file) throws IOException {
    Blake2bDigest blake = new Blake2bDigest(512);
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[BUFFER];
      for (int n; (n = in.read(buffer)) > 0; ) {
        blake.update(buffer, 0, n);
      }
    }
    byte[] hash = new byte[64];
    blake.doFinal(hash, 0);
    return hash;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
