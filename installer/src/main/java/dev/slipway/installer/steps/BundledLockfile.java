package dev.slipway.installer.steps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.format.Json;
import dev.slipway.format.TerminalText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What a bundled release's lockfile says {@code npm ci --omit=dev} would have installed (issue #18,
 * item 4): {@code packager package --bundle-deps} ships the result of that npm ci, so every
 * production package of the lockfile must be in the release's {@code node_modules/}. Optional
 * packages are left out (npm skips those of other platforms, like sharp's prebuilt binaries), and
 * so are dev ones. A lockfile without a {@code packages} map (lockfile version 1) cannot tell, and
 * names nothing.
 */
final class BundledLockfile {
  private BundledLockfile() {}

  /** {@code node_modules/<name>} of each production package that is not a folder of the release. */
  static List<String> missingPackages(Path release, String lockfileName) throws IOException {
    Path lockfile = release.resolve(lockfileName);
    List<String> missing = new ArrayList<>();
    if (!Files.isRegularFile(lockfile, LinkOption.NOFOLLOW_LINKS)) {
      missing.add(TerminalText.escape(lockfileName) + " (the manifest's lockfile, which a bundled release ships)");
      return missing;
    }
    JsonNode packages = Json.mapper().readTree(lockfile.toFile()).path("packages");
    for (Iterator<Map.Entry<String, JsonNode>> it = packages.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String path = entry.getKey();
      JsonNode pkg = entry.getValue();
      if (!path.startsWith(ShippedModules.PREFIX) || path.contains("..") || notInstalledForProduction(pkg)) {
        continue;
      }
      if (!Files.isDirectory(release.resolve(path), LinkOption.NOFOLLOW_LINKS)) {
        missing.add(TerminalText.escape(path));
      }
    }
    return missing;
  }

  /** Whether package.json names any production dependency (then node_modules/ cannot be empty). */
  static boolean declaresDependencies(Path packageJson) throws IOException {
    if (!Files.isRegularFile(packageJson, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    JsonNode dependencies = Json.mapper().readTree(packageJson.toFile()).path("dependencies");
    return dependencies.isObject() && dependencies.size() > 0;
  }

  private static boolean notInstalledForProduction(JsonNode pkg) {
    return pkg.path("dev").asBoolean(false) || pkg.path("optional").asBoolean(false)
        || pkg.path("devOptional").asBoolean(false);
  }
}
