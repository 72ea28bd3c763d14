package dev.slipway.installer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Everything {@code installer rollback} was asked to do; see docs/installing.md. */
public record RollbackRequest(
    Path root,
    Optional<String> to,
    Optional<Path> envFile,
    String node,
    boolean force,
    Optional<String> restartCommand,
    List<String> liveUrls,
    Duration liveTimeout,
    Duration lockWait) {
  public RollbackRequest {
    root = root.toAbsolutePath().normalize();
    liveUrls = List.copyOf(liveUrls);
  }

  public static RollbackRequest of(Path root) {
    return new RollbackRequest(root, Optional.empty(), Optional.empty(), "node", false, Optional.empty(), List.of(),
        Duration.ofSeconds(60), Duration.ZERO);
  }

  public RollbackRequest withTo(String releaseId) {
    return new RollbackRequest(root, Optional.of(releaseId), envFile, node, force, restartCommand, liveUrls, liveTimeout, lockWait);
  }

  public RollbackRequest withForce(boolean value) {
    return new RollbackRequest(root, to, envFile, node, value, restartCommand, liveUrls, liveTimeout, lockWait);
  }

  public RollbackRequest withRestart(String command, List<String> urls, Duration timeout) {
    return new RollbackRequest(root, to, envFile, node, force, Optional.ofNullable(command), urls, timeout, lockWait);
  }
}
