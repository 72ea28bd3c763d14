package dev.slipway.installer.doctor;

import dev.slipway.format.ArchiveLayout;
import dev.slipway.format.EnvManifest;
import dev.slipway.format.FailureKind;
import dev.slipway.format.Json;
import dev.slipway.format.Manifest;
import dev.slipway.format.SlipwayException;
import dev.slipway.installer.layout.CurrentLink;
import dev.slipway.installer.layout.ReleaseRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The release {@code ROOT/current} points to, with what its {@code .deploy} folder says about it.
 *
 * <p>A release adopted from a manual deploy has no manifests; one changed by hand may have
 * unreadable ones. Neither stops the doctor: the checks that need a manifest say what they could
 * not compare, the others run as usual.
 *
 * @param manifest {@code .deploy/manifest.json}; empty when absent or unreadable
 * @param manifestProblem why the manifest could not be read; empty when it was read or is absent
 * @param envManifest {@code .deploy/env.json}; empty when absent or unreadable
 */
public record LiveRelease(
    ReleaseRoot root,
    String releaseId,
    Path dir,
    Optional<Manifest> manifest,
    Optional<String> manifestProblem,
    Optional<EnvManifest> envManifest) {

  /**
   * Finds the live release of {@code root}, reading only.
   *
   * @throws SlipwayException ROOT_LAYOUT: what {@link ReleaseRoot#open} refuses (no root, a real
   *     folder at current), {@code NO_LIVE_RELEASE} when there is no current link, {@code
   *     LIVE_RELEASE_MISSING} when it names a release folder that does not exist
   */
  public static LiveRelease open(Path rootPath) throws IOException {
    ReleaseRoot root = ReleaseRoot.open(rootPath, false);
    Optional<String> id = CurrentLink.liveReleaseId(root);
    if (id.isEmpty()) {
      throw new SlipwayException(
          FailureKind.ROOT_LAYOUT,
          "NO_LIVE_RELEASE",
          root + " has no live release (there is no current link): there is nothing to examine",
          null,
          "install a release first (installer install ARCHIVE --root " + root + "); a folder deployed by hand"
              + " must sit at " + root.current() + " and be adopted (installer adopt --root " + root + ")");
    }
    Path dir = root.releaseDir(id.get());
    if (!Files.isDirectory(dir)) {
      throw new SlipwayException(
          FailureKind.ROOT_LAYOUT,
          "LIVE_RELEASE_MISSING",
          root.current() + " links to releases/" + id.get() + ", which does not exist: the live release was deleted",
          null,
          "switch to a release that exists (installer rollback --root " + root + "), or install the archive again");
    }
    Optional<Manifest> manifest = Optional.empty();
    Optional<String> problem = Optional.empty();
    Path manifestFile = dir.resolve(ArchiveLayout.MANIFEST);
    if (Files.exists(manifestFile)) {
      try {
        manifest = Optional.of(read(manifestFile, Manifest.class));
      } catch (IOException | RuntimeException e) {
        problem = Optional.of(ArchiveLayout.MANIFEST + " cannot be read: " + firstLine(e));
      }
    }
    Optional<EnvManifest> envManifest = Optional.empty();
    Path envFile = dir.resolve(ArchiveLayout.ENV_MANIFEST);
    if (Files.exists(envFile)) {
      try {
        envManifest = Optional.of(read(envFile, EnvManifest.class));
      } catch (IOException | RuntimeException e) {
        // Reported by the env check, which finds it absent and says so.
      }
    }
    return new LiveRelease(root, id.get(), dir, manifest, problem, envManifest);
  }

  private static <T> T read(Path file, Class<T> type) throws IOException {
    return Json.mapper().readValue(file.toFile(), type);
  }

  private static String firstLine(Exception e) {
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    return message.lines().findFirst().orElse(message);
  }

  /** "hello-next 1.0.0" from the manifest, or "an adopted release" without one. */
  public String describe() {
    return manifest.map(m -> m.app().name() + " " + m.app().version()).orElse("no manifest");
  }
}
