package dev.slipway.packager;

import dev.slipway.format.EnvManifest;
import dev.slipway.format.Manifest;
import java.nio.file.Path;
import java.util.List;

/** What {@code packager package} produced; also the shape of its {@code --json} output. */
public record PackageResult(
    Path archive, Path sidecar, String sha256, long size, int fileCount, List<String> warnings,
    Manifest.Header manifest, EnvManifest envManifest) {
  public PackageResult {
    warnings = List.copyOf(warnings);
  }
}
