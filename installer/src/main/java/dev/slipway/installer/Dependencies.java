package dev.slipway.installer;

import dev.slipway.format.Manifest;
import dev.slipway.format.Reporter;
import dev.slipway.installer.layout.ReleaseRoot;
import dev.slipway.installer.process.ChildRegistry;
import dev.slipway.installer.process.NpmCi;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** Step 6: the release's production dependencies, from its lockfile, with a cache under ROOT/shared. */
final class Dependencies {
  private Dependencies() {}

  /** The operator's npm settings (registry mirror, proxy, token): npm reads npm_config_* like .npmrc. */
  static Map<String, String> npmConfig(Map<String, String> environment) {
    Map<String, String> config = new java.util.TreeMap<>();
    environment.forEach((name, value) -> {
      if (name.toLowerCase(java.util.Locale.ROOT).startsWith("npm_config_")) {
        config.put(name, value);
      }
    });
    return config;
  }

  /** @return the decision, as printed ("npm ci --omit=dev") */
  static String install(
      ReleaseRoot root, Path release, Manifest manifest, HostRuntime host, Duration timeout, ChildRegistry children,
      Map<String, String> environment, Reporter reporter) throws InterruptedException {
    reporter.step("npm ci --omit=dev (log: .deploy/logs/npm-ci.log)");
    new NpmCi(host.npm(), root.npmCacheDir(), timeout, children).run(release, npmConfig(environment));
    return "npm ci --omit=dev";
  }
}
