package dev.slipway.format.signature;

import dev.slipway.format.FailureKind;
import dev.slipway.format.SlipwayException;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.crypto.digests.Blake2bDigest;
import org.bouncycastle.crypto.generators.SCrypt;

/**
 * minisign's secret key file ({@code minisign.key}): an untrusted comment and one base64 line of
 * 158 bytes,
 *
 * <pre>
 * "Ed" | kdf "Sc" or 0,0 | "B2" | salt (32) | opslimit (8, LE) | memlimit (8, LE) | key id (8) | seed+public key (64) | checksum (32)
 * </pre>
 *
 * The checksum is BLAKE2b-256 of {@code "Ed" || key id || seed+public key}. With kdf {@code Sc} the
 * last 104 bytes are XORed with scrypt(password, salt) output, N, r and p derived from the two
 * limits as libsodium's {@code crypto_pwhash_scryptsalsa208sha256} does ({@link #scryptParameters}).
 * {@code minisign -G -W} writes kdf 0,0 and leaves the checksum zero, so an unencrypted key's zero
 * checksum is not checked (the halves are checked against each other instead).
 */
public final class SecretKeyFile {
  /** minisign's limits (libsodium's OPSLIMIT_SENSITIVE and MEMLIMIT_SENSITIVE): scrypt with N=2^20, r=8, so 1 GiB. */
  public record KdfLimits(long opsLimit, long memLimit) {
    public static final KdfLimits MINISIGN = new KdfLimits(33_554_432L, 1_073_741_824L);
  }

  private static final int BYTES = 158;
  private static final int SALT_AT = 6;
  private static final int OPS_AT = 38;
  private static final int MEM_AT = 46;
  private static final int KEY_ID_AT = 54;
  private static final int SEED_AT = 62;
  private static final int PUBLIC_AT = 94;
  private static final int CHECKSUM_AT = 126;
  private static final byte[] SCRYPT = {'S', 'c'};
  private static final byte[] NO_KDF = {0, 0};
  private static final byte[] BLAKE2B = {'B', '2'};
  private static final String FIX = "pass the secret key file `packager keygen` or `minisign -G` wrote (minisign.key), unchanged";

  private SecretKeyFile() {}

  /** Reads a key; {@code password} is needed only for an encrypted one. */
  public static SecretKey read(Path file, Optional<byte[]> password) throws IOException {
    MinisignLines format = format(file.toString());
    return parse(format, format.read(file), password);
  }

  public static SecretKey parse(String text, Optional<byte[]> password) {
    MinisignLines format = format("secret key");
    return parse(format, format.lines(text), password);
  }

  private static SecretKey parse(MinisignLines format, List<String> lines, Optional<byte[]> password) {
    if (lines.size() != 2) {
      throw format.refuse("has " + lines.size() + " lines, not a comment and a base64 line");
    }
    format.comment(lines.get(0), MinisignLines.UNTRUSTED, MinisignLines.UNTRUSTED_MAX_BYTES);
    byte[] bytes = format.base64(lines.get(1), BYTES);
    if (!at(bytes, 0, PublicKey.ALGORITHM) || !at(bytes, 4, BLAKE2B)) {
      throw format.refuse("is not an Ed25519 key with a BLAKE2b checksum");
    }
    boolean encrypted = at(bytes, 2, SCRYPT);
    if (!encrypted && !at(bytes, 2, NO_KDF)) {
      throw format.refuse("names an unknown key derivation");
    }
    byte[] checksum = Arrays.copyOfRange(bytes, CHECKSUM_AT, BYTES);
    if (encrypted) {
      byte[] stream = scrypt(password.orElseThrow(() -> new SlipwayException(FailureKind.USAGE, "SIGN_KEY_PASSWORD_MISSING",
              "the secret key is encrypted and no password was given", null,
              "pass --sign-key-password-env NAME and set the environment variable NAME to the key's password (a CI secret)")),
          Arrays.copyOfRange(bytes, SALT_AT, OPS_AT), LittleEndian.read(bytes, OPS_AT), LittleEndian.read(bytes, MEM_AT));
      xor(bytes, KEY_ID_AT, stream);
      checksum = Arrays.copyOfRange(bytes, CHECKSUM_AT, BYTES);
      if (!MessageDigest.isEqual(checksum, checksum(bytes))) {
        throw new SlipwayException(FailureKind.USAGE, "SIGN_KEY_WRONG_PASSWORD",
            "the password does not open the secret key (its checksum does not match once decrypted)", null,
            "set the environment variable named by --sign-key-password-env to this key's password");
      }
    } else if (!Arrays.equals(checksum, new byte[32]) && !MessageDigest.isEqual(checksum, checksum(bytes))) {
      throw format.refuse("has a checksum that does not match the key: the file is damaged");
    }
    SecretKey key = new SecretKey(KeyId.read(bytes, KEY_ID_AT), Arrays.copyOfRange(bytes, SEED_AT, PUBLIC_AT),
        Arrays.copyOfRange(bytes, PUBLIC_AT, CHECKSUM_AT));
    Arrays.fill(bytes, (byte) 0);
    if (!key.halvesMatch()) {
      throw format.refuse("holds a public half that does not belong to its secret half: the file is damaged");
    }
    return key;
  }

