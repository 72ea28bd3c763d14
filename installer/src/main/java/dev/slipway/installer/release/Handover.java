package dev.slipway.installer.release;

import dev.slipway.format.Reporter;
import dev.slipway.installer.StepHook;
import dev.slipway.installer.layout.HistoryEntry;
import dev.slipway.installer.layout.ReleaseRoot;
import java.util.Optional;

/**
 * One hand-over of serving from one release to another, as a {@link Switchover} sees it: which
 * release is to serve, which one served before, and the transaction's step tracking, so that the
 * steps {@code switch}, {@code restart} and {@code live} stay visible to history and to the crash
 * tests' step hook (issue #6). Made by the release transaction; a switchover reads it, enters
 * steps and says when it passed the point of no return ({@link #markSwitched()}).
 */
public final class Handover {
  private final ReleaseRoot root;
  private final String releaseId;
  private final Optional<String> previous;
  private final String action;
  private final Reporter reporter;
  private final StepTracker tracker;
  private final StepHook hook;
  private final boolean back;
  private boolean switched;

  private Handover(ReleaseRoot root, String releaseId, Optional<String> previous, String action, Reporter reporter,
      StepTracker tracker, StepHook hook, boolean back) {
    this.root = root;
    this.releaseId = releaseId;
    this.previous = previous;
    this.action = action;
    this.reporter = reporter;
    this.tracker = tracker;
    this.hook = hook;
    this.back = back;
  }

  /** The hand-over an install ({@link HistoryEntry#INSTALL}) or rollback ({@link HistoryEntry#ROLLBACK}) makes. */
  static Handover forward(ReleaseRoot root, String releaseId, Optional<String> previous, String action,
      Reporter reporter, StepTracker tracker, StepHook hook) {
    return new Handover(root, releaseId, previous, action, reporter, tracker, hook, false);
  }

  /**
   * The hand-over back to {@code backId} after this one failed. Its {@link #enter} does nothing:
   * the step that failed is what history records, and the cause code names it.
   */
  Handover back(String backId) {
    return new Handover(root, backId, Optional.of(releaseId), action, reporter, tracker, hook, true);
  }

  public ReleaseRoot root() {
    return root;
  }

  /** The release that is to serve. */
  public String releaseId() {
    return releaseId;
  }

  /** The release that served before; empty on a fresh root. On a hand-over back, the release that failed. */
  public Optional<String> previous() {
    return previous;
  }

  public Reporter reporter() {
    return reporter;
  }

  /** Whether this is the hand-over back to a good release after a failed go-live. */
  public boolean isBack() {
    return back;
  }

  /** Enters {@code step}: history names it if the run fails there, the step hook sees it; aborts if interrupted. */
  public void enter(Step step) {
    if (!back) {
      tracker.enter(step, hook);
    }
  }

  /**
   * Call the moment the new release serves, or will serve at the next restart: from then on an
   * abort or a failure is reported as having happened after the switch, saying where current points.
   */
  public void markSwitched() {
    switched = true;
  }

  public boolean isSwitched() {
    return switched;
  }

  /** How the switch reads in a step line: {@code to B (was A)} for an install, {@code from A to B} for a rollback. */
  public String describe() {
    if (HistoryEntry.ROLLBACK.equals(action)) {
      return "from " + previous.orElse("-") + " to " + releaseId;
    }
    return "to " + releaseId + previous.map(p -> " (was " + p + ")").orElse("");
  }
}
