package dev.slipway.installer;

import dev.slipway.format.Manifest;
import dev.slipway.installer.preflight.NodePreflight;
import dev.slipway.installer.preflight.NodeRuntime;
import dev.slipway.installer.preflight.NpmRuntime;

/**
 * Step 4, and re-checked by rollback: the node on this host must satisfy the release's
 * engines.node and have the build's major version (native modules and Next's own checks depend
 * on it); npm must run.
 */
record HostRuntime(String node, String npm, NodeRuntime runtime) {
  static HostRuntime check(Manifest.Header manifest, String node, String npm, boolean allowMajorMismatch)
      throws InterruptedException {
    NodeRuntime runtime = NodeRuntime.probe(node);
    NpmRuntime.probe(npm);
    NodePreflight.check(runtime, manifest.enginesNode(), manifest.builtWith().node(), allowMajorMismatch);
    return new HostRuntime(node, npm, runtime);
  }

  /** Rollback needs no npm: the release already holds its dependencies. */
  static NodeRuntime checkNode(Manifest.Header manifest, String node) throws InterruptedException {
    NodeRuntime runtime = NodeRuntime.probe(node);
    NodePreflight.check(runtime, manifest.enginesNode(), manifest.builtWith().node(), false);
    return runtime;
  }
}
