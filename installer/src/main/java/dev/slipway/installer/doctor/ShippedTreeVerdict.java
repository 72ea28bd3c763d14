package dev.slipway.installer.doctor;

import dev.slipway.installer.steps.ShippedModules;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The {@code dependencies} check's verdict on a release whose node_modules came with its archive
 * (issue #18): npm ls would call a standalone tree broken (Next copies only the files its traces
 * name, not whole packages), so the files are compared with the manifest's sizes and SHA-256
 * instead, and npm is not needed on the host.
 */
final class ShippedTreeVerdict {
  private ShippedTreeVerdict() {}

  static CheckResult of(Path release) throws IOException {
    ShippedModules.Scan scan = ShippedModules.scan(release, true);
    if (scan.complete()) {
      return CheckResult.ok(DependenciesCheck.NAME, "node_modules came with the archive (" + scan.source() + "): its "
          + scan.files() + " files match the manifest's SHA-256 (npm ls is not run: npm ci never ran for this release)");
    }
    int more = scan.problemCount() - 1;
    return CheckResult.fail(DependenciesCheck.NAME, "node_modules came with the archive (" + scan.source() + ") and no"
            + " longer matches the manifest: " + scan.problems().get(0) + (more > 0 ? " (and " + more + " more)" : ""),
        "install the archive again (it brings node_modules as built); never change node_modules of the live release")
        .withEvidence(scan.evidence());
  }
}
