package dev.slipway.installer;

import dev.slipway.format.ArchiveLayout;
import dev.slipway.format.EnvManifest;
import dev.slipway.format.FailureKind;
import dev.slipway.format.Json;
import dev.slipway.format.Manifest;
import dev.slipway.format.SlipwayException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the manifests an installed release keeps in its .deploy folder. */
final class ReleaseManifests {
  private ReleaseManifests() {}

  static Manifest manifest(Path release) {
    return read(release.resolve(ArchiveLayout.MANIFEST), Manifest.class);
  }

  static java.util.Optional<Manifest> manifestIfPresent(Path release) {
    return Files.isRegularFile(release.resolve(ArchiveLayout.MANIFEST))
        ? java.util.Optional.of(manifest(release))
        : java.util.Optional.empty();
  }

  static EnvManifest envManifest(Path release) {
    Path file = release.resolve(ArchiveLayout.ENV_MANIFEST);
    return Files.isRegularFile(file) ? read(file, EnvManifest.class) : EnvManifest.empty();
  }

  private static <T> T read(Path file, Class<T> type) {
    try {
      return Json.mapper().readValue(file.toFile(), type);
    } catch (IOException | IllegalArgumentException e) {
      throw new SlipwayException(
          FailureKind.ROOT_LAYOUT, "RELEASE_DAMAGED", file + " cannot be read: " + e.getMessage().lines().findFirst().orElse(""),
          null, "this release was changed by hand; roll back with --to to another release");
    }
  }
}
