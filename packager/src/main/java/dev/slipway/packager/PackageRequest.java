package dev.slipway.packager;

import dev.slipway.templates.WebConfigKind;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything {@code packager package} was asked to do; the CLI builds it, tests build it directly.
 *
 * @param sourceDateEpoch entry time and recorded build time; empty gives a fixed entry time and no
 *     build time, so the archive's bytes depend on its inputs only
 * @param bundleDeps {@code --bundle-deps}: ship the production dependencies, so the server runs no
 *     {@code npm ci} (issue #18); a standalone build ships its own either way
 */
public record PackageRequest(
    Path projectDir,
    Path outDir,
    WebConfigKind webConfig,
    List<String> includes,
    Set<String> allowedSecretFiles,
    List<String> requiredEnv,
    List<String> optionalEnv,
    boolean build,
    Optional<Instant> sourceDateEpoch,
    String node,
    String npm,
    boolean bundleDeps) {

  public PackageRequest {
    projectDir = projectDir.toAbsolutePath().normalize();
    outDir = (outDir == null ? projectDir.resolve("dist") : outDir).toAbsolutePath().normalize();
    Objects.requireNonNull(webConfig, "webConfig");
    includes = List.copyOf(includes);
    allowedSecretFiles = Set.copyOf(allowedSecretFiles);
    requiredEnv = List.copyOf(requiredEnv);
    optionalEnv = List.copyOf(optionalEnv);
    Objects.requireNonNull(sourceDateEpoch, "sourceDateEpoch");
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(npm, "npm");
  }

  /** The defaults the CLI uses: iisnode web.config, no extras, node and npm from PATH. */
  public static PackageRequest defaults(Path projectDir) {
    return new PackageRequest(
        projectDir, null, WebConfigKind.IISNODE, List.of(), Set.of(), List.of(), List.of(), false,
        Optional.empty(), "node", Tools.defaultNpm(), false);
  }

  public PackageRequest withOutDir(Path dir) {
    return new PackageRequest(projectDir, dir, webConfig, includes, allowedSecretFiles, requiredEnv, optionalEnv, build, sourceDateEpoch, node, npm, bundleDeps);
  }

  public PackageRequest withWebConfig(WebConfigKind kind) {
    return new PackageRequest(projectDir, outDir, kind, includes, allowedSecretFiles, requiredEnv, optionalEnv, build, sourceDateEpoch, node, npm, bundleDeps);
  }

  public PackageRequest withBuild(boolean value) {
    return new PackageRequest(projectDir, outDir, webConfig, includes, allowedSecretFiles, requiredEnv, optionalEnv, value, sourceDateEpoch, node, npm, bundleDeps);
  }

  public PackageRequest withIncludes(List<String> paths, Set<String> allowedSecrets) {
    return new PackageRequest(projectDir, outDir, webConfig, paths, allowedSecrets, requiredEnv, optionalEnv, build, sourceDateEpoch, node, npm, bundleDeps);
  }

  public PackageRequest withEnv(List<String> required, List<String> optional) {
    return new PackageRequest(projectDir, outDir, webConfig, includes, allowedSecretFiles, required, optional, build, sourceDateEpoch, node, npm, bundleDeps);
  }

  public PackageRequest withSourceDateEpoch(Optional<Instant> epoch) {
    return new PackageRequest(projectDir, outDir, webConfig, includes, allowedSecretFiles, requiredEnv, optionalEnv, build, epoch, node, npm, bundleDeps);
  }

  public PackageRequest withBundleDeps(boolean value) {
    return new PackageRequest(projectDir, outDir, webConfig, includes, allowedSecretFiles, requiredEnv, optionalEnv, build, sourceDateEpoch, node, npm, value);
  }
}
