package dev.slipway.installer.layout;

import java.time.Instant;
import java.util.Objects;

/**
 * What the installer remembers about one release, kept outside the release folder (see {@link
 * ReleaseMarks}).
 *
 * @param releaseId the release
 * @param installedAt when it was installed; null if unknown (adopted, or marked before recorded)
 * @param archiveSha256 sha-256 of the archive it came from (lowercase hex); null if unknown
 * @param bad true once it failed its live check: kept for inspection, never rolled back to
 * @param badReason why it is bad; non-null exactly when {@code bad}
 * @param markedBadAt when it was marked bad; null unless {@code bad} (may be null when the reason
 *     is that the marks file itself could not be read)
 * @param signedBy the key id of the archive's verified signature, {@code unsigned} when
 *     {@code --allow-unsigned} let it in unsigned, null when no key was trusted (issue #22)
 */
public record ReleaseRecord(
    String releaseId,
    Instant installedAt,
    String archiveSha256,
    boolean bad,
    String badReason,
    Instant markedBadAt,
    String signedBy) {

  public ReleaseRecord {
    ReleaseId.parse(Objects.requireNonNull(releaseId, "releaseId"));
    if (archiveSha256 != null && !archiveSha256.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("archiveSha256 is not lowercase hex sha-256");
    }
    if (bad && (badReason == null || badReason.isBlank())) {
      throw new IllegalArgumentException("a bad release needs a reason");
    }
    if (!bad && (badReason != null || markedBadAt != null)) {
      throw new IllegalArgumentException("badReason and markedBadAt are only for bad releases");
    }
  }

  /** A record that says nothing of signatures. */
  public ReleaseRecord(String releaseId, Instant installedAt, String archiveSha256, boolean bad, String badReason,
      Instant markedBadAt) {
    this(releaseId, installedAt, archiveSha256, bad, badReason, markedBadAt, null);
  }

  static ReleaseRecord empty(String releaseId) {
    return new ReleaseRecord(releaseId, null, null, false, null, null);
  }

  ReleaseRecord withInstalled(Instant at, String sha256, String signer) {
    return new ReleaseRecord(releaseId, at, sha256, bad, badReason, markedBadAt, signer);
  }

  ReleaseRecord withBad(String reason, Instant at) {
    return new ReleaseRecord(releaseId, installedAt, archiveSha256, true, reason, at, signedBy);
  }
}
