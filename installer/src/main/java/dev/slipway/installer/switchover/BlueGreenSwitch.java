package dev.slipway.installer.switchover;

import dev.slipway.format.FailureKind;
import dev.slipway.format.Reporter;
import dev.slipway.format.SlipwayException;
import dev.slipway.installer.layout.ReleaseRoot;
import dev.slipway.installer.process.HealthPoller;
import dev.slipway.installer.process.HealthResult;
import dev.slipway.installer.routes.RoutePlan;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Blue/green behind nginx (issue #21), after kamal-proxy: start the release on an idle slot,
 * health-check it, point nginx's upstream file at it and reload nginx (graceful: old workers finish
 * their requests), wait the drain period, stop the old instance. Call while holding the root lock.
 *
 * <p>In three calls, so that the caller's live check runs while the old instance still runs and
 * a failed one can go back at once: {@link #start} (nothing nginx sees changes; a failure stops the
 * new instance and leaves nginx and the old instance untouched), {@link Started#switchNginx} and
 * then {@link Started#finish} (drain, stop the old) or {@link Started#revert}.
 *
 * <p>Crash safety: the upstream file is rewritten atomically, and the old instance is stopped only
 * once nginx has been reloaded onto the new one, so a run killed at any moment leaves the file
 * naming an instance that runs. {@link SlotRepair} (the start of every run) makes nginx follow the
 * file again and stops what else runs on the slots.
 */
public final class BlueGreenSwitch {
  private final ReleaseRoot root;
  private final SwitchConfig config;
  private final Reporter reporter;

  public BlueGreenSwitch(ReleaseRoot root, SwitchConfig config, Reporter reporter) {
    this.root = root;
    this.config = config;
    this.reporter = reporter;
  }

  /**
   * Writes the upstream file naming the first slot when there is none yet, so that nginx can load
   * the server block before the first install (it answers 502 until then).
   *
   * @return whether it was written
   */
  public static boolean writeInitialUpstream(SwitchConfig config) throws IOException {
    if (UpstreamFile.read(config.upstreamFile()).isPresent()) {
      return false;
    }
    UpstreamFile.write(config.upstreamFile(), config.upstreamName(), config.ports().get(0));
    return true;
  }

  /** A step that may fail with an I/O error. */
  @FunctionalInterface
  public interface IoAction {
    void run() throws IOException;
  }

  /** What the switch did, for the result and history.jsonl. */
  public record Outcome(int port, OptionalInt previousPort, long healthyToServedMillis, List<String> warnings) {
    public Outcome {
      warnings = List.copyOf(warnings);
    }
  }

  /**
   * Repairs the slots, starts {@code releaseId} on an idle one and waits until it answers what the
   * smoke start asked ({@code healthPaths}, or every route of the build).
   *
   * @throws SlipwayException SMOKE_FAILED {@code SLOT_UNHEALTHY}, SWITCH_FAILED {@code
   *     SLOT_START_FAILED} or {@code SLOT_BUSY}, APP_USER {@code SLOT_RUNS_AS_ROOT} (an instance
   *     that answers as root while the root names a service user: {@link InstanceUser}); nginx and
   *     the live instance are untouched
   */
  public Started start(String releaseId, List<String> healthPaths) throws IOException, InterruptedException {
    List<String> warnings = new ArrayList<>();
    OptionalInt live = new SlotRepair(root, config, reporter).repair(warnings);
    int idle = config.ports().stream().filter(p -> live.isEmpty() || p != live.getAsInt()).findFirst().orElseThrow();
    Path release = root.releaseDir(releaseId);
    if (SlotRepair.answers(idle)) {
      throw new SlipwayException(FailureKind.SWITCH_FAILED, "SLOT_BUSY",
          "slot " + idle + " is idle but something still listens on 127.0.0.1:" + idle + " after its stop command",
          null, "stop what listens there (ss -ltnp 'sport = :" + idle + "'), or check the stop command in "
              + SwitchConfigFile.path(root));
    }
    SlotLinks.point(root, idle, releaseId);
    reporter.step("starting " + releaseId + " on slot " + idle);
    Optional<String> failed = SlotCommand.run(root, "start", config.startCommand(), idle, Optional.of(release));
    if (failed.isPresent()) {
      stopQuietly(idle, warnings);
      throw new SlipwayException(FailureKind.SWITCH_FAILED, "SLOT_START_FAILED",
          failed.get() + "; nginx still serves " + describe(live), null,
          "run the start command by hand to see why (" + SwitchConfigFile.path(root) + "), fix it, install again");
    }
    RoutePlan plan = RoutePlan.of(release, healthPaths);
    reporter.step("health-checking slot " + idle + ": " + plan.summary());
    HealthResult health = new HealthPoller().poll(idle, plan.probe(), Optional::empty, config.startTimeout());
    if (!(health instanceof HealthResult.Healthy)) {
      stopQuietly(idle, warnings);
      throw new SlipwayException(FailureKind.SMOKE_FAILED, "SLOT_UNHEALTHY",
          "the new instance on slot " + idle + " did not answer: " + describe(health) + "; nginx still serves "
              + describe(live) + ", the new instance was stopped",
          null, "see the instance's log (the start command's, or journalctl -u for a unit) and "
              + root.stateDir().resolve(SlotCommand.LOG) + "; fix and install again");
    }
    long healthyAt = System.nanoTime();
    Optional<SlipwayException> asRoot = InstanceUser.check(root, config, idle, describe(live), reporter, warnings);
    if (asRoot.isPresent()) {
      stopQuietly(idle, warnings);
      throw asRoot.get();
    }
    // Before nginx sends a page of the new build: nginx serves /_next/static/ from the tree.
    SharedStatic.add(root, releaseId);
    return new Started(releaseId, idle, live, healthyAt, warnings);
  }

  /** A new instance that answers, on {@link #port}, not yet behind nginx. */
  public final class Started {
    private final String releaseId;
    private final int port;
    private final OptionalInt previous;
    private final long healthyAt;
    private final List<String> warnings;
    private Optional<String> upstreamBefore = Optional.empty();
    private long servedMillis = -1;

    private Started(String releaseId, int port, OptionalInt previous, long healthyAt, List<String> warnings) {
      this.releaseId = releaseId;
      this.port = port;
      this.previous = previous;
      this.healthyAt = healthyAt;
      this.warnings = warnings;
    }

    public int port() {
      return port;
    }

    public OptionalInt previousPort() {
      return previous;
    }

    /**
     * Points the upstream file at the new slot, runs {@code switched} (the caller repoints {@code
     * current} and notes the point of no return: nginx follows the file at its next reload, which a
     * run killed now gets from the next run's repair), then reloads nginx.
     *
     * @return empty when nginx was reloaded; else what failed, and then {@link #revert} goes back
     */
    public Optional<String> switchNginx(IoAction switched) throws IOException, InterruptedException {
      upstreamBefore = UpstreamFile.read(config.upstreamFile());
      UpstreamFile.write(config.upstreamFile(), config.upstreamName(), port);
      switched.run();
      Optional<String> failed = SlotCommand.run(root, "reload", config.reloadCommand(), port, Optional.empty());
      if (failed.isPresent()) {
        return Optional.of(failed.get() + "; nginx did not take slot " + port);
      }
      servedMillis = (System.nanoTime() - healthyAt) / 1_000_000;
      reporter.step("nginx now sends requests to slot " + port + " (" + releaseId + "), " + servedMillis
          + " ms after it answered" + (previous.isPresent() ? "; slot " + previous.getAsInt() + " drains" : ""));
      return Optional.empty();
    }

    public String releaseId() {
      return releaseId;
    }

    /** Waits the drain period, then stops the old instance; a failed stop is a warning (the new one serves). */
    public Outcome finish() throws IOException, InterruptedException {
      if (previous.isPresent()) {
        Thread.sleep(config.drain().toMillis());
        reporter.step("stopping slot " + previous.getAsInt());
        Optional<String> failed = SlotCommand.run(root, "stop", config.stopCommand(), previous.getAsInt(), Optional.empty());
        if (failed.isPresent()) {
          warn("the old instance on slot " + previous.getAsInt() + " could not be stopped: " + failed.get()
              + " (the next install stops it)", warnings);
        } else {
          SlotLinks.clear(root, previous.getAsInt());
        }
      }
      return new Outcome(port, previous, servedMillis, warnings);
    }

    /**
     * Goes back after a failed live check: the upstream file names the old slot again, nginx is
     * reloaded and the new instance stopped. The old instance never stopped.
     */
    public Optional<String> revert() throws IOException, InterruptedException {
      UpstreamFile.restore(config.upstreamFile(), upstreamBefore);
      Optional<String> failed = SlotCommand.run(root, "reload", config.reloadCommand(), previous.orElse(0), Optional.empty());
      // The reload is asynchronous, and nginx's old workers finish the requests of the connections
      // they hold against the new instance: it drains like any old instance (without this, clients
      // saw 502s: BlueGreenInstallIT).
      Thread.sleep(config.drain().toMillis());
      stopQuietly(port, warnings);
      return failed;
    }
  }

  private void stopQuietly(int port, List<String> warnings) throws IOException, InterruptedException {
    Optional<String> failed = SlotCommand.run(root, "stop", config.stopCommand(), port, Optional.empty());
    if (failed.isPresent()) {
      warn("slot " + port + " could not be stopped: " + failed.get(), warnings);
    } else {
      SlotLinks.clear(root, port);
    }
  }

  private void warn(String warning, List<String> warnings) {
    reporter.warn(warning);
    warnings.add(warning);
  }

  private static String describe(OptionalInt live) {
    return live.isPresent() ? "slot " + live.getAsInt() : "nothing yet (first blue/green switch)";
  }

  static String describe(HealthResult health) {
    if (health instanceof HealthResult.Exited e) {
      return "it exited with " + e.code();
    }
    if (health instanceof HealthResult.BadStatus b) {
      return b.path() + " answered " + b.status();
    }
    if (health instanceof HealthResult.Dropped d) {
      return d.error();
    }
    if (health instanceof HealthResult.TimedOut t) {
      return "no answer in time (" + t.lastError() + ")";
    }
    return "answered";
  }
}
