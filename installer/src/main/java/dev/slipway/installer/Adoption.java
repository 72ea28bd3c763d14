package dev.slipway.installer;

import dev.slipway.format.Reporter;
import dev.slipway.installer.layout.CurrentAdoption;
import dev.slipway.installer.layout.ReleaseId;
import dev.slipway.installer.layout.ReleaseRoot;
import dev.slipway.installer.release.Attempt;
import dev.slipway.installer.release.Handover;
import dev.slipway.installer.release.ReleaseSteps;
import dev.slipway.installer.release.ReleaseSteps.Target;
import dev.slipway.installer.release.ReleaseTransaction;
import dev.slipway.installer.release.Step;
import dev.slipway.installer.release.Switchover;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code installer adopt} (issue #6): a root whose {@code current} is a real folder, left by a
 * manual deploy, becomes a managed root. The folder is moved (not copied) to releases/&lt;id&gt; and
 * {@code current} becomes a link to it; it has no manifest, so a later rollback to it needs --force.
 *
 * <p>It runs through the {@link ReleaseTransaction} like install and rollback (issue #19), so the
 * lock, the history line of every attempt, the clock and interrupts are handled in one place. Its
 * one step before the switch, {@code adopt}, decides what to do and refuses without changing
 * anything; the hand-over (step {@code switch}) moves the folder and links {@code current}. The
 * move belongs to the hand-over, not to the step before it: once the folder has moved the path
 * {@code current} is gone until the link replaces it, and an abort in between must not be reported
 * as "nothing changed". There is no restart and no live check: the app keeps running from the folder
 * it holds open.
 */
public final class Adoption {
  private final Reporter reporter;
  private final Clock clock;
  private final StepHook hook;

  public Adoption(Reporter reporter, Clock clock, StepHook hook) {
    this.reporter = reporter;
    this.clock = clock;
    this.hook = hook;
  }

  /** With the clock that names the release and stamps its history line, as install and rollback take one (issue #19). */
  public static String adopt(Path rootPath, Clock clock) throws IOException {
    return new Adoption(Reporter.SILENT, clock, StepHook.NONE).adopt(rootPath, Optional.empty());
  }

  /**
   * Adopts the manual deploy at {@code rootPath}/current.
   *
   * @param releaseId the id to give it; empty: the clock's time and {@code adopted}
   * @return the id of the release {@code current} now links to
   */
  public String adopt(Path rootPath, Optional<String> releaseId) throws IOException {
    ReleaseRoot root = ReleaseRoot.openForAdoption(rootPath);
    Run run = new Run(releaseId);
    Attempt attempt = Attempt.adopt(root, new Attempt.GoLiveSettings(run, List.of(), Duration.ZERO));
    return new ReleaseTransaction(reporter, clock, hook).run(attempt, run);
  }

  /** One adoption: its step before the switch, and its hand-over (the folder's move and the link). */
  private final class Run implements ReleaseSteps<String>, Switchover {
    private final Optional<String> wantedId;
    private CurrentAdoption.Plan plan;

    Run(Optional<String> wantedId) {
      this.wantedId = wantedId;
    }

    @Override
    public Target<String> beforeSwitch(Attempt attempt) throws IOException {
      attempt.enter(Step.ADOPT);
      ReleaseRoot root = attempt.root();
      String id = wantedId.isPresent() ? wantedId.get()
          : ReleaseId.next(clock.instant(), "adopted", existingIds(root)).value();
      plan = CurrentAdoption.plan(root, id);
      attempt.releaseId(plan.releaseId());
      reporter.step(plan.folderToMove() ? "adopting current as release " + plan.releaseId()
          : "finishing the interrupted adoption of " + plan.releaseId());
      return Target.switchTo(plan.releaseId(), Optional.empty()); // a manual deploy was no release
    }

    @Override
    public String result(Attempt attempt, Target<String> target, long durationMillis) {
      return target.releaseId();
    }

    /** The point of no return is the folder's move: from there the next run finishes what this one began. */
    @Override
    public Optional<String> goLive(Handover handover) throws IOException {
      CurrentAdoption.carryOut(handover.root(), plan, handover::markSwitched);
      handover.reporter().step("linked current to releases/" + plan.releaseId());
      return Optional.empty();
    }

    /** Never called: a hand-over with no previous release is never switched back, and adopt has no live check. */
    @Override
    public Optional<String> switchBack(Handover back) {
      return Optional.of("an adoption has no release to switch back to");
    }
  }

  private static Set<String> existingIds(ReleaseRoot root) throws IOException {
    try (var list = Files.list(root.releasesDir())) {
      return list.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
    }
  }
}
