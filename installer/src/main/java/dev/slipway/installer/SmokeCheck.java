package dev.slipway.installer;

import dev.slipway.format.Manifest;
import dev.slipway.installer.process.ChildRegistry;
import dev.slipway.installer.process.SmokeResult;
import dev.slipway.installer.process.SmokeSpec;
import dev.slipway.installer.process.SmokeStart;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Step 7: start the release the way production will (the entry the web.config names, or the start
 * script) on a free loopback port and require an HTTP answer from every health path. Only HTTP
 * answers count: Next prints "Ready" before it has loaded its config.
 */
final class SmokeCheck {
  static final String LOG = ".deploy/logs/smoke.log";

  private SmokeCheck() {}

  static void run(
      Path release, Manifest.Header manifest, HostRuntime host, ReleaseEnvironment env, List<String> healthPaths,
      Duration timeout, ChildRegistry children, Map<String, String> owner) throws InterruptedException {
    List<String> command = manifest.start().command(host.node(), host.npm());
    Map<String, String> childEnv = new TreeMap<>(env.childEnvironment());
    childEnv.putAll(owner);
    SmokeResult result =
        SmokeStart.run(new SmokeSpec(release, command, childEnv, healthPaths, timeout, release.resolve(LOG), children));
    if (!result.ok()) {
      throw new FailureDiagnosis().smoke(result, release, manifest, host);
    }
  }
}
