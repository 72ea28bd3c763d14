package dev.slipway.installer.deps;

import dev.slipway.format.Json;
import dev.slipway.format.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code .deploy/install.json}: how a release's node_modules came to be, so that a later install
 * can tell whether they may be reused (issue #7). Written into staging, before the release is live.
 *
 * @param dependenciesSha256 package.json's dependency fields: npm ci refuses a package.json that
 *     disagrees with the lock, so reuse must not skip that check when only package.json changed
 * @param method "npm ci", "reused from &lt;id&gt;" or "shipped (standalone|bundled)": the archive
 *     brought node_modules and npm ci did not run (issue #18)
 */
public record InstallInfo(
    String lockfileSha256, String dependenciesSha256, String nodeVersion, String nodeAbi, String platform, String arch, boolean installScripts, String method) {
  public static final String FILE = ".deploy/install.json";
  /** The start of {@link #method} for a release whose node_modules came with its archive (issue #18). */
  public static final String SHIPPED = "shipped";

  public InstallInfo {
    if (!Sha256.isHex(lockfileSha256)) {
      throw new IllegalArgumentException("lockfileSha256 is not a SHA-256");
    }
    if (!Sha256.isHex(dependenciesSha256)) {
      throw new IllegalArgumentException("dependenciesSha256 is not a SHA-256");
    }
    Objects.requireNonNull(nodeAbi, "nodeAbi");
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(arch, "arch");
  }

  /** Whether node_modules came with the archive (issue #18) rather than from npm ci on this host. */
  @com.fasterxml.jackson.annotation.JsonIgnore
  public boolean shipped() {
    return method != null && method.startsWith(SHIPPED);
  }

  public void write(Path release) throws IOException {
    Path file = release.resolve(FILE);
    Files.createDirectories(file.getParent());
    Files.write(file, Json.prettyBytes(this));
  }

  /** Empty when the release has none (installed by an older Slipway, adopted) or it is unreadable. */
  public static Optional<InstallInfo> read(Path release) {
    Path file = release.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Json.mapper().readValue(file.toFile(), InstallInfo.class));
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
