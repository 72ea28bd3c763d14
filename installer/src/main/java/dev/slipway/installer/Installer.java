package dev.slipway.installer;

import dev.slipway.format.ArchiveLayout;
import dev.slipway.format.FailureKind;
import dev.slipway.format.FailureText;
import dev.slipway.format.Manifest;
import dev.slipway.format.Reporter;
import dev.slipway.format.SafeArchiveReader;
import dev.slipway.format.SlipwayException;
import dev.slipway.installer.archive.ArchiveChecksum;
import dev.slipway.installer.archive.Staging;
import dev.slipway.installer.archive.Unpacker;
import dev.slipway.installer.deps.Dependencies;
import dev.slipway.installer.deps.HostRuntime;
import dev.slipway.installer.deps.InstallInfo;
import dev.slipway.installer.env.Redactor;
import dev.slipway.installer.env.ReleaseEnvironment;
import dev.slipway.installer.layout.CurrentLink;
import dev.slipway.installer.layout.History;
import dev.slipway.installer.layout.HistoryEntry;
import dev.slipway.installer.layout.ReleaseId;
import dev.slipway.installer.layout.ReleaseMarks;
import dev.slipway.installer.layout.ReleaseRoot;
import dev.slipway.installer.layout.Retention;
import dev.slipway.installer.layout.RootLock;
import dev.slipway.installer.layout.StateFiles;
import dev.slipway.installer.process.ChildRegistry;
import dev.slipway.installer.release.Abort;
import dev.slipway.installer.release.AfterGoLive;
import dev.slipway.installer.release.AlreadyLive;
import dev.slipway.installer.release.FailedLogs;
import dev.slipway.installer.release.GoLive;
import dev.slipway.installer.release.KeptLogs;
import dev.slipway.installer.release.LeftoverCleanup;
import dev.slipway.installer.release.Step;
import dev.slipway.installer.release.StepTracker;
import dev.slipway.installer.signing.ArchiveSignatureCheck;
import dev.slipway.installer.signing.SignaturePolicy;
import dev.slipway.installer.signing.SignatureVerdict;
import dev.slipway.installer.signing.TrustedKeys;
import dev.slipway.installer.smoke.OrphanSweep;
import dev.slipway.installer.smoke.SmokeCheck;
import dev.slipway.installer.steps.ReleaseLinks;
import dev.slipway.installer.user.ReleaseOwnership;
import dev.slipway.installer.user.ServiceUser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The engine of {@code installer install} (issue #3): lock, verify, unpack, preflight Node, check
 * env, npm ci and Turbopack's links (issue #16), smoke-start, switch, restart and live-check,
 * retention, history. A failure at any step before the switch leaves {@code current} and every
 * release as they were and removes the staging folder; after the switch, a failed restart or live check switches back (issue #4).
 */
public final class Installer {
  private final Reporter reporter;
  private final Map<String, String> environment;
  private final Clock clock;
  private final StepHook hook;

  public Installer(Reporter reporter, Map<String, String> environment, Clock clock, StepHook hook) {
    this.reporter = reporter;
    this.environment = Map.copyOf(environment);
    this.clock = clock;
    this.hook = hook;
  }

  public InstallResult install(InstallRequest request) throws IOException {
    return install(request, SignaturePolicy.DEFAULT);
  }

  /** Installs with the operator's trusted keys and {@code --allow-unsigned} (issue #22). */
  public InstallResult install(InstallRequest request, SignaturePolicy signing) throws IOException {
    Instant started = clock.instant();
    ReleaseRoot root = ReleaseRoot.open(request.root(), true);
    History history = new History(root.historyFile());
    StepTracker tracker = new StepTracker();
    String archiveSha = null;
    String releaseId = null;
    Path staging = null;
    Optional<String> switchedFrom = null; // non-null once current points to the new release
    Redactor redactor = Redactor.NONE; // the release's secrets, once known (issue #20)
    try (RootLock lock = tracker.enter(Step.LOCK, hook, () -> RootLock.acquire(root, "install " + request.archive(), request.lockWait()))) {
      ChildRegistry children = LeftoverCleanup.run(root, reporter);

      tracker.enter(Step.VERIFY, hook);
      SignatureVerdict signature = ArchiveSignatureCheck.run(request.archive(),
          TrustedKeys.load(signing, Optional.of(root.sharedDir())), signing.allowUnsigned(), reporter);
      String expectedSha = ArchiveChecksum.expected(request.archive(), request.sha256(), signature.sha256());
      Optional<InstallResult> unchanged = AlreadyLive.check(root, request, expectedSha, history, clock, started, reporter);
      if (unchanged.isPresent()) {
        return unchanged.get(); // issue #24: the archive is already live; a note in history, nothing else
      }

      tracker.enter(Step.UNPACK, hook);
      staging = root.newStagingDir();
      reporter.step("verifying and unpacking " + request.archive().getFileName() + " into " + staging.getFileName());
      HostRuntime.PlatformProbe platform = HostRuntime.platformBeforeUnpack(request.node());
      SafeArchiveReader.Result unpacked = Unpacker.unpack(request.archive(), expectedSha, staging, reporter, platform);
      archiveSha = expectedSha;
      StateFiles.privateFolder(logsDir(staging)); // 0700 before a child writes a line there (issue #20)
      Manifest.Header manifest = unpacked.manifest();
      releaseId = ReleaseId.next(clock.instant(), manifest.buildId(), existingIds(root)).value();

      tracker.enter(Step.NODE, hook);
      reporter.step("checking node and npm");
      HostRuntime host = HostRuntime.check(manifest, request.node(), request.npm(), request.allowNodeMismatch(),
          platform.probed());
      ServiceUser.Decision appUser = ServiceUser.decide(root, request.appUser(), reporter);

      tracker.enter(Step.ENV, hook);
      reporter.step("checking environment variables");
      ReleaseEnvironment env = ReleaseEnvironment.prepare(root, request.envFile(), staging, unpacked.envManifest(), environment);
      redactor = Redactor.of(env.envFile(), env.childEnvironment());
      List<String> warnings = new ArrayList<>(env.warnings());
      warnings.forEach(reporter::warn);
      if (signature.unsignedAllowed()) {
        warnings.add("--allow-unsigned: the archive had no signature and was installed anyway (recorded as unsigned)");
      }
      if (appUser.rootAllowed()) {
        warnings.add("--allow-root-app: the archive's install scripts and server ran as root");
      }
      if (appUser.runAs().isPresent()) {
        ReleaseOwnership.forRuntime(staging, appUser.runAs().get());
      }

      tracker.enter(Step.NPM, hook);
      String npmDecision = Dependencies.install(root, staging, manifest, host, request.npmTimeout(), children, env.envFile(),
          environment, appUser.runAs(), reporter);
      String dependencies = InstallInfo.read(staging).map(InstallInfo::method).orElse(null);
      if (!manifest.links().isEmpty()) {
        reporter.step("linking " + manifest.links().size() + " package(s) the build requires by a hashed name under .next/node_modules");
        ReleaseLinks.createAndCheck(staging, manifest.links());
      }

      tracker.enter(Step.SMOKE, hook);
      warnings.addAll(SmokeCheck.run(staging, manifest, host, env, request.healthPaths(), request.smokeTimeout(),
          children, OrphanSweep.ownerEnvironment(root), appUser.runAs(), reporter));

      tracker.enter(Step.SWITCH, hook);
      KeptLogs.redact(logsDir(staging), redactor); // the logs the release keeps, before it is one
      Path release = root.releaseDir(releaseId);
      Files.move(staging, release);
      staging = null;
      Optional<String> previous = CurrentLink.liveReleaseId(root);
      new ReleaseMarks(root).recordInstalled(releaseId, clock.instant(), archiveSha, signature.recorded());
      CurrentLink.switchTo(root, releaseId);
      switchedFrom = previous;
      reporter.step("switched current to " + releaseId + previous.map(p -> " (was " + p + ")").orElse(""));

      tracker.enter(Step.RESTART, hook);
      new GoLive(root, reporter, request.restartCommand(), request.liveUrls(), request.liveTimeout())
          .confirmOrRollBack(releaseId, previous, tracker, hook);

      List<String> removed = removeOldReleases(root, request.keep(), releaseId, tracker, warnings);
      if (!removed.isEmpty()) {
        reporter.step("removed old releases: " + String.join(", ", removed));
      }
      long duration = Duration.between(started, clock.instant()).toMillis();
      AfterGoLive.recordSuccess(history, new HistoryEntry(clock.instant().toString(), HistoryEntry.INSTALL, archiveSha,
          releaseId, previous.orElse(null), HistoryEntry.OK, null, appUser.rootAllowed() ? ServiceUser.ROOT_NOTE : null,
          duration, signature.recorded(), dependencies), reporter).ifPresent(warnings::add);
      return new InstallResult(
          releaseId, previous.orElse(null), manifest.app().name(), manifest.app().version(), archiveSha, npmDecision,
          dependencies, warnings, removed, duration, signature.recorded());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      SlipwayException aborted = truthful(Abort.interrupted(), releaseId, switchedFrom);
      recordFailure(history, started, archiveSha, releaseId, tracker, aborted);
      throw aborted;
    } catch (SlipwayException e) {
      SlipwayException reported = redactor.apply(truthful(e, releaseId, switchedFrom));
      recordFailure(history, started, archiveSha, releaseId, tracker, reported);
      throw FailedLogs.keep(root, staging, releaseId, reported, redactor);
    } catch (IOException | RuntimeException e) {
      if (switchedFrom == null) {
        // Nothing changed, but the attempt still gets its history line (docs/RELIABILITY.md, issue
        // #20): a signal during unpack surfaces here as ClosedByInterruptException, and an I/O
        // error before the switch as itself. The CLI reports the exception as before.
        recordFailure(history, started, archiveSha, releaseId, tracker,
            Abort.bySignal(e) ? Abort.interrupted() : FailureText.asFailure(e));
        throw e;
      }
      // After the switch, what the operator must hear first is that current changed: a signal may
      // surface as any I/O error of an interruptible channel (InstallSignalIT sends one there), and any
      // other failure there (a full disk, a bug) said nothing of the new release being live.
      SlipwayException reported = Thread.currentThread().isInterrupted()
          ? truthful(Abort.interrupted(), releaseId, switchedFrom)
          : redactor.apply(failedAfterSwitch(e, releaseId, switchedFrom));
      recordFailure(history, started, archiveSha, releaseId, tracker, reported);
      throw reported;
    } finally {
      if (staging != null) {
        Staging.remove(staging);
      }
    }
  }

  /**
   * Retention, after the new release went live and answered ({@link AfterGoLive}): an old release
   * that cannot be deleted is a warning, and the next install tries again. It used to fail the
   * whole install, with no history line and the new release live. An interrupt still aborts.
   */
  private List<String> removeOldReleases(
      ReleaseRoot root, int keep, String releaseId, StepTracker tracker, List<String> warnings) throws IOException {
    try {
      tracker.enter(Step.RETENTION, hook);
      return Retention.prune(root, keep, Set.of(releaseId));
    } catch (IOException | UncheckedIOException e) {
      if (Thread.currentThread().isInterrupted()) {
        throw e; // the abort path (truthful)
      }
      warnings.add(AfterGoLive.warn(reporter, e, "old releases could not be removed (the next install tries again)"));
      return List.of();
    }
  }

  /**
   * An abort after the switch must not claim that current is unchanged (found by the reliability
   * suite): it says where current points and what did not run.
   */
  private static SlipwayException truthful(SlipwayException e, String releaseId, Optional<String> switchedFrom) {
    boolean interrupted = e.kind() == FailureKind.INTERRUPTED_INT || e.kind() == FailureKind.INTERRUPTED_TERM;
    if (!interrupted || switchedFrom == null) {
      return e;
    }
    return new SlipwayException(e.kind(), "ABORTED_AFTER_SWITCH",
        "interrupted after the switch: current now points to " + releaseId
            + switchedFrom.map(p -> " (was " + p + ")").orElse("")
            + "; the restart command, live check or retention did not complete",
        null, "run the restart command yourself, or `installer rollback --root ROOT` to go back");
  }

  /** An unexpected failure once current points to the new release: reported as it is, saying so. */
  private static SlipwayException failedAfterSwitch(Exception e, String releaseId, Optional<String> switchedFrom) {
    SlipwayException failure = FailureText.asFailure(e);
    SlipwayException reported = new SlipwayException(failure.kind(), failure.causeCode(),
        failure.getMessage() + "; this happened after the switch: current now points to " + releaseId
            + switchedFrom.map(p -> " (was " + p + ")").orElse(""),
        failure.evidence(),
        failure.fix() + switchedFrom.map(p -> "; `installer rollback --root ROOT` goes back to " + p).orElse(""));
    reported.initCause(e);
    return reported;
  }

  private void recordFailure(
      History history, Instant started, String archiveSha, String releaseId, StepTracker tracker, SlipwayException e) {
    if (e.kind() == FailureKind.LOCKED) {
      // The lock holder owns history.jsonl right now; a refused second installer leaves it alone.
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
      history.append(new HistoryEntry(
          clock.instant().toString(), HistoryEntry.INSTALL, archiveSha, releaseId, null, result,
          tracker.current().label(), e.causeCode(), Duration.between(started, clock.instant()).toMillis()));
    } catch (IOException | RuntimeException ignored) {
      // The refusal itself is what the user must see; a history line we cannot write must not hide it.
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static Set<String> existingIds(ReleaseRoot root) throws IOException {
    try (var list = Files.list(root.releasesDir())) {
      return list.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toSet());
    }
  }

  public static Path logsDir(Path release) {
    return release.resolve(ArchiveLayout.LOGS_DIR);
  }
}
