package dev.slipway.installer.release;

import dev.slipway.format.FailureKind;
import dev.slipway.format.Reporter;
import dev.slipway.format.SlipwayException;
import dev.slipway.installer.layout.ReleaseCatalog;
import dev.slipway.installer.layout.ReleaseMarks;
import dev.slipway.installer.layout.ReleaseRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The go-live of install and rollback alike (issue #4): the {@link Switchover} makes the release
 * serve (today: repoint {@code current}, run the restart command), then the live check. When either
 * fails, switch back to the release that was live before (or the newest good one when that is
 * gone), mark the new one bad (kept for inspection, never chosen by a later rollback) and fail.
 * This policy is the same whatever the switchover: it lives here only.
 */
final class GoLive {
  private final Reporter reporter;
  private final Switchover switchover;
  private final List<String> liveUrls;
  private final Duration liveTimeout;

  GoLive(Reporter reporter, Switchover switchover, List<String> liveUrls, Duration liveTimeout) {
    this.reporter = reporter;
    this.switchover = switchover;
    this.liveUrls = List.copyOf(liveUrls);
    this.liveTimeout = liveTimeout;
  }

  /**
   * Hands over to {@code handover.releaseId()} and confirms it serves, or switches back and throws.
   *
   * @return a warning when the release is live but the switchover could not finish ({@link Switchover#settle})
   */
  Optional<String> confirmOrRollBack(Handover handover, StepTracker tracker) throws IOException {
    ReleaseRoot root = handover.root();
    String newId = handover.releaseId();
    Optional<String> previous = handover.previous();
    Optional<String> failure;
    try {
      failure = switchover.goLive(handover);
    } catch (SlipwayException refusal) {
      // A refusal before the switch that blames the release (its instance did not answer: SMOKE_FAILED)
      // marks it bad, so no rollback picks it; one that blames the host (a start command that failed,
      // a busy slot, an instance running as root) leaves it choosable once the host is fixed (#21).
      if (!handover.isSwitched() && refusal.kind() == FailureKind.SMOKE_FAILED) {
        new ReleaseMarks(root).markBad(newId, refusal.getMessage());
      }
      throw refusal;
    }
    if (failure.isEmpty() && !liveUrls.isEmpty()) {
      handover.enter(Step.LIVE);
      reporter.step("checking live: " + String.join(", ", liveUrls));
      failure = LiveCheck.await(liveUrls, liveTimeout).map(what -> "live check failed: " + what);
    }
    if (failure.isEmpty()) {
      return settle(handover);
    }
    if (previous.isEmpty()) {
      throw new SlipwayException(
          FailureKind.GO_LIVE_FAILED, causeCode(tracker),
          failure.get() + "; there is no previous release to return to, so " + newId + " stays live",
          null, "see the app's logs and ROOT/.slipway/logs/restart.log, fix, and install again");
    }
    // The release that was live may be gone (deleted by hand, current dangling): switching back to
    // it failed and left the failing release live and unmarked (issue #20). Fall back to the newest
    // good release instead, and say which.
    boolean previousGone = !Files.isDirectory(root.releaseDir(previous.get()), LinkOption.NOFOLLOW_LINKS);
    Optional<String> back = previousGone ? newestGoodExcept(root, newId) : previous;
    String gone = previousGone ? "; the release live before, " + previous.get() + ", no longer exists" : "";
    new ReleaseMarks(root).markBad(newId, failure.get());
    if (back.isEmpty()) {
      throw new SlipwayException(
          FailureKind.GO_LIVE_FAILED, causeCode(tracker),
          failure.get() + gone + " and no other good release is left, so " + newId + " stays live (marked bad)",
          null, "see the app's logs and ROOT/.slipway/logs/restart.log, fix, and install a good archive;"
              + " `installer list --root ROOT` shows the releases");
    }
    reporter.warn(failure.get() + gone + "; switching back to " + back.get());
    Optional<String> restartAgain = switchover.switchBack(handover.back(back.get()));
    throw new SlipwayException(
        FailureKind.LIVE_CHECK_ROLLED_BACK, causeCode(tracker),
        failure.get() + gone + "; rolled back to " + back.get() + (previousGone ? " (the newest good release)" : "")
            + " and marked " + newId + " bad"
            + restartAgain.map(r -> " (but restarting it failed too: " + r + ")").orElse(""),
        null, "inspect releases/" + newId + " and the app's logs; `installer list` shows it as bad");
  }

  /** What the switchover finishes once the release answered; a failure is a warning, the release is live. */
  private Optional<String> settle(Handover handover) throws IOException {
    try {
      switchover.settle(handover);
      return Optional.empty();
    } catch (IOException | UncheckedIOException e) {
      if (Thread.currentThread().isInterrupted()) {
        throw e; // the abort path (truthful)
      }
      return Optional.of(AfterGoLive.warn(reporter, e, "the switchover could not finish"));
    }
  }

  private static String causeCode(StepTracker tracker) {
    return tracker.current() == Step.LIVE ? "LIVE_CHECK_FAILED" : "RESTART_FAILED";
  }

  /** The newest release other than {@code newId} not marked bad: what is left to go back to. */
  private static Optional<String> newestGoodExcept(ReleaseRoot root, String newId) throws IOException {
    return ReleaseCatalog.scan(root).releases().stream()
        .filter(r -> !r.bad() && !r.releaseId().equals(newId))
        .map(ReleaseCatalog.Entry::releaseId)
        .findFirst(); // newest first
  }
}
