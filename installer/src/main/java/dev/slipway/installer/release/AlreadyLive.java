package dev.slipway.installer.release;

import dev.slipway.format.Manifest;
import dev.slipway.format.Reporter;
import dev.slipway.format.Sha256;
import dev.slipway.installer.InstallRequest;
import dev.slipway.installer.InstallResult;
import dev.slipway.installer.env.ReleaseEnvironment;
import dev.slipway.installer.layout.CurrentLink;
import dev.slipway.installer.layout.History;
import dev.slipway.installer.layout.HistoryEntry;
import dev.slipway.installer.layout.ReleaseMarks;
import dev.slipway.installer.layout.ReleaseRecord;
import dev.slipway.installer.layout.ReleaseRoot;
import dev.slipway.installer.status.ReleaseManifests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Idempotent installs (issue #24): installing the archive that is already live changes nothing, so
 * a deploy tool that runs the same play twice (Ansible reports {@code changed} from it) neither
 * makes a new release nor restarts the app. Checked under the root lock, before anything is
 * unpacked.
 *
 * <p>"Already live" means the live release was installed from an archive with the same SHA-256,
 * the archive on disk really has that SHA-256 (else the usual path refuses it as damaged), the live
 * release is not marked bad, and the env file the install would copy is byte-for-byte the one the
 * live release holds: a changed env file is a reason to install again, so that it takes effect.
 *
 * <p>The run is recorded as a note, an {@code ok} install line whose release is the live one and
 * whose cause code is {@link #NOTE}; {@code installer status} skips such lines when it says when
 * the release went live.
 */
public final class AlreadyLive {
  public static final String NOTE = "ALREADY_LIVE";

  private AlreadyLive() {}

  /** The result of an install that changes nothing, or empty when the install must run. */
  public static Optional<InstallResult> check(ReleaseRoot root, InstallRequest request, String expectedSha, History history,
      Clock clock, Instant started, Reporter reporter) throws IOException {
    Optional<String> live = CurrentLink.liveReleaseId(root);
    if (live.isEmpty()) {
      return Optional.empty();
    }
    Optional<ReleaseRecord> record = new ReleaseMarks(root).read(live.get());
    if (record.isEmpty() || record.get().bad() || !expectedSha.equals(record.get().archiveSha256())) {
      return Optional.empty();
    }
    Path release = root.releaseDir(live.get());
    if (!Files.isDirectory(release) || !sameEnvFile(root, request, release)
        || !expectedSha.equals(Sha256.of(request.archive()))) {
      return Optional.empty();
    }
    Optional<Manifest.Header> manifest = ReleaseManifests.headerIfPresent(release);
    String app = manifest.map(m -> m.app().name()).orElse("-");
    String version = manifest.map(m -> m.app().version()).orElse("-");
    reporter.step("already live: " + live.get() + " was installed from this archive; nothing to do");
    long duration = Duration.between(started, clock.instant()).toMillis();
    history.append(new HistoryEntry(clock.instant().toString(), HistoryEntry.INSTALL, expectedSha, live.get(), live.get(),
        HistoryEntry.OK, null, NOTE, duration));
    return Optional.of(new InstallResult(live.get(), live.get(), app, version, expectedSha, "none (already live)",
        null, List.of(), List.of(), duration, null, null));
  }

  /** The env file this install would copy into the release, compared with the live release's copy. */
  private static boolean sameEnvFile(ReleaseRoot root, InstallRequest request, Path release) throws IOException {
    Optional<Path> wanted = ReleaseEnvironment.source(root, request.envFile()).file();
    Path held = release.resolve(ReleaseEnvironment.RELEASE_ENV_FILE);
    if (wanted.isEmpty()) {
      return !Files.exists(held);
    }
    return Files.isRegularFile(held) && Files.mismatch(wanted.get(), held) == -1;
  }
}
