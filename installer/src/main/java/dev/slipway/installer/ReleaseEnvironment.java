package dev.slipway.installer;

import dev.slipway.format.EnvManifest;
import dev.slipway.format.FailureKind;
import dev.slipway.format.SlipwayException;
import dev.slipway.installer.layout.ReleaseRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Step 5: the env file is copied into the release as {@code .env.production} (mode 0600), which
 * Next.js loads at start, so the smoke-start and the live server read the same values; then every
 * required name must be set. Values pass from the installer's environment to the smoke-start
 * process, but are never printed or logged.
 *
 * @param childEnvironment the declared names that are set in the installer's environment, for the smoke-start
 */
public record ReleaseEnvironment(Optional<Path> envFile, Map<String, String> childEnvironment, List<String> warnings) {
  public static final String RELEASE_ENV_FILE = ".env.production";

  public ReleaseEnvironment {
    childEnvironment = Map.copyOf(childEnvironment);
    warnings = List.copyOf(warnings);
  }

  /** The env file the operator named, or ROOT/shared/.env.production when it exists. */
  public static Optional<Path> resolveEnvFile(ReleaseRoot root, Optional<Path> given) {
    if (given.isPresent()) {
      if (!Files.isRegularFile(given.get())) {
        throw new SlipwayException(
            FailureKind.USAGE, "NO_ENV_FILE", "--env-file " + given.get() + " does not exist", null,
            "create it (NAME=value lines) or leave --env-file out to use " + root.defaultEnvFile());
      }
      return given;
    }
    return Files.isRegularFile(root.defaultEnvFile()) ? Optional.of(root.defaultEnvFile()) : Optional.empty();
  }

  static ReleaseEnvironment prepare(
      ReleaseRoot root, Optional<Path> givenEnvFile, Path release, EnvManifest manifest, Map<String, String> environment)
      throws IOException {
    Optional<Path> envFile = resolveEnvFile(root, givenEnvFile);
    EnvFile values = envFile.isPresent() ? EnvFile.read(envFile.get()) : EnvFile.empty();
    String description = envFile.map(Path::toString).orElse(root.defaultEnvFile() + " (absent)");
    List<String> warnings = EnvCheck.check(manifest, environment, values, description);
    if (envFile.isPresent()) {
      Path target = release.resolve(RELEASE_ENV_FILE);
      Files.copy(envFile.get(), target, StandardCopyOption.REPLACE_EXISTING);
      if (target.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
      }
    }
    return new ReleaseEnvironment(envFile, passThrough(manifest, environment), warnings);
  }

  /** Declared names only: the smoke-start sees what production will, not the installer's whole environment. */
  static Map<String, String> passThrough(EnvManifest manifest, Map<String, String> environment) {
    Map<String, String> child = new TreeMap<>();
    for (List<String> names : List.of(manifest.required(), manifest.optional(), manifest.referencedUndeclared())) {
      for (String name : names) {
        String value = environment.get(name);
        if (value != null) {
          child.put(name, value);
        }
      }
    }
    return child;
  }
}
