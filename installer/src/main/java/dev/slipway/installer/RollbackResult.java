package dev.slipway.installer;

/**
 * What a rollback did; also the shape of {@code installer rollback --json}.
 *
 * @param envFile the env file the target release reads its values from (the given or shared one,
 *     copied into it, or its own copy from its install); null when there was none
 * @param switchover blue/green (issue #21): the slot and port that serve now, as history.jsonl notes
 *     them; null for the symlink switch
 */
public record RollbackResult(
    String fromReleaseId, String fromVersion, String toReleaseId, String toVersion, String envFile, long durationMillis,
    String switchover) {
  /** The line the issue asks for: {@code from <id> (<version>) to <id> (<version>)}. */
  public String summary() {
    return "from " + fromReleaseId + " (" + fromVersion + ") to " + toReleaseId + " (" + toVersion + ")";
  }
}
