package dev.slipway.installer.deps;

import dev.slipway.format.Manifest;
import dev.slipway.format.SafeArchiveReader;
import dev.slipway.installer.preflight.NodePreflight;
import dev.slipway.installer.preflight.NodeRuntime;
import dev.slipway.installer.preflight.NpmRuntime;
import dev.slipway.installer.release.Abort;
import dev.slipway.installer.steps.PlatformCheck;
import java.util.Optional;

/**
 * Step 4, and re-checked by rollback: the node on this host must satisfy the release's
 * engines.node and have the build's major version (native modules and Next's own checks depend
 * on it); npm must run, unless the release ships its dependencies and starts with node (issue #18:
 * a server without the registry may have no npm either).
 */
public record HostRuntime(String node, String npm, NodeRuntime runtime) {
  /** @param probed the same node's answer, when the install asked it already ({@link NodeProbe}) */
  public static HostRuntime check(Manifest.Header manifest, String node, String npm, boolean allowMajorMismatch,
      Optional<NodeRuntime> probed) throws InterruptedException {
    NodeRuntime runtime = probed.isPresent() ? probed.get() : NodeRuntime.probe(node);
    if (!manifest.shipsDependencies() || manifest.start().npmScript() != null) {
      NpmRuntime.probe(npm);
    }
    NodePreflight.check(runtime, manifest.enginesNode(), manifest.builtWith().node(), allowMajorMismatch);
    return new HostRuntime(node, npm, runtime);
  }

  /**
   * Rollback needs no npm: the release already holds its dependencies. One that shipped them
   * (issue #18) must still match this host's platform: node may have been upgraded since.
   */
  public static NodeRuntime checkNode(Manifest.Header manifest, String node) throws InterruptedException {
    NodeRuntime runtime = NodeRuntime.probe(node);
    NodePreflight.check(runtime, manifest.enginesNode(), manifest.builtWith().node(), false);
    PlatformCheck.check(manifest, runtime, "current was not switched");
    return runtime;
  }

  /**
   * The platform check of a release that ships its dependencies (issue #18), run by the archive
   * reader once the manifest (the archive's first entry) is parsed and before any file of the
   * release is written. A release npm ci installs does not wait for node here; for one that ships
   * its dependencies, the answer of {@code node}, asked since the install took the lock, is awaited.
   */
  public static PlatformProbe platformBeforeUnpack(NodeProbe node) {
    return new PlatformProbe(node);
  }

  public static final class PlatformProbe implements SafeArchiveReader.HeaderCheck {
    private final NodeProbe node;

    private PlatformProbe(NodeProbe node) {
      this.node = node;
    }

    @Override
    public void check(Manifest.Header header) {
      if (!header.shipsDependencies()) {
        return;
      }
      try {
        PlatformCheck.check(header, node.join(), "nothing was unpacked");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw Abort.interrupted();
      }
    }
  }
}
