package dev.slipway.installer;

import dev.slipway.format.EnvManifest;
import dev.slipway.format.FailureKind;
import dev.slipway.format.Manifest;
import dev.slipway.format.Reporter;
import dev.slipway.format.SlipwayException;
import dev.slipway.installer.deps.HostRuntime;
import dev.slipway.installer.env.EnvCheck;
import dev.slipway.installer.env.EnvSource;
import dev.slipway.installer.env.ReleaseEnvironment;
import dev.slipway.installer.layout.ReleaseCatalog;
import dev.slipway.installer.layout.ReleaseRoot;
import dev.slipway.installer.platform.HostPlatform;
import dev.slipway.installer.platform.PlatformRun;
import dev.slipway.process.RunAs;
import dev.slipway.installer.release.Abort;
import dev.slipway.installer.release.Attempt;
import dev.slipway.installer.release.ReleaseSteps.Target;
import dev.slipway.installer.release.ReleaseSteps;
import dev.slipway.installer.release.ReleaseTransaction;
import dev.slipway.installer.release.Step;
import dev.slipway.installer.release.Switchover;
import dev.slipway.installer.status.ReleaseManifests;
import dev.slipway.installer.switchover.Switchovers;
import dev.slipway.installer.user.ReleaseOwnership;
import dev.slipway.installer.user.ServiceUser;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
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
  private final StepHook hook;
  private final HostPlatform hostPlatform;

  public Rollback(Reporter reporter, Map<String, String> environment, Clock clock) {
    this(reporter, environment, clock, StepHook.NONE);
  }

  /** With a step hook, as install takes one: the tests of issue #19 fail a rollback after its switch. */
  public Rollback(Reporter reporter, Map<String, String> environment, Clock clock, StepHook hook) {
    this(reporter, environment, clock, hook, HostPlatform.ofThisHost(Optional.empty(), environment));
  }

  private Rollback(Reporter reporter, Map<String, String> environment, Clock clock, StepHook hook, HostPlatform platform) {
    this.reporter = reporter;
    this.environment = Map.copyOf(environment);
    this.clock = clock;
    this.hook = hook;
    this.hostPlatform = platform;
  }

  /** This rollback on {@code platform}: Windows, {@code --iis-site} (issue #25). */
  public Rollback on(HostPlatform host) {
    return new Rollback(reporter, environment, clock, hook, host);
  }

  public RollbackResult rollback(RollbackRequest request) throws IOException {
    // create=true runs the write probe: a read-only root is refused clearly, not with a raw error.
    ReleaseRoot root = ReleaseRoot.open(request.root(), true);
    PlatformRun host = hostPlatform.begin();
    // Blue/green behind nginx when the root is configured for it (issue #21), else the platform's
    // own way (issue #25); the target instance must answer every route of its build.
    Switchover switchover = Switchovers.forRoot(request.restartCommand(), host.switchover(request.restartCommand()),
        List.of(), reporter);
    Attempt attempt = Attempt.rollback(root, request.lockWait(), new Attempt.GoLiveSettings(
        switchover, request.liveUrls(), request.liveTimeout()));
    return new ReleaseTransaction(reporter, clock, hook).run(attempt, new Steps(request, host, switchover));
  }

  /** The steps of one rollback: pick the target, re-check what may have drifted since its install. */
  private final class Steps implements ReleaseSteps<RollbackResult> {
    private final RollbackRequest request;
    private final PlatformRun host;
    private final Switchover switchover;
    private Optional<Manifest.Header> targetManifest;
    private Optional<Manifest.Header> fromManifest;
    private EnvSource env;

    Steps(RollbackRequest request, PlatformRun host, Switchover switchover) {
      this.request = request;
      this.host = host;
      this.switchover = switchover;
    }

    @Override
    public Target<RollbackResult> beforeSwitch(Attempt attempt) throws IOException, InterruptedException {
      ReleaseRoot root = attempt.root();
      ReleaseCatalog catalog = ReleaseCatalog.scan(root);
      String from = catalog.liveReleaseId().orElseThrow(() -> nothing(root, "no release is live (current is missing)"));
      attempt.from(from);
      String to = request.to().isPresent() ? checkNamedTarget(catalog, request.to().get(), from, request.force())
          : catalog.rollbackTarget().orElseThrow(() -> nothing(root, "there is no good release older than the live one"));
      attempt.releaseId(to);
      host.beforeSwitch(root, reporter); // --iis-site: the site exists (issue #25)
      Path target = root.releaseDir(to);
      targetManifest = ReleaseManifests.headerIfPresent(target);
      fromManifest = ReleaseManifests.headerIfPresent(root.releaseDir(from));
      if (targetManifest.isEmpty() && !request.force()) {
        throw new SlipwayException(FailureKind.NOTHING_TO_ROLL_BACK, "NO_MANIFEST",
            to + " was adopted from a manual deploy and has no manifest to check node and env against", null,
            "pass --force to switch to it anyway");
      }

      attempt.enter(Step.NODE);
      if (!request.force()) {
        reporter.step("re-checking node for " + to);
        HostRuntime.checkNode(targetManifest.get(), request.node());
      }
      attempt.enter(Step.ENV);
      env = refreshEnv(root, request, target, ReleaseManifests.envManifest(target));
      return Target.switchTo(to, Optional.of(from));
    }

    @Override
    public RollbackResult result(Attempt attempt, Target<RollbackResult> target, long durationMillis) {
      return new RollbackResult(target.previous().orElseThrow(), versionOf(fromManifest), target.releaseId(),
          versionOf(targetManifest), env.file().map(Path::toString).orElse(null), durationMillis,
          switchover.note().orElse(null));
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

  private static String versionOf(Optional<Manifest.Header> manifest) {
    return manifest.map(m -> m.app().version()).orElse("unknown");
  }

  private static SlipwayException nothing(ReleaseRoot root, String why) {
    return new SlipwayException(FailureKind.NOTHING_TO_ROLL_BACK, "NOTHING_TO_ROLL_BACK",
        "nothing to roll back to in " + root.path() + ": " + why, null,
        "`installer list --root " + root.path() + "` shows the releases; install a good archive instead");
  }
}
