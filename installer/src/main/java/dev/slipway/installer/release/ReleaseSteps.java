package dev.slipway.installer.release;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

/**
 * What an engine (install, rollback) brings to the {@link ReleaseTransaction}: its steps before
 * the switch and what it makes of a release that went live. Everything between (lock, switch,
 * go-live, history, truthful failures) is the transaction's.
 *
 * @param <R> the engine's result
 */
public interface ReleaseSteps<R> {
  /**
   * Under the lock: every check before the switch, each step entered through {@link Attempt#enter}.
   * Tell the attempt what it learns for its history line ({@link Attempt#releaseId(String)}, ...).
   *
   * @return the release to switch to, or {@link Target#unchanged} when there is nothing to switch
   */
  Target<R> beforeSwitch(Attempt attempt) throws IOException, InterruptedException;

  /**
   * In the {@code switch} step, before the hand-over: make the release one that can be switched
   * to (install moves its staging folder into releases/, records it and reads which release is
   * live until now). Returns the target to hand over to; {@code target} itself by default.
   */
  default Target<R> promote(Attempt attempt, Target<R> target) throws IOException {
    return target;
  }

  /**
   * Once the release is live and answered, before the success line: chores whose failure is a
   * warning in {@link Attempt#warnings()} (install: retention). Nothing by default.
   */
  default void afterGoLive(Attempt attempt) throws IOException {}

  /** The engine's result, once the release is live and its history line written. */
  R result(Attempt attempt, Target<R> target, long durationMillis);

  /**
   * Where the run goes: a release to switch to (and the one live before it), or a result without
   * any switch.
   */
  record Target<R>(String releaseId, Optional<String> previous, Optional<R> unchanged) {
    public Target {
      Objects.requireNonNull(previous, "previous");
      Objects.requireNonNull(unchanged, "unchanged");
      if (unchanged.isEmpty()) {
        Objects.requireNonNull(releaseId, "releaseId");
      }
    }

    /** Switch to {@code releaseId}; {@code previous} is the release live until then. */
    public static <R> Target<R> switchTo(String releaseId, Optional<String> previous) {
      return new Target<>(releaseId, previous, Optional.empty());
    }

    /** Nothing to switch: the run ends with {@code result} (issue #24: the archive is already live). */
    public static <R> Target<R> unchanged(R result) {
      return new Target<>(null, Optional.empty(), Optional.of(result));
    }
  }
}
