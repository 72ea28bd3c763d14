package dev.slipway.packager;

import dev.slipway.format.FailureKind;
import dev.slipway.format.SlipwayException;
import dev.slipway.packager.analysis.LifecycleDevTools;
import dev.slipway.packager.analysis.PackageJson;
import java.nio.file.Path;
import java.util.List;

/**
 * Refuses a root lifecycle script that {@code npm ci --omit=dev} would fail on, on the server,
 * because it runs a devDependency's program (issue #16, item 6). The installer's own diagnosis
 * ({@code LIFECYCLE_TOOL_MISSING}) finds the same after npm ci failed; this finds it before.
 */
final class LifecycleScriptsCheck {
  private LifecycleScriptsCheck() {}

  static void check(PackageJson pkg, Path lockfile) {
    List<LifecycleDevTools.Finding> findings = LifecycleDevTools.find(pkg, lockfile);
    if (findings.isEmpty()) {
      return;
    }
    LifecycleDevTools.Finding first = findings.get(0);
    String script = pkg.scripts().get(first.script());
    String tolerant = first.wholeScript()
        ? "\"" + first.script() + "\": \"" + script.strip() + " || true\""
        : "append || true to the " + first.command() + " command in \"" + first.script() + "\"";
    throw new SlipwayException(
        FailureKind.CONFIG_DEV_DEPENDENCY, "LIFECYCLE_USES_DEV_TOOL",
        "package.json's \"" + first.script() + "\" script runs " + first.command() + ", which only the devDependency "
            + first.packageName() + " provides: npm ci --omit=dev runs the script on the server, without "
            + first.packageName() + ", and fails",
        "\"" + first.script() + "\": \"" + script + "\"",
        "make the script tolerate " + first.command() + "'s absence (" + tolerant + "), or move " + first.packageName()
            + " to \"dependencies\" (npm install --save-prod " + first.packageName() + ") if the server needs it");
  }
}
