package dev.slipway.installer.release;

import dev.slipway.format.FailureKind;
import dev.slipway.format.FailureText;
import dev.slipway.format.Reporter;
import dev.slipway.format.SlipwayException;
import dev.slipway.installer.StepHook;
import dev.slipway.installer.archive.Staging;
import dev.slipway.installer.layout.History;
import dev.slipway.installer.layout.HistoryEntry;
import dev.slipway.installer.layout.RootLock;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * One release transaction for install, rollback and adopt (issue #19): the lock, the step tracking, the
 * history line of every attempt (docs/RELIABILITY.md, issue #20), the clock, the hand-over to the
 * new release through a {@link Switchover}, the live check and the switch back ({@link GoLive}),
 * the success line, and what a failure or a signal is reported as: before the switch "nothing
 * changed", after it where current now points (found by the reliability suite). An engine brings
 * only its steps ({@link ReleaseSteps}) and their context ({@link Attempt}); a fix here reaches
 * every engine at once, where it used to reach the second engine late or never.
 */
public final class ReleaseTransaction {
  private final Reporter reporter;
  private final Clock clock;
  private final StepHook hook;

  public ReleaseTransaction(Reporter reporter, Clock clock, StepHook hook) {
    this.reporter = reporter;
    this.clock = clock;
    this.hook = hook;
  }

  public <R> R run(Attempt attempt, ReleaseSteps<R> steps) throws IOException {
    Instant started = clock.instant();
    History history = new History(attempt.root().historyFile());
    StepTracker tracker = new StepTracker();
    attempt.begin(tracker, hook);
    Handover handover = null; // says whether the new release serves yet
    try (RootLock lock = tracker.enter(Step.LOCK, hook,
        () -> RootLock.acquire(attempt.root(), attempt.lockPurpose(), attempt.lockWait()))) {
      ReleaseSteps.Target<R> target = steps.beforeSwitch(attempt);
      if (target.unchanged().isPresent()) {
        return target.unchanged().get();
      }
      tracker.enter(Step.SWITCH, hook);
      attempt.releaseId(target.releaseId());
      target = steps.promote(attempt, target);
      Attempt.GoLiveSettings settings = attempt.goLive();
      handover = Handover.forward(attempt.root(), target.releaseId(), target.previous(), attempt.action(), reporter,
          tracker, hook);
      new GoLive(reporter, settings.switchover(), settings.liveUrls(), settings.liveTimeout())
          .confirmOrRollBack(handover, tracker).ifPresent(attempt.warnings()::add);
      steps.afterGoLive(attempt);
      long duration = Duration.between(started, clock.instant()).toMillis();
      AfterGoLive.recordSuccess(history, attempt.successLine(clock.instant().toString(), target.previous(), duration,
          settings.switchover().note()), reporter).ifPresent(attempt.warnings()::add);
      return steps.result(attempt, target, duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      SlipwayException aborted = truthful(Abort.interrupted(), attempt, handover);
      recordFailure(history, started, attempt, aborted);
      throw aborted;
    } catch (SlipwayException e) {
      SlipwayException reported = attempt.redactor().apply(truthful(e, attempt, handover));
      recordFailure(history, started, attempt, reported);
      throw FailedLogs.keep(attempt.root(), attempt.stagingOrNull(), attempt.releaseIdOrNull(), reported,
          attempt.redactor());
    } catch (IOException | RuntimeException e) {
      if (!switched(handover)) {
        // Nothing changed, but the attempt still gets its history line (docs/RELIABILITY.md, issue
        // #20): a signal during unpack surfaces here as ClosedByInterruptException, and an I/O
        // error before the switch as itself. The CLI reports the exception as before.
        recordFailure(history, started, attempt, Abort.bySignal(e) ? Abort.interrupted() : FailureText.asFailure(e));
        throw e;
      }
      // After the switch, what the operator must hear first is that current changed: a signal may
      // surface as any I/O error of an interruptible channel (InstallSignalIT sends one there), and
      // any other failure there (a full disk, a bug) said nothing of the new release being live.
      // Rollback used to rethrow the latter bare (issue #19).
      SlipwayException reported = Abort.bySignal(e)
          ? truthful(Abort.interrupted(), attempt, handover)
          : attempt.redactor().apply(failedAfterSwitch(e, attempt, handover));
      recordFailure(history, started, attempt, reported);
      throw reported;
    } finally {
      if (attempt.stagingOrNull() != null) {
        Staging.remove(attempt.stagingOrNull());
      }
    }
  }

  private static boolean switched(Handover handover) {
    return handover != null && handover.isSwitched();
  }

  /**
   * An abort after the switch must not claim that current is unchanged (found by the reliability
   * suite): it says where current points and what did not run.
   */
  private static SlipwayException truthful(SlipwayException e, Attempt attempt, Handover handover) {
    boolean interrupted = e.kind() == FailureKind.INTERRUPTED_INT || e.kind() == FailureKind.INTERRUPTED_TERM;
    if (!interrupted || !switched(handover)) {
      return e;
    }
    return new SlipwayException(e.kind(), "ABORTED_AFTER_SWITCH",
        "interrupted after the switch: " + whereCurrentPoints(handover) + "; " + attempt.undoneAfterSwitch()
            + " did not complete",
        null, attempt.fixAfterAbort(handover.previous()));
  }

  /** An unexpected failure once current points to the new release: reported as it is, saying so. */
  private static SlipwayException failedAfterSwitch(Exception e, Attempt attempt, Handover handover) {
    SlipwayException failure = FailureText.asFailure(e);
    SlipwayException reported = new SlipwayException(failure.kind(), failure.causeCode(),
        failure.getMessage() + "; this happened after the switch: " + whereCurrentPoints(handover),
        failure.evidence(),
        failure.fix() + handover.previous().map(p -> "; " + attempt.goBack(handover.previous()) + " goes back to " + p)
            .orElse(""));
    reported.initCause(e);
    return reported;
  }

  private static String whereCurrentPoints(Handover handover) {
    return "current now points to " + handover.releaseId() + handover.previous().map(p -> " (was " + p + ")").orElse("");
  }

  private void recordFailure(History history, Instant started, Attempt attempt, SlipwayException e) {
    if (e.kind() == FailureKind.LOCKED) {
      // The lock holder owns history.jsonl right now; a refused second run leaves it alone.
      return;
    }
    String result = switch (e.kind()) {
      case LIVE_CHECK_ROLLED_BACK -> HistoryEntry.ROLLED_BACK;
      case GO_LIVE_FAILED -> HistoryEntry.FAILED_LIVE;
      case INTERRUPTED_INT, INTERRUPTED_TERM -> HistoryEntry.ABORTED;
      default -> HistoryEntry.REFUSED;
    };
    // An abort leaves the interrupt flag set, and an interrupted thread cannot write through a
    // FileChannel (ClosedByInterruptException): clear it for the write, restore it after.
    boolean interrupted = Thread.interrupted();
    try {
      history.append(attempt.failureLine(clock.instant().toString(), result, e.causeCode(),
          Duration.between(started, clock.instant()).toMillis()));
    } catch (IOException | RuntimeException ignored) {
      // The refusal itself is what the user must see; a history line we cannot write must not hide it.
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
