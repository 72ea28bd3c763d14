package dev.slipway.format.signature;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.NamedParameterSpec;

/**
 * The JDK's Ed25519 (issue #22: no primitive of our own), with the raw 32-byte key encodings
 * minisign and libsodium use (RFC 8032 section 5.1.2: y little-endian, the top bit the sign of x).
 */
final class Ed25519 {
  static final int KEY_BYTES = 32;
  static final int SIGNATURE_BYTES = 64;
  private static final String ALGORITHM = "Ed25519";

  private Ed25519() {}

  /** A fresh key pair: {seed, public key}, 32 bytes each. */
  static byte[][] generate() {
    try {
      KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
      byte[] seed = ((EdECPrivateKey) pair.getPrivate()).getBytes().orElseThrow();
      return new byte[][] {seed, encode((EdECPublicKey) pair.getPublic())};
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this Java runtime has no Ed25519 (JDK 15+ has it)", e);
    }
  }

  static byte[] sign(byte[] seed, byte[] message) {
    try {
      Signature signer = Signature.getInstance(ALGORITHM);
      signer.initSign(KeyFactory.getInstance(ALGORITHM)
          .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed)));
      signer.update(message);
      return signer.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 signing failed", e);
    }
  }

  /**
   * A verifier to feed the message to; empty when the bytes are not a valid Ed25519 point (a
   * public key file that was altered), which verifies nothing.
   */
  static java.util.Optional<Signature> verifier(byte[] publicKey) {
    try {
      Signature verifier = Signature.getInstance(ALGORITHM);
      verifier.initVerify(KeyFactory.getInstance(ALGORITHM).generatePublic(decode(publicKey)));
      return java.util.Optional.of(verifier);
    } catch (InvalidKeyException | InvalidKeySpecException e) {
      return java.util.Optional.empty();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this Java runtime has no Ed25519 (JDK 15+ has it)", e);
    }
  }

  /** True only for a signature that verifies; a malformed one is false, not an exception. */
  static boolean verify(Signature fed, byte[] signature) {
    try {
      return fed.verify(signature);
    } catch (SignatureException e) {
      return false;
    }
  }

  static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
    return verifier(publicKey).map(v -> {
      try {
        v.update(message);
      } catch (SignatureException e) {
        return false;
      }
      return verify(v, signature);
    }).orElse(false);
  }

  private static EdECPublicKeySpec decode(byte[] raw) {
    byte[] bigEndian = new byte[KEY_BYTES];
    for (int i = 0; i < KEY_BYTES; i++) {
      bigEndian[i] = raw[KEY_BYTES - 1 - i];
    }
    boolean xOdd = (bigEndian[0] & 0x80) != 0;
    bigEndian[0] &= 0x7f;
    return new EdECPublicKeySpec(NamedParameterSpec.ED25519, new EdECPoint(xOdd, new BigInteger(1, bigEndian)));
  }

  private static byte[] encode(EdECPublicKey key) {
    byte[] y = key.getPoint().getY().toByteArray(); // big-endian, maybe with a leading zero byte
    byte[] raw = new byte[KEY_BYTES];
    for (int i = 0; i < KEY_BYTES && i < y.length; i++) {
      raw[i] = y[y.length - 1 - i];
    }
    if (key.getPoint().isXOdd()) {
      raw[KEY_BYTES - 1] |= (byte) 0x80;
    }
    return raw;
  }
}
