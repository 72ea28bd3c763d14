package dev.slipway.packager;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.format.Json;
import dev.slipway.format.Manifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Records what the build ran on, so that the installer can refuse a host that drifted: Node
 * version and ABI (native modules are tied to it), npm, Next.js, platform and architecture.
 */
final class BuildProbe {
  private BuildProbe() {}

  static Manifest.BuiltWith probe(String node, String npm, Path projectDir, Path lockfile) throws IOException {
    JsonNode runtime =
        Json.mapper()
            .readTree(
                Tools.output(
                    List.of(
                        node,
                        "-p",
                        "JSON.stringify({v:process.version,p:process.platform,a:process.arch,m:process.versions.modules})")));
    return new Manifest.BuiltWith(
        runtime.path("v").asText(),
        Tools.output(List.of(npm, "--version")),
        nextVersion(projectDir, lockfile),
        runtime.path("p").asText(),
        runtime.path("a").asText(),
        runtime.path("m").asText());
  }

  /** The locked version of next: what the server will install, whatever node_modules holds here. */
  static String nextVersion(Path projectDir, Path lockfile) throws IOException {
    JsonNode lock = dev.slipway.packager.analysis.Lockfile.read(lockfile);
    String fromPackages = lock.path("packages").path("node_modules/next").path("version").asText(null);
    if (fromPackages != null) {
      return fromPackages;
    }
    String fromV1 = lock.path("dependencies").path("next").path("version").asText(null);
    if (fromV1 != null) {
      return fromV1;
    }
    Path installed = projectDir.resolve("node_modules/next/package.json");
    return Files.isRegularFile(installed) ? Json.mapper().readTree(installed.toFile()).path("version").asText(null) : null;
  }
}
