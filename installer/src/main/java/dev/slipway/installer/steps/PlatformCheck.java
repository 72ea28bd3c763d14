package dev.slipway.installer.steps;

import dev.slipway.format.FailureKind;
import dev.slipway.format.Manifest;
import dev.slipway.format.ShippedDependencies;
import dev.slipway.format.SlipwayException;
import dev.slipway.format.TerminalText;
import dev.slipway.installer.preflight.NodeRuntime;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether this host can run a release that ships its {@code node_modules/} (issue #18, item 3):
 * npm ci would have fetched the packages built for this host; a shipped tree holds the build
 * machine's. So the host's OS, CPU and C library must be the build's, and when the archive carries
 * native addons ({@code *.node}, e.g. sharp's) the Node ABI too: such an addon does not load under
 * another ABI. The installer runs this before it unpacks any file, and a rollback before it
 * switches to such a release (node may have been upgraded since it was installed).
 */
public final class PlatformCheck {
  public static final String CAUSE = "PLATFORM_MISMATCH";
  /** Addons named in the evidence; the rest are counted. */
  static final int SHOWN_ADDONS = 10;

  private PlatformCheck() {}

  /**
   * Does nothing for a release whose dependencies npm ci installs on this host.
   *
   * @param consequence what the refusal left alone, e.g. "nothing was unpacked"
   * @throws SlipwayException NODE_PREFLIGHT, {@value #CAUSE}, naming what differs
   */
  public static void check(Manifest.Header manifest, NodeRuntime host, String consequence) {
    ShippedDependencies shipped = manifest.dependencies();
    if (shipped == null) {
      return;
    }
    Manifest.BuiltWith built = manifest.builtWith();
    List<String> differences = new ArrayList<>();
    compare(differences, "OS", built.platform(), host.platform());
    compare(differences, "CPU", built.arch(), host.arch());
    compare(differences, "C library", shipped.libc(), host.libc());
    if (shipped.hasNativeAddons()) {
      compare(differences, "Node ABI", built.nodeAbi(), host.modulesAbi());
    }
    if (differences.isEmpty()) {
      return;
    }
    String kind = ShippedDependencies.STANDALONE.equals(shipped.source()) ? "standalone" : "bundled (--bundle-deps)";
    throw new SlipwayException(FailureKind.NODE_PREFLIGHT, CAUSE,
        "this host does not match the platform the release's " + kind + " node_modules was built for: "
            + String.join(", ", differences) + "; " + consequence,
        evidence(manifest, shipped, host),
        "build on the target's platform (" + host.platformTriple() + ", Node ABI " + host.modulesAbi()
            + "), or package without standalone/--bundle-deps so that npm ci installs the dependencies on this host");
  }

  /** Only what the manifest records: a build that did not say its CPU is not refused for it. */
  private static void compare(List<String> differences, String what, String built, String host) {
    if (built != null && !built.equals(host)) {
      differences.add(what + " " + TerminalText.escape(built) + " (build) vs " + host + " (this host)");
    }
  }

  private static String evidence(Manifest.Header manifest, ShippedDependencies shipped, NodeRuntime host) {
    Manifest.BuiltWith built = manifest.builtWith();
    StringBuilder text = new StringBuilder()
        .append("built on: ").append(escaped(built.platform())).append('-').append(escaped(built.arch())).append('-')
        .append(shipped.libc()).append(", Node.js ").append(TerminalText.escape(built.node()))
        .append(" (ABI ").append(escaped(built.nodeAbi())).append(")\n")
        .append("this host: ").append(host.platformTriple()).append(", Node.js ").append(host.version())
        .append(" (ABI ").append(host.modulesAbi()).append(")\n");
    List<String> addons = shipped.nativeAddons();
    if (addons.isEmpty()) {
      text.append("native addons: none (the OS, CPU and C library still decide which optional packages npm chose)");
    } else {
      text.append("native addons (").append(addons.size()).append("):");
      addons.stream().limit(SHOWN_ADDONS).forEach(addon -> text.append("\n  ").append(TerminalText.escape(addon)));
      if (addons.size() > SHOWN_ADDONS) {
        text.append("\n  (and ").append(addons.size() - SHOWN_ADDONS).append(" more)");
      }
    }
    return text.toString();
  }

  private static String escaped(String value) {
    return value == null ? "?" : TerminalText.escape(value);
  }
}
