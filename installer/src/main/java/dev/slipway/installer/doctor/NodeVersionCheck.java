package dev.slipway.installer.doctor;

import dev.slipway.format.Manifest;
import dev.slipway.format.SlipwayException;
import dev.slipway.installer.preflight.NodePreflight;
import dev.slipway.installer.preflight.NodeRuntime;
import dev.slipway.installer.steps.PlatformCheck;

/**
 * {@code node}: the Node.js on this host (on PATH, or {@code --node}) against the release's
 * {@code engines.node} and the major version it was built with, exactly as install and rollback
 * check it (step 1 of the guide: "Verify the Node.js version used in production"). The major
 * check is never waived here: the doctor reports what install would refuse. A release that
 * shipped its node_modules (issue #18) must also match this host's OS, CPU, C library and, with
 * native addons, Node ABI ({@link PlatformCheck}).
 */
final class NodeVersionCheck implements Check {
  static final String NAME = "node";

  private final String node;

  NodeVersionCheck(String node) {
    this.node = node;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public CheckResult run(LiveRelease release) throws InterruptedException {
    NodeRuntime host;
    try {
      host = NodeRuntime.probe(node);
    } catch (SlipwayException e) {
      return failure(e);
    }
    if (release.manifestProblem().isPresent()) {
      return CheckResult.fail(NAME,
          "Node.js " + host.version() + " on this host; the release's " + release.manifestProblem().get(),
          Doctor.REINSTALL);
    }
    if (release.manifest().isEmpty()) {
      return CheckResult.warn(NAME,
          "Node.js " + host.version() + " on this host; the release has no manifest (adopted from a manual deploy?),"
              + " so there is no build version to compare it with",
          "install releases with installer install: their manifest records the Node.js they were built with");
    }
    Manifest manifest = release.manifest().get();
    String engines = manifest.enginesNode();
    String built = manifest.builtWith().node();
    try {
      NodePreflight.check(host, engines, built, false);
      // A release that shipped its node_modules (issue #18): what a rollback to it would refuse.
      PlatformCheck.check(manifest.header(), host, "the live release was installed on another host or before node changed");
    } catch (SlipwayException e) {
      return failure(e);
    }
    String range = engines == null || engines.isBlank() ? "no engines.node" : "satisfies engines.node \"" + engines + "\"";
    return CheckResult.ok(NAME, "v" + host.version() + " " + range + " and has the build's major (built with "
        + (built.startsWith("v") ? built : "v" + built) + ")");
  }

  private static CheckResult failure(SlipwayException e) {
    return CheckResult.fail(NAME, e.getMessage(), e.fix()).withEvidence(e.evidence());
  }
}
