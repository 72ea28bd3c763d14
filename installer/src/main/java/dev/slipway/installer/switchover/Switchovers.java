package dev.slipway.installer.switchover;

import dev.slipway.format.Reporter;
import dev.slipway.installer.layout.ReleaseRoot;
import dev.slipway.installer.release.Handover;
import dev.slipway.installer.release.Switchover;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Which {@link Switchover} a root uses (issue #21): blue/green when ROOT/shared/switch.json exists
 * ({@code installer blue-green}), else the platform's own (repointing {@code current} and {@code
 * --restart-command}, or the IIS site of issue #25); either with the shared static tree around it. The file is read when the hand-over begins, under
 * the root's lock and inside the release transaction, so a file that cannot be used is refused
 * like any other failure, with its history line.
 */
public final class Switchovers implements Switchover {
  private final Optional<String> restartCommand;
  private final Switchover otherwise;
  private final List<String> healthPaths;
  private final Reporter reporter;
  private Switchover chosen;

  private Switchovers(Optional<String> restartCommand, Switchover otherwise, List<String> healthPaths, Reporter reporter) {
    this.restartCommand = restartCommand;
    this.otherwise = otherwise;
    this.healthPaths = List.copyOf(healthPaths);
    this.reporter = reporter;
  }

  /**
   * @param otherwise the platform's switchover, for a root without switch.json
   * @param healthPaths what a blue/green instance must answer; empty: every route of its build
   */
  public static Switchover forRoot(Optional<String> restartCommand, Switchover otherwise, List<String> healthPaths,
      Reporter reporter) {
    return new SharedStaticSwitchover(new Switchovers(restartCommand, otherwise, healthPaths, reporter));
  }

  private Switchover choose(ReleaseRoot root) throws IOException {
    if (chosen == null) {
      Optional<SwitchConfig> config = SwitchConfigFile.read(root);
      if (config.isPresent() && restartCommand.isPresent()) {
        reporter.warn("--restart-command is not run: " + SwitchConfigFile.path(root) + " makes this root switch"
            + " blue/green (its start, stop and reload commands)");
      }
      chosen = config.isPresent() ? new BlueGreenSwitchover(config.get(), healthPaths) : otherwise;
    }
    return chosen;
  }

  @Override
  public Optional<String> goLive(Handover handover) throws IOException {
    return choose(handover.root()).goLive(handover);
  }

  @Override
  public Optional<String> switchBack(Handover back) throws IOException {
    return choose(back.root()).switchBack(back);
  }

  @Override
  public void settle(Handover handover) throws IOException {
    choose(handover.root()).settle(handover);
  }

  @Override
  public Optional<String> note() {
    return chosen == null ? Optional.empty() : chosen.note();
  }
}
