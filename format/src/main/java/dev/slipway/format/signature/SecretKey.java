package dev.slipway.format.signature;

import java.security.SecureRandom;

/**
 * An Ed25519 secret key with its minisign key id: the 32-byte seed and the public key, as
 * libsodium stores them side by side. {@link #toString} never shows the seed.
 */
public record SecretKey(KeyId id, byte[] seed, byte[] publicKeyBytes) {
  public SecretKey {
    if (seed.length != Ed25519.KEY_BYTES || publicKeyBytes.length != Ed25519.KEY_BYTES) {
      throw new IllegalArgumentException("an Ed25519 seed and public key have 32 bytes each");
    }
    seed = seed.clone();
    publicKeyBytes = publicKeyBytes.clone();
  }

  /** A new key pair with a random key id, as {@code minisign -G} makes one. */
  public static SecretKey generate() {
    byte[][] pair = Ed25519.generate();
    return new SecretKey(new KeyId(new SecureRandom().nextLong()), pair[0], pair[1]);
  }

  @Override
  public byte[] seed() {
    return seed.clone();
  }

  @Override
  public byte[] publicKeyBytes() {
    return publicKeyBytes.clone();
  }

  public PublicKey publicKey() {
    return new PublicKey(id, publicKeyBytes);
  }

  /** True when the public half belongs to the seed: a signature made with one verifies with the other. */
  boolean halvesMatch() {
    byte[] probe = "slipway secret key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    return Ed25519.verify(publicKeyBytes, probe, Ed25519.sign(seed, probe));
  }

  @Override
  public String toString() {
    return "SecretKey[" + id + "]";
  }
}
