package dev.slipway.installer.process;

import dev.slipway.process.RunAs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What to smoke-start.
 *
 * @param releaseDir the unpacked, installed release; the command's working directory
 * @param command e.g. {@code [npm, run, start]} or {@code [node, server.js]}
 * @param env the release's environment (may hold secrets; never logged). {@code PORT}, {@code
 *     HOSTNAME} and {@code NODE_ENV} in it are replaced for the smoke start
 * @param probe what the release must answer: the operator's health paths, or every route of the
 *     build
 * @param timeout how long the release may take to answer them all
 * @param logFile where the release's output is appended
 * @param registry records the started tree until it is stopped
 * @param runAs the service user the release runs as (issue #20); empty: as the installer
 */
public record SmokeSpec(
    Path releaseDir,
    List<String> command,
    Map<String, String> env,
    Probe probe,
    Duration timeout,
    Path logFile,
    ChildRegistry registry,
    Optional<RunAs> runAs) {

  /** A smoke start run as the installer itself. */
  public SmokeSpec(
      Path releaseDir, List<String> command, Map<String, String> env, Probe probe, Duration timeout, Path logFile,
      ChildRegistry registry) {
    this(releaseDir, command, env, probe, timeout, logFile, registry, Optional.empty());
  }

  public SmokeSpec {
    Objects.requireNonNull(runAs, "runAs");
    Objects.requireNonNull(releaseDir, "releaseDir");
    command = List.copyOf(command);
    if (command.isEmpty()) {
      throw new IllegalArgumentException("command must name a program");
    }
    env = Map.copyOf(env);
    Objects.requireNonNull(probe, "probe");
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    Objects.requireNonNull(logFile, "logFile");
    Objects.requireNonNull(registry, "registry");
  }

  /** A smoke start that asks {@code healthPaths}, each for 200–399. */
  public SmokeSpec(
      Path releaseDir,
      List<String> command,
      Map<String, String> env,
      List<String> healthPaths,
      Duration timeout,
      Path logFile,
      ChildRegistry registry) {
    this(releaseDir, command, env, Probe.healthPaths(healthPaths), timeout, logFile, registry);
  }

  @Override
  public String toString() {
    // env values are secrets; the default record toString would print them.
    return "SmokeSpec["
        + String.join(" ", command)
        + " in "
        + releaseDir
        + ", env keys "
        + env.keySet()
        + (probe.everyRoute() ? ", routes " : ", health ")
        + probe.paths()
        + ", timeout "
        + timeout
        + ", log "
        + logFile
        + runAs.map(user -> ", as " + user.name()).orElse("")
        + "]";
  }
}
