package dev.slipway.installer.smoke;

import dev.slipway.format.Manifest;
import dev.slipway.format.Reporter;
import dev.slipway.installer.deps.HostRuntime;
import dev.slipway.installer.diagnosis.FailureDiagnosis;
import dev.slipway.installer.process.SmokeResult;
import dev.slipway.installer.process.SmokeSpec;
import dev.slipway.installer.process.SmokeStart;
import dev.slipway.installer.process.StrayProcesses;
import dev.slipway.installer.routes.RoutePlan;
import dev.slipway.installer.steps.StagedRelease;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Step 7: start the release the way production will (the entry the web.config names, or the start
 * script) on a free loopback port and require an HTTP answer from every health path, or by default
 * from every route the build lists (issue #16: a release with a broken route used to go live). Only
 * HTTP answers count: Next prints "Ready" before it has loaded its config.
 */
public final class SmokeCheck {
  static final String LOG = ".deploy/logs/smoke.log";
  private static final Duration STRAY_GRACE = Duration.ofSeconds(5);

  private SmokeCheck() {}

  /** @return the warnings, as printed */
  public static List<String> run(StagedRelease staged, List<String> healthPaths, Duration timeout)
      throws InterruptedException {
    Path release = staged.dir();
    Manifest.Header manifest = staged.manifest();
    HostRuntime host = staged.host();
    Reporter reporter = staged.reporter();
    RoutePlan plan = RoutePlan.of(release, healthPaths);
    plan.warning().ifPresent(reporter::warn);
    reporter.step("smoke-starting the release: checking " + plan.summary());
    List<String> command = manifest.start().command(host.node(), host.npm());
    Map<String, String> childEnv = new TreeMap<>(staged.env().childEnvironment());
    childEnv.putAll(OrphanSweep.ownerEnvironment(staged.root()));
    SmokeResult result;
    List<String> warnings = new ArrayList<>(plan.warning().stream().toList());
    try {
      result = SmokeStart.run(new SmokeSpec(release, command, childEnv, plan.probe(), timeout, release.resolve(LOG),
          staged.children(), staged.runAs()));
    } finally {
      stopStrays(release, reporter).ifPresent(warnings::add);
    }
    if (!result.ok()) {
      throw new FailureDiagnosis().smoke(result, release, manifest, host);
    }
    return warnings;
  }

  /**
   * What the release started and left running once its tree was stopped: a detached, double-forked
   * child with a cleared environment escapes the group, the descendants and the owner mark (issue
   * #20), but not its working folder in staging. See {@link StrayProcesses} for why a /proc scan.
   */
  static Optional<String> stopStrays(Path release, Reporter reporter) {
    List<String> stopped = StrayProcesses.stopAllInside(release, STRAY_GRACE);
    if (stopped.isEmpty()) {
      return Optional.empty();
    }
    String warning = "stopped " + stopped.size() + " process(es) the release left running after the smoke-start"
        + " (detached from its process tree): " + String.join(", ", stopped);
    reporter.warn(warning);
    return Optional.of(warning);
  }
}
