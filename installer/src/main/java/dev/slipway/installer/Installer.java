package dev.slipway.installer;

import dev.slipway.format.Manifest;
import dev.slipway.format.Reporter;
import dev.slipway.format.SafeArchiveReader;
import dev.slipway.installer.archive.ArchiveChecksum;
import dev.slipway.installer.archive.Unpacker;
import dev.slipway.installer.deps.Dependencies;
import dev.slipway.installer.deps.HostRuntime;
import dev.slipway.installer.deps.InstallInfo;
import dev.slipway.installer.deps.NodeProbe;
import dev.slipway.installer.env.Redactor;
import dev.slipway.installer.env.ReleaseEnvironment;
import dev.slipway.installer.layout.CurrentLink;
import dev.slipway.installer.layout.History;
import dev.slipway.installer.layout.ReleaseId;
import dev.slipway.installer.layout.ReleaseMarks;
import dev.slipway.installer.layout.ReleaseRoot;
import dev.slipway.installer.layout.Retention;
import dev.slipway.installer.layout.StateFiles;
import dev.slipway.installer.platform.HostPlatform;
import dev.slipway.installer.platform.PlatformRun;
import dev.slipway.installer.process.ChildRegistry;
import dev.slipway.installer.release.AfterGoLive;
import dev.slipway.installer.release.AlreadyLive;
import dev.slipway.installer.release.Attempt;
import dev.slipway.installer.release.KeptLogs;
import dev.slipway.installer.release.LeftoverCleanup;
import dev.slipway.installer.release.ReleaseSteps.Target;
import dev.slipway.installer.release.ReleaseSteps;
import dev.slipway.installer.release.ReleaseTransaction;
import dev.slipway.installer.release.Switchover;
import dev.slipway.installer.release.Step;
import dev.slipway.installer.signing.ArchiveSignatureCheck;
import dev.slipway.installer.signing.SignaturePolicy;
import dev.slipway.installer.signing.SignatureVerdict;
import dev.slipway.installer.signing.TrustedKeys;
import dev.slipway.installer.smoke.SmokeCheck;
import dev.slipway.installer.steps.ReleaseLinks;
import dev.slipway.installer.steps.StagedRelease;
import dev.slipway.installer.switchover.Switchovers;
import dev.slipway.installer.user.ReleaseOwnership;
import dev.slipway.installer.user.ServiceUser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The engine of {@code installer install} (issue #3): lock, verify, unpack, preflight Node, check
 * env, npm ci and Turbopack's links (issue #16), smoke-start, switch, restart and live-check,
 * retention, history. A failure at any step before the switch leaves {@code current} and every
 * release as they were and removes the staging folder; after the switch, a failed restart or live
 * check switches back (issue #4). The lock, the switch, the go-live, history and what a failure is
 * reported as belong to the {@link ReleaseTransaction}; this class brings the steps before the
 * switch and retention after it.
 */
public final class Installer {
  private final Reporter reporter;
  private final Map<String, String> environment;
  private final Clock clock;
  private final StepHook hook;
  private final HostPlatform hostPlatform;

  public Installer(Reporter reporter, Map<String, String> environment, Clock clock, StepHook hook) {
    this(reporter, environment, clock, hook, HostPlatform.ofThisHost(Optional.empty(), environment));
  }

  private Installer(Reporter reporter, Map<String, String> environment, Clock clock, StepHook hook, HostPlatform platform) {
    this.reporter = reporter;
    this.environment = Map.copyOf(environment);
    this.clock = clock;
    this.hook = hook;
    this.hostPlatform = platform;
  }

  /** This installer on {@code platform}: Windows, {@code --iis-site} (issue #25). */
  public Installer on(HostPlatform host) {
    return new Installer(reporter, environment, clock, hook, host);
  }

  public InstallResult install(InstallRequest request) throws IOException {
    return install(request, SignaturePolicy.DEFAULT);
  }

  /** Installs with the operator's trusted keys and {@code --allow-unsigned} (issue #22). */
  public InstallResult install(InstallRequest request, SignaturePolicy signing) throws IOException {
    Instant started = clock.instant();
    ReleaseRoot root = ReleaseRoot.open(request.root(), true);
    PlatformRun host = hostPlatform.begin();
    // Blue/green behind nginx when the root is configured for it (issue #21), else the platform's
    // own way: current and the restart command, or the IIS site (issue #25).
    Switchover switchover = Switchovers.forRoot(request.restartCommand(), host.switchover(request.restartCommand()),
        request.healthPaths(), reporter);
    Attempt attempt = Attempt.install(root, request.archive(), request.lockWait(), new Attempt.GoLiveSettings(
        switchover, request.liveUrls(), request.liveTimeout()));
    return new ReleaseTransaction(reporter, clock, hook).run(attempt, new Steps(request, signing, started, host, switchover));
  }

  /** The steps of one install, and what they learn on the way to its result. */
  private final class Steps implements ReleaseSteps<InstallResult> {
    private final InstallRequest request;
    private final SignaturePolicy signing;
    private final Instant started;
    private final PlatformRun host;
    private final Switchover switchover;
    private Path staging;
    private Manifest.Header manifest;
    private SignatureVerdict signature;
    private String archiveSha;
    private String releaseId;
    private String npmDecision;
    private String dependencies;
    private Redactor redactor = Redactor.NONE;
    private List<String> removed = List.of();

    Steps(InstallRequest request, SignaturePolicy signing, Instant started, PlatformRun host, Switchover switchover) {
      this.switchover = switchover;
      this.request = request;
      this.signing = signing;
      this.started = started;
      this.host = host;
    }

    /**
     * Node is asked in the background from here, under the lock, while the archive is checked and
     * opened (issue #18: install time); whatever ends the steps, {@link NodeProbe#close} leaves no
     * node running.
     */
    @Override
    public Target<InstallResult> beforeSwitch(Attempt attempt) throws IOException, InterruptedException {
      try (NodeProbe node = NodeProbe.start(request.node())) {
        return beforeSwitch(attempt, node);
      }
    }

    private Target<InstallResult> beforeSwitch(Attempt attempt, NodeProbe node) throws IOException, InterruptedException {
      ReleaseRoot root = attempt.root();
      ChildRegistry children = LeftoverCleanup.run(root, reporter);

      attempt.enter(Step.VERIFY);
      signature = ArchiveSignatureCheck.run(request.archive(),
          TrustedKeys.load(signing, Optional.of(root.sharedDir())), signing.allowUnsigned(), reporter);
      String expectedSha = ArchiveChecksum.expected(request.archive(), request.sha256(), signature.sha256());
      Optional<InstallResult> unchanged = AlreadyLive.check(root, request, expectedSha,
          new History(root.historyFile()), clock, started, reporter);
      if (unchanged.isPresent()) {
        return Target.unchanged(unchanged.get()); // issue #24: the archive is already live; a note in history, nothing else
      }

      attempt.enter(Step.UNPACK);
      staging = root.newStagingDir();
      attempt.staging(staging);
      host.beforeUnpack(request.archive(), root, staging, reporter); // Windows: IIS site, path lengths (#25)
      reporter.step("verifying and unpacking " + request.archive().getFileName() + " into " + staging.getFileName());
      HostRuntime.PlatformProbe platform = HostRuntime.platformBeforeUnpack(node);
      SafeArchiveReader.Result unpacked = Unpacker.unpack(request.archive(), expectedSha, staging, reporter, platform);
      archiveSha = expectedSha;
      attempt.archiveSha(archiveSha);
      StateFiles.privateFolder(KeptLogs.dirOf(staging)); // 0700 before a child writes a line there (issue #20)
      manifest = unpacked.manifest();
      host.afterUnpack(staging, manifest.start(), request.node(), reporter); // Windows: --node in web.config
      releaseId = ReleaseId.next(clock.instant(), manifest.buildId(), existingIds(root)).value();
      attempt.releaseId(releaseId);

      attempt.enter(Step.NODE);
      reporter.step("checking node and npm");
      HostRuntime host = HostRuntime.check(manifest, request.node(), request.npm(), request.allowNodeMismatch(),
          Optional.of(node.join())); // asked once: the platform check before unpacking may have waited for it already
      ServiceUser.Decision appUser = ServiceUser.decide(root, request.appUser(), reporter);

      attempt.enter(Step.ENV);
      reporter.step("checking environment variables");
      ReleaseEnvironment env = ReleaseEnvironment.prepare(root, request.envFile(), staging, unpacked.envManifest(), environment);
      redactor = Redactor.of(env.envFile(), env.childEnvironment());
      attempt.redactor(redactor);
      List<String> warnings = attempt.warnings();
      warnings.addAll(env.warnings());
      env.warnings().forEach(reporter::warn);
      if (signature.unsignedAllowed()) {
        warnings.add("--allow-unsigned: the archive had no signature and was installed anyway (recorded as unsigned)");
      }
      if (appUser.rootAllowed()) {
        warnings.add("--allow-root-app: the archive's install scripts and server ran as root");
      }
      if (appUser.runAs().isPresent()) {
        ReleaseOwnership.forRuntime(staging, appUser.runAs().get());
      }

      attempt.enter(Step.NPM);
      StagedRelease staged = new StagedRelease(root, staging, manifest, host, env, environment, children, appUser.runAs(),
          reporter);
      npmDecision = Dependencies.install(staged, request.npmTimeout());
      dependencies = InstallInfo.read(staging).map(InstallInfo::method).orElse(null);
      if (!manifest.links().isEmpty()) {
        reporter.step("linking " + manifest.links().size() + " package(s) the build requires by a hashed name under .next/node_modules");
        ReleaseLinks.createAndCheck(staging, manifest.links());
      }

      attempt.enter(Step.SMOKE);
      warnings.addAll(SmokeCheck.run(staged, request.healthPaths(), request.smokeTimeout()));
      attempt.succeededWith(appUser.rootAllowed() ? ServiceUser.ROOT_NOTE : null, signature.recorded(), dependencies);
      return Target.switchTo(releaseId, Optional.empty()); // the release live before it: see promote
    }

    /**
     * The logs the release keeps are redacted, staging becomes releases/&lt;id&gt;, recorded as
     * installed; then the release live until now is read, in the switch step as it always was.
     */
    @Override
    public Target<InstallResult> promote(Attempt attempt, Target<InstallResult> target) throws IOException {
      KeptLogs.redact(KeptLogs.dirOf(staging), redactor); // the logs the release keeps, before it is one
      Files.move(staging, attempt.root().releaseDir(releaseId));
      attempt.staging(null);
      Optional<String> previous = CurrentLink.liveReleaseId(attempt.root());
      new ReleaseMarks(attempt.root()).recordInstalled(releaseId, clock.instant(), archiveSha, signature.recorded());
      return Target.switchTo(releaseId, previous);
    }

    /**
     * Retention, after the new release went live and answered ({@link AfterGoLive}): an old release
     * that cannot be deleted is a warning, and the next install tries again. It used to fail the
     * whole install, with no history line and the new release live. An interrupt still aborts.
     */
    @Override
    public void afterGoLive(Attempt attempt) throws IOException {
      try {
        attempt.enter(Step.RETENTION);
        removed = Retention.prune(attempt.root(), request.keep(), Set.of(releaseId), host.inUse());
      } catch (IOException | UncheckedIOException e) {
        if (Thread.currentThread().isInterrupted()) {
          throw e; // the abort path (truthful)
        }
        attempt.warnings().add(AfterGoLive.warn(reporter, e, "old releases could not be removed (the next install tries again)"));
      }
      if (!removed.isEmpty()) {
        reporter.step("removed old releases: " + String.join(", ", removed));
      }
    }

    @Override
    public InstallResult result(Attempt attempt, Target<InstallResult> target, long durationMillis) {
      return new InstallResult(
          target.releaseId(), target.previous().orElse(null), manifest.app().name(), manifest.app().version(), archiveSha,
          npmDecision, dependencies, attempt.warnings(), removed, durationMillis, signature.recorded(),
          switchover.note().orElse(null));
    }
  }

  private static Set<String> existingIds(ReleaseRoot root) throws IOException {
    try (var list = Files.list(root.releasesDir())) {
      return list.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toSet());
    }
  }
}
