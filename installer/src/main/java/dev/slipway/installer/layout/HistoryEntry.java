package dev.slipway.installer.layout;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Set;

/**
 * One line of {@code history.jsonl}: one install, rollback or adopt attempt, successful or not.
 *
 * @param time when the attempt ended, ISO-8601 UTC ({@code Instant.toString()}): for a successful
 *     one, when the release went live, which {@code installer status} reports; its start is this
 *     time minus {@code durationMillis}
 * @param action {@code install}, {@code rollback} or {@code adopt}
 * @param archiveSha256 sha-256 of the installed archive (lowercase hex); null for rollback/adopt
 * @param releaseId the release made (or meant to be made) live; null when refused before one was
 *     named
 * @param fromReleaseId the release that was live before; null on a fresh root
 * @param result {@code ok}, {@code refused} (nothing changed), {@code rolled-back} (switched,
 *     failed the live check, switched back), {@code failed-live} (switched, failed the restart or live
 *     check, and no good release was left to go back to: it stayed live, marked bad) or {@code
 *     aborted} (interrupted)
 * @param failedStep the step that failed (e.g. {@code npm}); null when {@code ok}
 * @param causeCode the {@code SlipwayException} cause code; when {@code ok}, null or a note on how
 *     it went ({@code APP_RAN_AS_ROOT}: --allow-root-app let archive code run as root, issue #20)
 * @param durationMillis how long the attempt took
 * @param signedBy for an install: the key id of the archive's verified signature, {@code unsigned}
 *     when {@code --allow-unsigned} let an unsigned archive in; null when no key is trusted (issue #22)
 * @param dependencies for a successful install, how its node_modules came to be: {@code npm ci},
 *     {@code reused from <id>} or {@code shipped (standalone|bundled)} (issue #18); null otherwise
 * @param switchover a successful install's or rollback's note from the way it went live, such as
 *     {@code slot b, port 3101} (issue #19: a {@code release.Switchover} may add one); null, and so
 *     absent from the line, for the symlink switch
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HistoryEntry(
    String time,
    String action,
    String archiveSha256,
    String releaseId,
    String fromReleaseId,
    String result,
    String failedStep,
    String causeCode,
    long durationMillis,
    String signedBy,
    String dependencies,
    String switchover) {

  public static final String INSTALL = "install";
  public static final String ROLLBACK = "rollback";
  public static final String ADOPT = "adopt";

  public static final String OK = "ok";
  public static final String REFUSED = "refused";
  public static final String ROLLED_BACK = "rolled-back";
  public static final String ABORTED = "aborted";
  /** Not "refused": the release went live and stayed so, with nothing to return to (issue #20). */
  public static final String FAILED_LIVE = "failed-live";

  private static final Set<String> ACTIONS = Set.of(INSTALL, ROLLBACK, ADOPT);
  private static final Set<String> RESULTS = Set.of(OK, REFUSED, ROLLED_BACK, FAILED_LIVE, ABORTED);

  /** An entry that says nothing of signatures or dependencies: a refusal, a rollback, an adopt. */
  public HistoryEntry(String time, String action, String archiveSha256, String releaseId, String fromReleaseId,
      String result, String failedStep, String causeCode, long durationMillis) {
    this(time, action, archiveSha256, releaseId, fromReleaseId, result, failedStep, causeCode, durationMillis, null, null);
  }

  /** An entry without a switchover note: every line the symlink switch writes. */
  public HistoryEntry(String time, String action, String archiveSha256, String releaseId, String fromReleaseId,
      String result, String failedStep, String causeCode, long durationMillis, String signedBy, String dependencies) {
    this(time, action, archiveSha256, releaseId, fromReleaseId, result, failedStep, causeCode, durationMillis, signedBy,
        dependencies, null);
  }

  public HistoryEntry {
    Objects.requireNonNull(time, "time");
    try {
      Instant.parse(time);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("time is not an ISO-8601 instant: " + time, e);
    }
    if (!ACTIONS.contains(action)) {
      throw new IllegalArgumentException("action must be one of " + ACTIONS + ": " + action);
    }
    if (!RESULTS.contains(result)) {
      throw new IllegalArgumentException("result must be one of " + RESULTS + ": " + result);
    }
    if (archiveSha256 != null && !archiveSha256.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("archiveSha256 is not lowercase hex sha-256");
    }
    if (releaseId != null) {
      ReleaseId.parse(releaseId);
    }
    if (fromReleaseId != null) {
      ReleaseId.parse(fromReleaseId);
    }
    if (durationMillis < 0) {
      throw new IllegalArgumentException("durationMillis must not be negative: " + durationMillis);
    }
  }
}
