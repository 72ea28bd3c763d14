package dev.slipway.installer.deps;

import dev.slipway.format.Manifest;
import dev.slipway.format.Reporter;
import dev.slipway.installer.diagnosis.FailureDiagnosis;
import dev.slipway.installer.layout.CurrentLink;
import dev.slipway.installer.layout.FileTrees;
import dev.slipway.installer.layout.ReleaseRoot;
import dev.slipway.installer.process.NpmCi;
import dev.slipway.process.RunAs;
import dev.slipway.installer.smoke.OrphanSweep;
import dev.slipway.installer.steps.NpmrcEnvironment;
import dev.slipway.installer.steps.ShippedModules;
import dev.slipway.installer.steps.StagedRelease;
import dev.slipway.installer.user.ReleaseOwnership;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Step 6: the release's production dependencies: reused from the live release when that is safe
 * (see {@link DependencyReuse}), otherwise {@code npm ci --omit=dev} with the cache in ROOT/shared.
 * The decision is printed and recorded in .deploy/install.json. npm gets the operator's {@code
 * npm_config_*} and the variables the release's .npmrc references ({@link NpmrcEnvironment}).
 */
public final class Dependencies {
  private Dependencies() {}

  /** @return the decision, as printed */
  public static String install(StagedRelease staged, Duration timeout) throws IOException, InterruptedException {
    ReleaseRoot root = staged.root();
    Path release = staged.dir();
    Manifest.Header manifest = staged.manifest();
    HostRuntime host = staged.host();
    Optional<RunAs> runAs = staged.runAs();
    Reporter reporter = staged.reporter();
    if (manifest.shipsDependencies()) {
      return shipped(release, manifest, host, runAs, reporter);
    }
    InstallInfo wanted = DependencyReuse.wanted(
        manifest.lockfile().sha256(), release.resolve(manifest.lockfile().name()), release.resolve("package.json"),
        host.runtime());
    Optional<String> live = CurrentLink.liveReleaseId(root);
    DependencyReuse.Decision decision =
        DependencyReuse.decide(wanted, live, live.map(root::releaseDir).orElse(root.releasesDir()));
    if (decision.source().isPresent()) {
      reporter.step("dependencies: reusing node_modules (" + decision.reason() + ")");
      try {
        long files = DependencyReuse.linkTree(decision.source().get().resolve("node_modules"), release.resolve("node_modules"));
        String method = "reused from " + live.get();
        withMethod(wanted, method).write(release);
        return method + " (" + files + " files hard-linked; " + decision.reason() + ")";
      } catch (IOException e) {
        reporter.warn("reusing node_modules failed (" + e.getMessage() + "); running npm ci instead");
        FileTrees.deleteRecursively(release.resolve("node_modules"));
      }
    }
    reporter.step("dependencies: npm ci --omit=dev (" + decision.reason() + "; log: .deploy/logs/npm-ci.log)");
    try {
      Map<String, String> npmEnv = new TreeMap<>(npmConfig(staged.environment()));
      npmEnv.putAll(NpmrcEnvironment.forNpm(release, staged.env().envFile(), staged.environment()));
      npmEnv.putAll(OrphanSweep.ownerEnvironment(root));
      if (runAs.isPresent()) {
        ReleaseOwnership.prepareShared(runAs.get(), root.npmCacheDir());
        ReleaseOwnership.openForNpm(release, runAs.get());
      }
      try {
        new NpmCi(host.npm(), root.npmCacheDir(), timeout, staged.children(), runAs).run(release, npmEnv);
      } finally {
        if (runAs.isPresent()) {
          ReleaseOwnership.sealAfterNpm(release);
        }
      }
    } catch (dev.slipway.format.SlipwayException e) {
      throw e.kind() == dev.slipway.format.FailureKind.NPM_FAILED
          ? new FailureDiagnosis().npm(e, release, manifest, host)
          : e;
    }
    wanted.write(release);
    return "npm ci --omit=dev (" + decision.reason() + ")";
  }

  /**
   * A release that brought its node_modules (issue #18): no npm ci, no registry, no npm cache or
   * .npmrc variables; the tree is checked against the manifest and sealed like one npm ci wrote
   * (root's, nobody else may write it, issue #20), whatever the umask was while unpacking.
   */
  private static String shipped(Path release, Manifest.Header manifest, HostRuntime host, Optional<RunAs> runAs,
      Reporter reporter) throws IOException {
    String source = manifest.dependencies().source();
    reporter.step("dependencies: shipped in the archive (" + source + "), checking node_modules against the manifest; no npm ci");
    if (runAs.isPresent()) {
      ReleaseOwnership.sealAfterNpm(release);
    }
    ShippedModules.Scan scan = ShippedModules.check(release);
    String method = InstallInfo.SHIPPED + " (" + source + ")";
    withMethod(DependencyReuse.wanted(manifest.lockfile().sha256(), release.resolve("package.json"), host.runtime(), false),
        method).write(release);
    return method + ": " + scan.files() + " files under node_modules match the manifest; npm ci not run";
  }

  private static InstallInfo withMethod(InstallInfo info, String method) {
    return new InstallInfo(info.lockfileSha256(), info.dependenciesSha256(), info.nodeVersion(), info.nodeAbi(), info.platform(), info.arch(),
        info.installScripts(), method);
  }

  /** The operator's npm settings (registry mirror, proxy, token): npm reads npm_config_* like .npmrc. */
  static Map<String, String> npmConfig(Map<String, String> environment) {
    Map<String, String> config = new TreeMap<>();
    environment.forEach((name, value) -> {
      if (name.toLowerCase(Locale.ROOT).startsWith("npm_config_")) {
        config.put(name, value);
      }
    });
    return config;
  }
}
