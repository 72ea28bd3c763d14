package dev.slipway.installer.release;

import dev.slipway.format.FailureText;
import dev.slipway.format.Reporter;
import dev.slipway.installer.layout.History;
import dev.slipway.installer.layout.HistoryEntry;
import java.io.IOException;
import java.util.Optional;

/**
 * Chores of an install or rollback once the release is live and has answered (retention, the
 * success line in history.jsonl). Their failure (a full or read-only disk, permissions) is a
 * warning: failing the run would have scripts believe the old release still runs. A failure a
 * signal caused is rethrown by the callers, for the abort path that says where current points.
 */
public final class AfterGoLive {
  private AfterGoLive() {}

  /** Appends the run's success line; returns the warning when it could not be written. */
  public static Optional<String> recordSuccess(History history, HistoryEntry entry, Reporter reporter) throws IOException {
    try {
      history.append(entry);
      return Optional.empty();
    } catch (IOException e) {
      if (Thread.currentThread().isInterrupted()) {
        throw e;
      }
      return Optional.of(warn(reporter, e, "its history line could not be written"));
    }
  }

  /** Reports that {@code what} failed although the release is live; returns the warning. */
  public static String warn(Reporter reporter, Exception e, String what) {
    String warning = "the release is live, but " + what + ": " + FailureText.asFailure(e).getMessage();
    reporter.warn(warning);
    return warning;
  }
}
