package dev.slipway.installer;

/** What a rollback did; also the shape of {@code installer rollback --json}. */
public record RollbackResult(String fromReleaseId, String fromVersion, String toReleaseId, String toVersion, long durationMillis) {
  /** The line the issue asks for: {@code from <id> (<version>) to <id> (<version>)}. */
  public String summary() {
    return "from " + fromReleaseId + " (" + fromVersion + ") to " + toReleaseId + " (" + toVersion + ")";
  }
}
