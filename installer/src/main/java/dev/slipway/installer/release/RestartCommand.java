package dev.slipway.installer.release;

import dev.slipway.process.BaseEnvironment;
import dev.slipway.installer.layout.ReleaseRoot;
import dev.slipway.process.ProcessSpec;
import dev.slipway.process.ProcessTree;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code --restart-command}: what makes the server pick up the new {@code current}, e.g.
 * {@code systemctl restart shop} or an {@code appcmd recycle apppool} on IIS. Run through the
 * shell with the root as working folder; its output is appended to ROOT/.slipway/logs/restart.log
 * (a file, not a pipe, so that a server it starts in the background cannot hold us up).
 *
 * <p>It runs as a {@link ProcessTree}, like npm and the smoke-start (issue #19: one process runner),
 * so a timeout or a signal stops all it started. Unlike theirs, its environment is the installer's
 * whole environment: it is the operator's own command ({@code systemctl --user} needs {@code
 * XDG_RUNTIME_DIR}), not archive code. On success nothing is stopped: a command may leave a server
 * running in the background on purpose.
 */
final class RestartCommand {
  private static final Duration TIMEOUT = Duration.ofSeconds(300);
  private static final Duration STOP_GRACE = Duration.ofSeconds(2);

  private RestartCommand() {}

  /** @return empty when it succeeded, else what went wrong */
  static Optional<String> run(ReleaseRoot root, String command, String releaseId) throws IOException {
    Path log = KeptLogs.openForAppend(root.stateDir().resolve("logs/restart.log"));
    boolean windows = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows");
    Map<String, String> env = new HashMap<>(BaseEnvironment.wholeOfThisProcess());
    env.put("SLIPWAY_ROOT", root.path().toString());
    env.put("SLIPWAY_RELEASE", releaseId);
    env.put("SLIPWAY_RELEASE_DIR", root.releaseDir(releaseId).toString());
    List<String> shell = windows ? List.of("cmd.exe", "/c", command) : List.of("sh", "-c", command);
    ProcessTree tree = ProcessTree.start(new ProcessSpec(shell, root.path(), env, log));
    try {
      if (!tree.waitFor(TIMEOUT)) {
        tree.stopTree(STOP_GRACE);
        return Optional.of("the restart command did not finish in " + TIMEOUT.toSeconds() + " s (see " + log + ")");
      }
    } catch (InterruptedException e) {
      // Ctrl-C or SIGTERM while it runs: what it started goes too, not only the shell (a command
      // such as `sleep 20; true` kept its sleep running after the installer had exited).
      tree.stopTree(STOP_GRACE);
      Thread.currentThread().interrupt();
      throw Abort.interrupted();
    }
    int exit = tree.exitCode().orElseThrow();
    return exit == 0 ? Optional.empty() : Optional.of("the restart command exited with " + exit + " (see " + log + ")");
  }
}
