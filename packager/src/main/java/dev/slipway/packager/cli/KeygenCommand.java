package dev.slipway.packager.cli;

import dev.slipway.format.FailureKind;
import dev.slipway.format.SlipwayException;
import dev.slipway.format.signature.SecretKey;
import dev.slipway.format.signature.SecretKeyFile;
import dev.slipway.packager.signing.SigningKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code packager keygen}: a minisign key pair for signing archives (issue #22), the files
 * {@code minisign -G} writes, so either tool can sign and verify. Unencrypted unless
 * {@code --password-env} names a variable holding a password (then scrypt with minisign's own
 * limits, 1 GiB to open): in CI the secret key is a CI secret either way.
 */
@Command(name = "keygen", mixinStandardHelpOptions = true,
    description = "Create a minisign key pair for packager package --sign-key and installer --trusted-key.")
final class KeygenCommand implements Callable<Integer> {
  @Option(names = "--secret-key", required = true, paramLabel = "FILE", description = "Where to write the secret key (mode 0600; never overwritten)")
  Path secretKey;

  @Option(names = "--public-key", required = true, paramLabel = "FILE", description = "Where to write the public key (never overwritten)")
  Path publicKey;

  @Option(names = "--password-env", paramLabel = "NAME",
      description = "Encrypt the secret key with the password in this environment variable (never the password itself)")
  String passwordEnv;

  @Override
  public Integer call() throws Exception {
    for (Path file : new Path[] {secretKey, publicKey}) {
      if (Files.exists(file)) {
        throw new SlipwayException(FailureKind.USAGE, "KEY_FILE_EXISTS", file + " already exists: keygen never overwrites a key",
            null, "name new files, or remove the old ones once nothing signs or trusts them");
      }
    }
    Optional<byte[]> password = SigningKey.password("--password-env", Optional.ofNullable(passwordEnv), System.getenv());
    SecretKey key = SecretKey.generate();
    write(secretKey, SecretKeyFile.text(key, password, SecretKeyFile.KdfLimits.MINISIGN), true);
    write(publicKey, key.publicKey().fileText(), false);
    System.out.println("key " + key.id() + ": secret key " + secretKey + " (keep it secret: a CI secret), public key " + publicKey
        + " (copy it to each server's ROOT/shared/trusted-keys/)");
    return 0;
  }

  /** Written under a temporary name and moved into place; the secret key is 0600 before it holds a byte. */
  private static void write(Path file, String text, boolean secret) throws IOException {
    Path partial = file.toAbsolutePath().resolveSibling("." + file.getFileName() + ".partial");
    Files.deleteIfExists(partial);
    if (secret && partial.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.createFile(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    Files.writeString(partial, text, StandardCharsets.UTF_8);
    Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
  }
}
