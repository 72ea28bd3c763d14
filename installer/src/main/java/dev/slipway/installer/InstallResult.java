package dev.slipway.installer;

import java.util.List;

/** What an install did; also the shape of {@code installer install --json}. */
public record InstallResult(
    String releaseId,
    String previousReleaseId,
    String appName,
    String appVersion,
    String archiveSha256,
    String npmDecision,
    List<String> warnings,
    List<String> removedReleases,
    long durationMillis) {
  public InstallResult {
    warnings = List.copyOf(warnings);
    removedReleases = List.copyOf(removedReleases);
  }

  /** False for an install of the archive that was already live (issue #24): no new release, no switch. */
  public boolean changed() {
    return !releaseId.equals(previousReleaseId);
  }
}
