package dev.slipway.installer.env;

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
    return source(root, given).file();
  }

  /** As {@link #resolveEnvFile}, with where the file was found. */
  public static EnvSource source(ReleaseRoot root, Optional<Path> given) {
    if (given.isPresent()) {
      if (!Files.isRegularFile(given.get())) {
        throw new SlipwayException(
            FailureKind.USAGE, "NO_ENV_FILE", "--env-file " + given.get() + " does not exist", null,
            "create it (NAME=value lines) or leave --env-file out to use " + root.defaultEnvFile());
      }
      return new EnvSource(given, EnvSource.Origin.GIVEN, root.defaultEnvFile());
    }
    return Files.isRegularFile(root.defaultEnvFile())
        ? new EnvSource(Optional.of(root.defaultEnvFile()), EnvSource.Origin.SHARED, root.defaultEnvFile())
        : EnvSource.none(root);
  }

  /**
   * What a rollback (or a doctor, judging what a rollback would do) reads for {@code release}: a
   * newer file when there is one, else the {@code .env.production} the release was installed with,
   * which every installed release holds (issue #17).
   */
  public static EnvSource sourceFor(ReleaseRoot root, Optional<Path> given, Path release) {
    EnvSource newer = source(root, given);
    Path own = release.resolve(RELEASE_ENV_FILE);
    if (newer.origin() == EnvSource.Origin.NONE && Files.isRegularFile(own)) {
      return new EnvSource(Optional.of(own), EnvSource.Origin.RELEASE, root.defaultEnvFile());
    }
    return newer;
  }

  public static ReleaseEnvironment prepare(
      ReleaseRoot root, Optional<Path> givenEnvFile, Path release, EnvManifest manifest, Map<String, String> environment)
      throws IOException {
    EnvSource source = source(root, givenEnvFile);
    List<String> warnings = EnvCheck.check(manifest, environment, source.read(), source);
    if (source.file().isPresent()) {
      copyInto(source.file().get(), release);
    }
    return new ReleaseEnvironment(source.file(), passThrough(manifest, environment), warnings);
  }

  /**
   * Copies {@code envFile} into {@code release} as {@code .env.production}, mode 0600, replacing
   * the old copy atomically: a live release never shows a half-written file to a restart.
   */
  public static void copyInto(Path envFile, Path release) throws IOException {
    Path target = release.resolve(RELEASE_ENV_FILE);
    Path partial = release.resolve(RELEASE_ENV_FILE + ".partial");
    Files.copy(envFile, partial, StandardCopyOption.REPLACE_EXISTING);
    if (partial.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-------"));
    }
    Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
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
