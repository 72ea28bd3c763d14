package dev.slipway.installer.cli;

import dev.slipway.format.FailureKind;
import dev.slipway.format.SlipwayException;
import dev.slipway.installer.layout.ReleaseRoot;
import dev.slipway.installer.layout.RootLock;
import dev.slipway.installer.switchover.BlueGreenSwitch;
import dev.slipway.installer.switchover.SwitchConfig;
import dev.slipway.installer.switchover.SwitchConfigFile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code installer blue-green --root ROOT ...}: writes the root's blue/green configuration,
 * ROOT/shared/switch.json (issue #21); from then on install and rollback switch through nginx.
 */
@Command(name = "blue-green", mixinStandardHelpOptions = true,
    description = "Make install and rollback switch ROOT's releases blue/green behind nginx: writes ROOT/shared/switch.json.")
final class BlueGreenCommand implements Callable<Integer> {
  @Option(names = "--root", required = true, description = "The app's root folder")
  Path root;

  @Option(names = "--port", paramLabel = "PORT", description = "A slot: a loopback port an instance listens on; at least two; repeatable")
  List<Integer> ports = List.of();

  @Option(names = "--start-command", paramLabel = "CMD",
      description = "Starts an instance; {port}, {release}, {root} are replaced (e.g. 'systemctl start slipway-shop@{port}')")
  String startCommand;

  @Option(names = "--stop-command", paramLabel = "CMD",
      description = "Stops an instance and returns once it has stopped; succeeds when none runs")
  String stopCommand;

  @Option(names = "--upstream-file", paramLabel = "FILE", description = "The nginx include naming the live slot, rewritten on every switch")
  Path upstreamFile;

  @Option(names = "--upstream-name", paramLabel = "NAME", description = "The upstream's name (default: slipway_ and ROOT's folder name)")
  String upstreamName;

  @Option(names = "--reload-command", paramLabel = "CMD", description = "Reloads nginx (default: " + SwitchConfig.DEFAULT_RELOAD + ")")
  String reloadCommand = SwitchConfig.DEFAULT_RELOAD;

  @Option(names = "--drain", paramLabel = "SEC", description = "Seconds the old instance keeps running after the switch (default: 5)")
  int drainSeconds = SwitchConfig.DEFAULT_DRAIN_SECONDS;

  @Option(names = "--start-timeout", paramLabel = "SEC", description = "Seconds a new instance has to answer (default: 60)")
  int startTimeoutSeconds = SwitchConfig.DEFAULT_START_TIMEOUT_SECONDS;

  @Option(names = "--off", description = "Remove the configuration: install and rollback switch current and run --restart-command again")
  boolean off;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    ReleaseRoot releaseRoot = ReleaseRoot.open(root, true);
    PrintWriter out = spec.commandLine().getOut();
    try (RootLock lock = RootLock.acquire(releaseRoot, "blue-green", Duration.ZERO)) {
      if (off) {
        boolean removed = SwitchConfigFile.remove(releaseRoot);
        out.println(removed ? "removed " + SwitchConfigFile.path(releaseRoot) : "blue/green was not configured");
        out.flush();
        return 0;
      }
      SwitchConfig config = config();
      SwitchConfigFile.write(releaseRoot, config);
      if (BlueGreenSwitch.writeInitialUpstream(config)) {
        out.println("wrote " + config.upstreamFile() + " (slot " + config.ports().get(0) + " until the first install)");
      }
      out.println("blue/green: slots " + config.ports() + ", upstream " + config.upstreamName() + " in "
          + config.upstreamFile() + ", drain " + config.drainSeconds() + " s");
      out.println(SwitchConfigFile.path(releaseRoot));
      out.flush();
    }
    return 0;
  }

  private SwitchConfig config() {
    if (startCommand == null || stopCommand == null || upstreamFile == null) {
      throw usage("--start-command, --stop-command and --upstream-file are required (or --off)");
    }
    try {
      return new SwitchConfig(ports, startCommand, stopCommand, upstreamFile.toAbsolutePath().normalize(),
          upstreamName != null ? upstreamName : SwitchConfig.defaultUpstreamName(root), reloadCommand, drainSeconds,
          startTimeoutSeconds);
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
  }

  private static SlipwayException usage(String message) {
    return new SlipwayException(FailureKind.USAGE, "SWITCH_OPTIONS", message, null,
        "see `installer blue-green --help` and docs/blue-green.md");
  }
}
