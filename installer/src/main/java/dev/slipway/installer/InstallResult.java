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
}
