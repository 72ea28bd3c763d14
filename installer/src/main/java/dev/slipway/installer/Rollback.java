package dev.slipway.installer;

import dev.slipway.format.EnvManifest;
import dev.slipway.format.FailureKind;
import dev.slipway.format.FailureText;
import dev.slipway.format.Manifest;
import dev.slipway.format.Reporter;
import dev.slipway.format.SlipwayException;
import dev.slipway.installer.deps.HostRuntime;
import dev.slipway.installer.env.EnvCheck;
import dev.slipway.installer.env.EnvSource;
import dev.slipway.installer.env.ReleaseEnvironment;
import dev.slipway.installer.layout.CurrentLink;
import dev.slipway.installer.layout.History;
import dev.slipway.installer.layout.HistoryEntry;
import dev.slipway.installer.layout.ReleaseCatalog;
import dev.slipway.installer.layout.ReleaseRoot;
import dev.slipway.installer.layout.RootLock;
import dev.slipway.installer.process.RunAs;
import dev.slipway.installer.release.Abort;
import dev.slipway.installer.release.AfterGoLive;
import dev.slipway.installer.release.GoLive;
import dev.slipway.installer.release.Step;
import dev.slipway.installer.release.StepTracker;
import dev.slipway.installer.status.ReleaseManifests;
import dev.slipway.installer.user.ReleaseOwnership;
import dev.slipway.installer.user.ServiceUser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The engine of {@code installer rollback} (issue #4): switch {@code current} to the last good
 * release before the live one (or {@code --to}), without npm or network, after re-checking what may
 * have drifted since it was installed (Node, required env names); then restart and live-check
 * exactly like install.
 */
public final class Rollback {
  private final Reporter reporter;
  private final Map<String, String> environment;
  private final Clock clock;

  public Rollback(Reporter reporter, Map<String, String> environment, Clock clock) {
    this.reporter = reporter;
    this.environment = Map.copyOf(environment);
    this.clock = clock;
  }

  public RollbackResult rollback(RollbackRequest request) throws IOException {
    Instant started = clock.instant();
    // create=true runs the write probe: a read-only root is refused clearly, not with a raw error.
    ReleaseRoot root = ReleaseRoot.open(request.root(), true);
    History history = new History(root.historyFile());
    StepTracker tracker = new StepTracker();
    String from = null;
    String to = null;
    boolean switched = false;
    try (RootLock lock = RootLock.acquire(root, "rollback", request.lockWait())) {
      ReleaseCatalog catalog = ReleaseCatalog.scan(root);
      from = catalog.liveReleaseId().orElseThrow(() -> nothing(root, "no release is live (current is missing)"));
      to = request.to().isPresent() ? checkNamedTarget(catalog, request.to().get(), from, request.force())
          : catalog.rollbackTarget().orElseThrow(() -> nothing(root, "there is no good release older than the live one"));
      Path target = root.releaseDir(to);
      Optional<Manifest.Header> targetManifest = ReleaseManifests.headerIfPresent(target);
      Optional<Manifest.Header> fromManifest = ReleaseManifests.headerIfPresent(root.releaseDir(from));
      if (targetManifest.isEmpty() && !request.force()) {
        throw new SlipwayException(FailureKind.NOTHING_TO_ROLL_BACK, "NO_MANIFEST",
            to + " was adopted from a manual deploy and has no manifest to check node and env against", null,
            "pass --force to switch to it anyway");
      }

      tracker.enter(Step.NODE, StepHook.NONE);
      if (!request.force()) {
        reporter.step("re-checking node for " + to);
        HostRuntime.checkNode(targetManifest.get(), request.node());
      }
      tracker.enter(Step.ENV, StepHook.NONE);
      EnvSource env = refreshEnv(root, request, target, ReleaseManifests.envManifest(target));

      tracker.enter(Step.SWITCH, StepHook.NONE);
      CurrentLink.switchTo(root, to);
      switched = true;
      reporter.step("switched current from " + from + " to " + to);
      tracker.enter(Step.RESTART, StepHook.NONE);
      new GoLive(root, reporter, request.restartCommand(), request.liveUrls(), request.liveTimeout())
          .confirmOrRollBack(to, Optional.of(from), tracker, StepHook.NONE);

      long duration = Duration.between(started, clock.instant()).toMillis();
      AfterGoLive.recordSuccess(history,
          new HistoryEntry(clock.instant().toString(), HistoryEntry.ROLLBACK, null, to, from, HistoryEntry.OK, null, null, duration),
          reporter);
      return new RollbackResult(from, versionOf(fromManifest), to, versionOf(targetManifest),
          env.file().map(Path::toString).orElse(null), duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      SlipwayException aborted = afterSwitch(Abort.interrupted(), switched, from, to);
      record(history, started, from, to, tracker, aborted);
      throw aborted;
    } catch (SlipwayException e) {
      boolean interrupted = e.kind() == FailureKind.INTERRUPTED_INT || e.kind() == FailureKind.INTERRUPTED_TERM;
      SlipwayException reported = interrupted ? afterSwitch(e, switched, from, to) : e;
      if (reported.kind() != FailureKind.LOCKED) {
        record(history, started, from, to, tracker, reported);
      }
      throw reported;
    } catch (IOException | RuntimeException e) {
      // A signal after the switch may surface as any I/O error of an interruptible channel; what
      // the operator must hear is that current changed (InstallSignalIT sends one there).
      boolean bySignal = Abort.bySignal(e);
      if (!switched || !bySignal) {
        // Every attempt gets its history line, an I/O error's too (issue #20).
        record(history, started, from, to, tracker, bySignal ? Abort.interrupted() : FailureText.asFailure(e));
        throw e;
      }
      SlipwayException aborted = afterSwitch(Abort.interrupted(), true, from, to);
      record(history, started, from, to, tracker, aborted);
      throw aborted;
    }
  }

  /** A failed or aborted rollback's history line; the interrupt flag is cleared for the write. */
  private void record(History history, Instant started, String from, String to, StepTracker tracker, SlipwayException e) {
    String result = switch (e.kind()) {
      case LIVE_CHECK_ROLLED_BACK -> HistoryEntry.ROLLED_BACK;
      case GO_LIVE_FAILED -> HistoryEntry.FAILED_LIVE;
      case INTERRUPTED_INT, INTERRUPTED_TERM -> HistoryEntry.ABORTED;
      default -> HistoryEntry.REFUSED;
    };
    boolean interrupted = Thread.interrupted();
    try {
      history.append(new HistoryEntry(clock.instant().toString(), HistoryEntry.ROLLBACK, null, to, from, result,
          tracker.current().label(), e.causeCode(), Duration.between(started, clock.instant()).toMillis()));
    } catch (IOException | RuntimeException ignored) {
      // The refusal is what matters.
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * The release's own .env.production is refreshed from a newer env file (--env-file, or the shared
   * one), so a secret rotated since it was installed applies after the rollback too; without one it
   * keeps the copy it was installed with (issue #17). Every required name must still be set.
   */
  private EnvSource refreshEnv(ReleaseRoot root, RollbackRequest request, Path target, EnvManifest envManifest) throws IOException {
    EnvSource source = ReleaseEnvironment.sourceFor(root, request.envFile(), target);
    reporter.step("environment for the target release: " + source.describe());
    if (!request.force()) {
      EnvCheck.check(envManifest, environment, source.read(), source).forEach(reporter::warn);
    }
    if (source.origin() == EnvSource.Origin.GIVEN || source.origin() == EnvSource.Origin.SHARED) {
      ReleaseEnvironment.copyInto(source.file().get(), target);
      // The copy is root's 0600: the service user the app runs as must still read it (issue #20).
      Optional<RunAs> user = remembered(root);
      if (user.isPresent()) {
        ReleaseOwnership.envFile(target, user.get());
      }
    }
    return source;
  }

  private static Optional<RunAs> remembered(ReleaseRoot root) throws IOException {
    try {
      return ServiceUser.remembered(root);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Abort.interrupted();
    }
  }

  private static String checkNamedTarget(ReleaseCatalog catalog, String id, String live, boolean force) {
    ReleaseCatalog.Entry entry = catalog.find(id).orElseThrow(() -> new SlipwayException(
        FailureKind.NOTHING_TO_ROLL_BACK, "NO_SUCH_RELEASE", "there is no release " + id, null,
        "`installer list --root ROOT` shows the releases"));
    if (id.equals(live)) {
      throw new SlipwayException(FailureKind.NOTHING_TO_ROLL_BACK, "ALREADY_LIVE", id + " is already live", null,
          "name another release with --to");
    }
    if (entry.bad() && !force) {
      throw new SlipwayException(FailureKind.NOTHING_TO_ROLL_BACK, "RELEASE_BAD",
          id + " is marked bad (it failed its live check)", null, "pass --force to switch to it anyway");
    }
    return id;
  }

  /** An abort after the switch says where current points (found by the reliability suite). */
  private static SlipwayException afterSwitch(SlipwayException e, boolean switched, String from, String to) {
    if (!switched) {
      return e;
    }
    return new SlipwayException(e.kind(), "ABORTED_AFTER_SWITCH",
        "interrupted after the switch: current now points to " + to + " (was " + from
            + "); the restart command or live check did not complete",
        null, "run the restart command yourself, or `installer rollback --root ROOT --to " + from + "` to go back");
  }

  private static String versionOf(Optional<Manifest.Header> manifest) {
    return manifest.map(m -> m.app().version()).orElse("unknown");
  }

  private static SlipwayException nothing(ReleaseRoot root, String why) {
    return new SlipwayException(FailureKind.NOTHING_TO_ROLL_BACK, "NOTHING_TO_ROLL_BACK",
        "nothing to roll back to in " + root.path() + ": " + why, null,
        "`installer list --root " + root.path() + "` shows the releases; install a good archive instead");
  }
}
