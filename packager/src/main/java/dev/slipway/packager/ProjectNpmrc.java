package dev.slipway.packager;

import dev.slipway.format.FailureKind;
import dev.slipway.format.SlipwayException;
import dev.slipway.packager.analysis.Npmrc;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The project's own {@code .npmrc}, shipped by default (issue #16, item 4): {@code npm ci} on the
 * server needs what it sets ({@code legacy-peer-deps=true}, a private registry), and without it
 * failed with ERESOLVE for two of four published apps. A literal credential in it is refused: the
 * token belongs in the server's environment, referenced as {@code ${NAME}}, which then becomes a
 * name the installer requires. An {@code .npmrc} anywhere else is still refused by name as a
 * secret-looking file ({@code SecretFiles}).
 */
final class ProjectNpmrc {
  static final String NAME = ".npmrc";

  private ProjectNpmrc() {}

  /** The project's .npmrc, read; empty when it has none. Refuses one holding a literal credential. */
  static Optional<Npmrc> check(Path projectDir) {
    Path file = projectDir.resolve(NAME);
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    Npmrc npmrc = Npmrc.read(file);
    if (!npmrc.literalCredentialKeys().isEmpty()) {
      String key = npmrc.literalCredentialKeys().get(0);
      String example = key.contains(":") ? key : "//registry.npmjs.org/:_authToken";
      throw new SlipwayException(
          FailureKind.SECRET_FILE, "NPMRC_CREDENTIAL",
          NAME + " holds a literal credential, and secrets never enter an archive",
          "key: " + String.join(", ", npmrc.literalCredentialKeys()),
          "use npm's env interpolation in " + NAME + ": " + example + "=${NPM_TOKEN}, and put NPM_TOKEN in the"
              + " server's env file (ROOT/shared/.env.production); the installer then requires it");
    }
    return Optional.of(npmrc);
  }
}
