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
    return SecretKeyFile.read(file, password("--sign-key-password-env", passwordEnv, environment));
  }

  /**
   * The password in the environment variable {@code name} names, as UTF-8 (what minisign reads from
   * a terminal); empty without a name. A name whose variable is unset or empty is SIGN_KEY_PASSWORD_MISSING.
   */
  public static Optional<byte[]> password(String option, Optional<String> name, Map<String, String> environment) {
    if (name.isEmpty()) {
      return Optional.empty();
    }
    String value = environment.get(name.get());
    if (value == null || value.isEmpty()) {
      throw new SlipwayException(FailureKind.USAGE, "SIGN_KEY_PASSWORD_MISSING",
          option + " names " + name.get() + ", which is not set (or empty) in the environment", null,
          "set " + name.get() + " to the key's password (a CI secret), or drop " + option + " for an unencrypted key");
    }
    return Optional.of(value.getBytes(StandardCharsets.UTF_8));
  }
}
