package dev.slipway.installer;

import java.util.List;

/**
 * What an install did; also the shape of {@code installer install --json}.
 *
 * @param dependencies how node_modules came to be, as .deploy/install.json records it: {@code npm
 *     ci}, {@code reused from <id>} or {@code shipped (standalone|bundled)} (issue #18)
 */
public record InstallResult(
    String releaseId,
    String previousReleaseId,
    String appName,
    String appVersion,
    String archiveSha256,
    String npmDecision,
    String dependencies,
    List<String> warnings,
    List<String> removedReleases,
    long durationMillis) {
  public InstallResult {
    warnings = List.copyOf(warnings);
    removedReleases = List.copyOf(removedReleases);
  }
}
