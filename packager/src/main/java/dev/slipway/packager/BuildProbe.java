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

  /**
   * What the build ran on.
   *
   * @param libc the C library node runs on, {@code glibc} or {@code musl} on Linux, {@code none}
   *     elsewhere: native addons built against one do not load under the other (issue #18)
   */
  record Result(Manifest.BuiltWith builtWith, String libc) {}

  /**
   * Node's own report says which C library it runs on: {@code glibcVersionRuntime} is set under
   * glibc and absent under musl (Alpine), the test sharp's own install script makes (detect-libc).
   * {@code excludeNetwork} keeps the report from looking up the host's network handles.
   */
  private static final String PROBE = "JSON.stringify({v:process.version,p:process.platform,a:process.arch,"
      + "m:process.versions.modules,l:process.platform!=='linux'?'none'"
      + ":(process.report.excludeNetwork=true,process.report.getReport().header.glibcVersionRuntime?'glibc':'musl')})";

  static Result probe(String node, String npm, Path projectDir, Path lockfile) throws IOException {
    JsonNode runtime = Json.mapper().readTree(Tools.output(List.of(node, "-p", PROBE)));
    Manifest.BuiltWith builtWith = new Manifest.BuiltWith(
        runtime.path("v").asText(),
        Tools.output(List.of(npm, "--version")),
        nextVersion(projectDir, lockfile),
        runtime.path("p").asText(),
        runtime.path("a").asText(),
        runtime.path("m").asText());
    return new Result(builtWith, runtime.path("l").asText("none"));
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
