package dev.slipway.packager;

import dev.slipway.format.EnvManifest;
import dev.slipway.format.Manifest;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code packager package} produced; also the shape of its {@code --json} output.
 *
 * @param size the archive's size on disk (compressed)
 * @param fileCount the files the manifest lists, that is every file in the archive but the manifest
 *     itself, as {@code inspect} and the installer's {@code verify} count them (issue #17)
 * @param unpackedSize the bytes of those files once unpacked
 */
public record PackageResult(
    Path archive, Path sidecar, String sha256, long size, int fileCount, long unpackedSize, List<String> warnings,
    Manifest.Header manifest, EnvManifest envManifest) {
  public PackageResult {
    warnings = List.copyOf(warnings);
  }
}
