package dev.slipway.installer;

import java.util.List;

/**
 * What an install did; also the shape of {@code installer install --json}.
 *
 * <p>{@code signedBy}: the key id of the archive's verified signature, {@code unsigned} when
 * {@code --allow-unsigned} let an unsigned archive in, null when no key is trusted (issue #22).
 * @param switchover blue/green (issue #21): the slot and port that serve now, as history.jsonl
 *     notes them ({@code slot b, port 3002 (was slot a, port 3001)}); null for the symlink switch
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
    long durationMillis,
    String signedBy,
    String switchover) {
  public InstallResult {
    warnings = List.copyOf(warnings);
    removedReleases = List.copyOf(removedReleases);
  }

  /** False for an install of the archive that was already live (issue #24): no new release, no switch. */
  public boolean changed() {
    return !releaseId.equals(previousReleaseId);
  }
}
