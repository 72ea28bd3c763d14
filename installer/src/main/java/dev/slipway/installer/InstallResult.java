package dev.slipway.installer;

import java.util.List;

/**
 * What an install did; also the shape of {@code installer install --json}.
 *
 * <p>{@code signedBy}: the key id of the archive's verified signature, {@code unsigned} when
 * {@code --allow-unsigned} let an unsigned archive in, null when no key is trusted (issue #22).
 */
public record InstallResult(
    String releaseId,
    String previousReleaseId,
    String appName,
    String appVersion,
    String archiveSha256,
    String npmDecision,
    List<String> warnings,
    List<String> removedReleases,
    long durationMillis,
    String signedBy) {
  public InstallResult {
    warnings = List.copyOf(warnings);
    removedReleases = List.copyOf(removedReleases);
  }
}
