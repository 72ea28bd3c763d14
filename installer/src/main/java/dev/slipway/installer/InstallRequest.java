package dev.slipway.installer;

import dev.slipway.installer.deps.NodeTools;
import dev.slipway.installer.user.AppUser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything {@code installer install} was asked to do; see docs/installing.md.
 *
 * <p>{@code healthPaths} empty means every route the build lists is smoke-tested (issue #16).
 */
public record InstallRequest(
    Path archive,
    Path root,
    Optional<String> sha256,
    Optional<Path> envFile,
    String node,
    String npm,
    boolean allowNodeMismatch,
    List<String> healthPaths,
    Duration smokeTimeout,
    Duration npmTimeout,
    Optional<String> restartCommand,
    List<String> liveUrls,
    Duration liveTimeout,
    int keep,
    Duration lockWait,
    AppUser appUser) {

  /** Retention keeps the live release and the one a rollback returns to. */
  public static final int MIN_KEEP = 2;
  public static final String KEEP_RULE = "--keep must be at least 2 (the live release and the one before it)";

  public InstallRequest {
    archive = archive.toAbsolutePath().normalize();
    root = root.toAbsolutePath().normalize();
    Objects.requireNonNull(sha256);
    Objects.requireNonNull(envFile);
    Objects.requireNonNull(appUser);
    healthPaths = List.copyOf(healthPaths);
    liveUrls = List.copyOf(liveUrls);
    if (keep < MIN_KEEP) {
      throw new IllegalArgumentException(KEEP_RULE);
    }
  }

  public static InstallRequest of(Path archive, Path root) {
    return new InstallRequest(
        archive, root, Optional.empty(), Optional.empty(), "node", NodeTools.defaultNpm(), false, List.of(),
        Duration.ofSeconds(60), Duration.ofMinutes(10), Optional.empty(), List.of(), Duration.ofSeconds(60), 5,
        Duration.ZERO, AppUser.UNSET);
  }

  public InstallRequest withEnvFile(Path file) {
    return new InstallRequest(archive, root, sha256, Optional.of(file), node, npm, allowNodeMismatch, healthPaths, smokeTimeout, npmTimeout, restartCommand, liveUrls, liveTimeout, keep, lockWait, appUser);
  }

  public InstallRequest withNpm(String executable) {
    return new InstallRequest(archive, root, sha256, envFile, node, executable, allowNodeMismatch, healthPaths, smokeTimeout, npmTimeout, restartCommand, liveUrls, liveTimeout, keep, lockWait, appUser);
  }

  public InstallRequest withSha256(String hex) {
    return new InstallRequest(archive, root, Optional.of(hex), envFile, node, npm, allowNodeMismatch, healthPaths, smokeTimeout, npmTimeout, restartCommand, liveUrls, liveTimeout, keep, lockWait, appUser);
  }

  public InstallRequest withSmokeTimeout(Duration timeout) {
    return new InstallRequest(archive, root, sha256, envFile, node, npm, allowNodeMismatch, healthPaths, timeout, npmTimeout, restartCommand, liveUrls, liveTimeout, keep, lockWait, appUser);
  }

  public InstallRequest withHealthPaths(List<String> paths) {
    return new InstallRequest(archive, root, sha256, envFile, node, npm, allowNodeMismatch, paths, smokeTimeout, npmTimeout, restartCommand, liveUrls, liveTimeout, keep, lockWait, appUser);
  }

  public InstallRequest withRestart(String command, List<String> urls, Duration timeout) {
    return new InstallRequest(archive, root, sha256, envFile, node, npm, allowNodeMismatch, healthPaths, smokeTimeout, npmTimeout, Optional.ofNullable(command), urls, timeout, keep, lockWait, appUser);
  }

  public InstallRequest withKeep(int value) {
    return new InstallRequest(archive, root, sha256, envFile, node, npm, allowNodeMismatch, healthPaths, smokeTimeout, npmTimeout, restartCommand, liveUrls, liveTimeout, value, lockWait, appUser);
  }

  public InstallRequest withNode(String executable, boolean allowMismatch) {
    return new InstallRequest(archive, root, sha256, envFile, executable, npm, allowMismatch, healthPaths, smokeTimeout, npmTimeout, restartCommand, liveUrls, liveTimeout, keep, lockWait, appUser);
  }

  public InstallRequest withLockWait(Duration wait) {
    return new InstallRequest(archive, root, sha256, envFile, node, npm, allowNodeMismatch, healthPaths, smokeTimeout, npmTimeout, restartCommand, liveUrls, liveTimeout, keep, wait, appUser);
  }

  /** Who archive code runs as (issue #20): {@code --service-user}, {@code --allow-root-app}. */
  public InstallRequest withAppUser(AppUser user) {
    return new InstallRequest(archive, root, sha256, envFile, node, npm, allowNodeMismatch, healthPaths, smokeTimeout, npmTimeout, restartCommand, liveUrls, liveTimeout, keep, lockWait, user);
  }
}
