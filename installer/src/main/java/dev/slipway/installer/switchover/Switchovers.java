package dev.slipway.installer.switchover;

import dev.slipway.format.Reporter;
import dev.slipway.installer.layout.ReleaseRoot;
import dev.slipway.installer.release.LinkAndRestart;
import dev.slipway.installer.release.Switchover;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Which {@link Switchover} a root uses (issue #21): blue/green when ROOT/shared/switch.json exists
 * ({@code installer blue-green}), else repointing {@code current} and {@code --restart-command};
 * either with the shared static tree around it.
 */
public final class Switchovers {
  private Switchovers() {}

  public static Switchover forRoot(ReleaseRoot root, Optional<String> restartCommand, List<String> healthPaths,
      Reporter reporter) throws IOException {
    Optional<SwitchConfig> config = SwitchConfigFile.read(root);
    if (config.isEmpty()) {
      return new SharedStaticSwitchover(new LinkAndRestart(restartCommand));
    }
    if (restartCommand.isPresent()) {
      reporter.warn("--restart-command is not run: " + SwitchConfigFile.path(root) + " makes this root switch blue/green"
          + " (its start, stop and reload commands)");
    }
    return new SharedStaticSwitchover(new BlueGreenSwitchover(config.get(), healthPaths));
  }
}
