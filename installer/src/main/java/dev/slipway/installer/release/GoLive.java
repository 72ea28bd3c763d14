package dev.slipway.installer.release;

import dev.slipway.format.FailureKind;
import dev.slipway.format.Reporter;
import dev.slipway.format.SlipwayException;
import dev.slipway.installer.StepHook;
import dev.slipway.installer.layout.CurrentLink;
import dev.slipway.installer.layout.ReleaseCatalog;
import dev.slipway.installer.layout.ReleaseMarks;
import dev.slipway.installer.layout.ReleaseRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What follows a switch, for install and rollback alike (issue #4): run the restart command, then
 * the live check. When either fails, switch back to the release that was live before, restart
 * again, mark the new one bad (kept for inspection, never chosen by a later rollback) and fail.
 */
public final class GoLive {
  private final ReleaseRoot root;
  private final Reporter reporter;
  private final Optional<String> restartCommand;
  private final List<String> liveUrls;
  private final Duration liveTimeout;

  public GoLive(ReleaseRoot root, Reporter reporter, Optional<String> restartCommand, List<String> liveUrls, Duration liveTimeout) {
    this.root = root;
    this.reporter = reporter;
    this.restartCommand = restartCommand;
    this.liveUrls = liveUrls;
    this.liveTimeout = liveTimeout;
  }

  public void confirmOrRollBack(String newId, Optional<String> previous, StepTracker tracker, StepHook hook) throws IOException {
    Optional<String> failure = Optional.empty();
    if (restartCommand.isPresent()) {
      reporter.step("restarting: " + restartCommand.get());
      failure = RestartCommand.run(root, restartCommand.get(), newId);
    }
    if (failure.isEmpty() && !liveUrls.isEmpty()) {
      tracker.enter(Step.LIVE, hook);
      reporter.step("checking live: " + String.join(", ", liveUrls));
      failure = LiveCheck.await(liveUrls, liveTimeout).map(what -> "live check failed: " + what);
    }
    if (failure.isEmpty()) {
      return;
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
    Optional<String> back = previousGone ? newestGoodExcept(newId) : previous;
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
    CurrentLink.switchTo(root, back.get());
    Optional<String> restartAgain = Optional.empty();
    if (restartCommand.isPresent()) {
      restartAgain = RestartCommand.run(root, restartCommand.get(), back.get());
    }
    throw new SlipwayException(
        FailureKind.LIVE_CHECK_ROLLED_BACK, causeCode(tracker),
        failure.get() + gone + "; rolled back to " + back.get() + (previousGone ? " (the newest good release)" : "")
            + " and marked " + newId + " bad"
            + restartAgain.map(r -> " (but restarting it failed too: " + r + ")").orElse(""),
        null, "inspect releases/" + newId + " and the app's logs; `installer list` shows it as bad");
  }

  private static String causeCode(StepTracker tracker) {
    return tracker.current() == Step.LIVE ? "LIVE_CHECK_FAILED" : "RESTART_FAILED";
  }

  /** The newest release other than {@code newId} not marked bad: what is left to go back to. */
  private Optional<String> newestGoodExcept(String newId) throws IOException {
    return ReleaseCatalog.scan(root).releases().stream()
        .filter(r -> !r.bad() && !r.releaseId().equals(newId))
        .map(ReleaseCatalog.Entry::releaseId)
        .findFirst(); // newest first
  }
}
