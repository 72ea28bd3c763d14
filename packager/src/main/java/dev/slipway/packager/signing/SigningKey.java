package dev.slipway.packager.signing;

import dev.slipway.format.FailureKind;
import dev.slipway.format.SlipwayException;
import dev.slipway.format.signature.SecretKey;
import dev.slipway.format.signature.SecretKeyFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The secret key of {@code packager package --sign-key} (issue #22), opened before anything is
 * packaged so that a wrong password fails in a second, not after the build. The password of an
 * encrypted key comes only from an environment variable named by a flag: a flag's value would be
 * in the process list and in CI logs.
 */
public final class SigningKey {
  private SigningKey() {}

  public static SecretKey open(Path file, Optional<String> passwordEnv, Map<String, String> environment) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new SlipwayException(FailureKind.USAGE, "BAD_SIGN_KEY", "secret key " + file + " does not exist or is not a file",
          null, "pass the secret key file `packager keygen` or `minisign -G` wrote (in CI: write the secret to a file first)");
    }
    Optional<byte[]> password = Optional.empty();
    if (passwordEnv.isPresent()) {
      String value = environment.get(passwordEnv.get());
      if (value == null) {
        throw new SlipwayException(FailureKind.USAGE, "SIGN_KEY_PASSWORD_MISSING",
            "--sign-key-password-env names " + passwordEnv.get() + ", which is not set in the environment", null,
            "set " + passwordEnv.get() + " to the key's password (a CI secret), or drop the option for an unencrypted key");
      }
      password = Optional.of(value.getBytes(StandardCharsets.UTF_8));
    }
    return SecretKeyFile.read(file, password);
  }
}
