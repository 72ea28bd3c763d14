package dev.slipway.installer.switchover;

import dev.slipway.process.BaseEnvironment;
import dev.slipway.installer.layout.ReleaseRoot;
import dev.slipway.installer.layout.StateFiles;
import dev.slipway.process.ProcessSpec;
import dev.slipway.process.ProcessTree;
import dev.slipway.installer.user.ServiceUser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Runs one of the operator's command templates (start, stop, nginx reload) through {@code sh -c},
 * with the root as working folder and its output appended to {@code ROOT/.slipway/logs/switch.log}
 * (a file, not a pipe: an instance the start command puts in the background keeps it open).
 *
 * <p>{@code {port}}, {@code {release}} and {@code {root}} are replaced, shell-quoted when they hold
 * anything but safe characters; the same values are in the environment as {@code SLIPWAY_PORT},
 * {@code SLIPWAY_RELEASE_DIR} and {@code SLIPWAY_ROOT}, with {@code SLIPWAY_SERVICE_USER}, the
 * service user install runs the app as. Like {@code --restart-command}, it is the
 * operator's own command and gets the installer's whole environment, never the owner mark the
 * installer's children carry: an instance it starts must outlive the run, and the next run's
 * orphan sweep stops whatever carries that mark.
 */
final class SlotCommand {
  static final String LOG = "logs/switch.log";
  private static final Duration TIMEOUT = Duration.ofSeconds(120);
  private static final Duration STOP_GRACE = Duration.ofSeconds(2);
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_./@:+,=-]+");

  private SlotCommand() {}

  /**
   * @param release the release folder, or empty for a command that names no release (reload, and
   *     a stop, whose slot may run a release already deleted)
   * @return empty when the command exited 0, else what went wrong
   */
  static Optional<String> run(ReleaseRoot root, String what, String template, int port, Optional<Path> release)
      throws IOException, InterruptedException {
    Path log = root.stateDir().resolve(LOG);
    StateFiles.privateFolder(log.getParent());
    String releaseDir = release.map(Path::toString).orElse("");
    String command = expand(template, port, releaseDir, root.path().toString());
    Files.writeString(log, "--- " + Instant.now() + " " + what + ": " + command + "\n", StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    Map<String, String> env = new HashMap<>(BaseEnvironment.wholeOfThisProcess());
    env.put("SLIPWAY_ROOT", root.path().toString());
    env.put("SLIPWAY_PORT", port > 0 ? Integer.toString(port) : "");
    env.put("SLIPWAY_RELEASE_DIR", releaseDir);
    // Issue #20: a start command other than the generated unit's drops to this user itself
    // (runuser -u "$SLIPWAY_SERVICE_USER" -- node server.js); the unit names it with User=.
    env.put("SLIPWAY_SERVICE_USER", ServiceUser.configured(root).orElse(""));
    ProcessTree tree = ProcessTree.start(new ProcessSpec(List.of("sh", "-c", command), root.path(), env, log));
    try {
      if (!tree.waitFor(TIMEOUT)) {
        tree.stopTree(STOP_GRACE);
        return Optional.of("the " + what + " command did not finish in " + TIMEOUT.toSeconds() + " s (see " + log + ")");
      }
    } catch (InterruptedException e) {
      tree.stopTree(STOP_GRACE);
      throw e;
    }
    int exit = tree.exitCode().orElseThrow();
    return exit == 0 ? Optional.empty()
        : Optional.of("the " + what + " command `" + command + "` exited with " + exit + " (see " + log + ")");
  }

  static String expand(String template, int port, String release, String root) {
    return template.replace("{port}", Integer.toString(port))
        .replace("{release}", quote(release))
        .replace("{root}", quote(root));
  }

  static String quote(String value) {
    return SAFE.matcher(value).matches() ? value : "'" + value.replace("'", "'\\''") + "'";
  }
}
