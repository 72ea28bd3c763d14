package dev.slipway.installer.status;

import dev.slipway.format.ArchiveLayout;
import dev.slipway.format.EnvManifest;
import dev.slipway.format.FailureKind;
import dev.slipway.format.Json;
import dev.slipway.format.Manifest;
import dev.slipway.format.SlipwayException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the manifests an installed release keeps in its .deploy folder. */
public final class ReleaseManifests {
  private ReleaseManifests() {}

  /**
   * The manifest without its file list: what a rollback checks (app, engines, what the build ran
   * on) and what {@code list} shows. Building and validating 50k file entries took most of a rollback's second (issue #7); the
   * list is only lexed and skipped here.
   */
  public static java.util.Optional<Manifest.Header> headerIfPresent(Path release) {
    Path file = release.resolve(ArchiveLayout.MANIFEST);
    if (!Files.isRegularFile(file)) {
      return java.util.Optional.empty();
    }
    try (InputStream in = Files.newInputStream(file)) {
      return java.util.Optional.of(Manifest.Header.readSkippingFiles(in));
    } catch (IOException | RuntimeException e) {
      throw damaged(file, e);
    }
  }

  public static EnvManifest envManifest(Path release) {
    Path file = release.resolve(ArchiveLayout.ENV_MANIFEST);
    return Files.isRegularFile(file) ? read(file, EnvManifest.class) : EnvManifest.empty();
  }

  private static <T> T read(Path file, Class<T> type) {
    try {
      return Json.mapper().readValue(file.toFile(), type);
    } catch (IOException | IllegalArgumentException e) {
      throw damaged(file, e);
    }
  }

  private static SlipwayException damaged(Path file, Exception e) {
    return new SlipwayException(
        FailureKind.ROOT_LAYOUT, "RELEASE_DAMAGED",
        file + " cannot be read: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""),
        null, "this release was changed by hand; roll back with --to to another release");
  }
}
