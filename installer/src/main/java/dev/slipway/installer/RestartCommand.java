package dev.slipway.installer;

import dev.slipway.installer.layout.ReleaseRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code --restart-command}: what makes the server pick up the new {@code current}, e.g.
 * {@code systemctl restart shop} or an {@code appcmd recycle apppool} on IIS. Run through the
 * shell with the root as working folder; its output is appended to ROOT/.slipway/logs/restart.log
 * (a file, not a pipe, so that a server it starts in the background cannot hold us up).
 */
final class RestartCommand {
  private static final long TIMEOUT_SECONDS = 300;

  private RestartCommand() {}

  /** @return empty when it succeeded, else what went wrong */
  static Optional<String> run(ReleaseRoot root, String command, String releaseId) throws IOException {
    Path log = KeptLogs.openForAppend(root.stateDir().resolve("logs/restart.log"));
    boolean windows = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows");
    ProcessBuilder builder =
        new ProcessBuilder(windows ? List.of("cmd.exe", "/c", command) : List.of("sh", "-c", command))
            .directory(root.path().toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .redirectInput(ProcessBuilder.Redirect.from(windows ? new java.io.File("NUL") : new java.io.File("/dev/null")));
    builder.environment().put("SLIPWAY_ROOT", root.path().toString());
    builder.environment().put("SLIPWAY_RELEASE", releaseId);
    builder.environment().put("SLIPWAY_RELEASE_DIR", root.releaseDir(releaseId).toString());
    Process process = builder.start();
    try {
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        stop(process);
        return Optional.of("the restart command did not finish in " + TIMEOUT_SECONDS + " s (see " + log + ")");
      }
    } catch (InterruptedException e) {
      // Ctrl-C or SIGTERM while it runs: what it started goes too, not only the shell (a command
      // such as `sleep 20; true` kept its sleep running after the installer had exited).
      stop(process);
      Thread.currentThread().interrupt();
      throw Abort.interrupted();
    }
    return process.exitValue() == 0
        ? Optional.empty()
        : Optional.of("the restart command exited with " + process.exitValue() + " (see " + log + ")");
  }

  /** The shell and what runs below it, listed before the shell goes (its children would be reparented). */
  private static void stop(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }
}