  /**
   * The key file's text: encrypted with scrypt under {@code limits} when a password is given,
   * else unencrypted (what {@code minisign -G -W} writes, but with its checksum filled in).
   */
  public static String text(SecretKey key, Optional<byte[]> password, KdfLimits limits) {
    byte[] bytes = new byte[BYTES];
    System.arraycopy(PublicKey.ALGORITHM, 0, bytes, 0, 2);
    System.arraycopy(password.isPresent() ? SCRYPT : NO_KDF, 0, bytes, 2, 2);
    System.arraycopy(BLAKE2B, 0, bytes, 4, 2);
    key.id().write(bytes, KEY_ID_AT);
    System.arraycopy(key.seed(), 0, bytes, SEED_AT, Ed25519.KEY_BYTES);
    System.arraycopy(key.publicKeyBytes(), 0, bytes, PUBLIC_AT, Ed25519.KEY_BYTES);
    System.arraycopy(checksum(bytes), 0, bytes, CHECKSUM_AT, 32);
    if (password.isPresent()) {
      byte[] salt = new byte[OPS_AT - SALT_AT];
      new SecureRandom().nextBytes(salt);
      System.arraycopy(salt, 0, bytes, SALT_AT, salt.length);
      LittleEndian.write(bytes, OPS_AT, limits.opsLimit());
      LittleEndian.write(bytes, MEM_AT, limits.memLimit());
      xor(bytes, KEY_ID_AT, scrypt(password.get(), salt, limits.opsLimit(), limits.memLimit()));
    }
    String text = MinisignLines.UNTRUSTED + "minisign " + (password.isPresent() ? "encrypted" : "unencrypted")
        + " secret key\n" + Base64.getEncoder().encodeToString(bytes) + "\n";
    Arrays.fill(bytes, (byte) 0);
    return text;
  }

  /** {N, r, p} from libsodium's opslimit and memlimit (its pickparams, so keys from minisign open here). */
  static long[] scryptParameters(long opsLimit, long memLimit) {
    long ops = Math.max(opsLimit, 32768);
    long r = 8;
    int log2;
    long p;
    if (Long.compareUnsigned(ops, Long.divideUnsigned(memLimit, 32)) < 0) {
      p = 1;
      log2 = smallestLog2Above(ops / (r * 4) / 2);
    } else {
      log2 = smallestLog2Above(Long.divideUnsigned(memLimit, r * 128) / 2);
      long maxRp = Math.min((ops / 4) / (1L << log2), 0x3fffffff);
      p = maxRp / r;
    }
    return new long[] {1L << log2, r, p};
  }

  private static int smallestLog2Above(long bound) {
    int log2 = 1;
    while (log2 < 63 && (1L << log2) <= bound) {
      log2++;
    }
    return log2;
  }

  private static byte[] scrypt(byte[] password, byte[] salt, long opsLimit, long memLimit) {
    long[] nrp = scryptParameters(opsLimit, memLimit);
    if (nrp[0] > (1L << 30) || nrp[2] < 1) {
      throw new SlipwayException(FailureKind.USAGE, "BAD_SIGN_KEY", "the secret key's scrypt limits (opslimit " + opsLimit
          + ", memlimit " + memLimit + ") are not ones minisign writes: the file is damaged", null, FIX);
    }
    long needed = 128 * nrp[0] * nrp[1];
    Runtime runtime = Runtime.getRuntime();
    long available = runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
    if (needed + (32L << 20) > available) {
      throw new SlipwayException(FailureKind.USAGE, "SIGN_KEY_NEEDS_MEMORY",
          "opening this encrypted secret key takes " + (needed >> 20) + " MiB of memory for scrypt (N=" + nrp[0] + ", r="
              + nrp[1] + "), more than this Java runtime may use (" + (available >> 20) + " MiB free)",
          null, "run with a larger heap (SLIPWAY_JAVA_OPTS=-Xmx" + ((needed >> 20) + 512) + "m bin/packager ...), or use an "
              + "unencrypted key (minisign -G -W, or packager keygen) kept as a CI secret");
    }
    return SCrypt.generate(password, salt, (int) nrp[0], (int) nrp[1], (int) nrp[2], BYTES - KEY_ID_AT);
  }

  private static byte[] checksum(byte[] bytes) {
    Blake2bDigest blake = new Blake2bDigest(256);
    blake.update(bytes, 0, 2);
    blake.update(bytes, KEY_ID_AT, CHECKSUM_AT - KEY_ID_AT);
    byte[] out = new byte[32];
    blake.doFinal(out, 0);
    return out;
  }

  private static void xor(byte[] bytes, int from, byte[] stream) {
    for (int i = 0; i < stream.length; i++) {
      bytes[from + i] ^= stream[i];
    }
  }

  private static boolean at(byte[] bytes, int offset, byte[] expected) {
    return bytes[offset] == expected[0] && bytes[offset + 1] == expected[1];
  }

  private static MinisignLines format(String what) {
    return new MinisignLines(FailureKind.USAGE, "BAD_SIGN_KEY", "secret key " + what, FIX);
  }
}
