package dev.slipway.installer.switchover;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A root's blue/green switch-over (issue #21), as {@code installer blue-green} writes it to
 * {@code ROOT/shared/switch.json}: the slots (one loopback port each), the commands that start and
 * stop an instance on a slot, the nginx upstream include file the installer rewrites and the
 * command that makes nginx read it again, and how long the old instance may finish its requests.
 *
 * @param ports the slots, at least two distinct ports; an install starts the release on one that
 *     is not live
 * @param startCommand shell command template: {@code {port}}, {@code {release}} (the release
 *     folder) and {@code {root}} are replaced; it must return once the instance is started (a
 *     service manager's start, or a command that puts the server in the background)
 * @param stopCommand shell command template, same placeholders; must return once the instance has
 *     stopped, and succeed when nothing runs on the slot
 * @param upstreamFile the file nginx includes (at {@code http} level) that names the live slot
 * @param upstreamName the upstream's name in that file and in {@code installer nginx-conf}
 * @param reloadCommand makes nginx read its configuration again, gracefully
 * @param drainSeconds how long the old instance keeps running after the reload, so the requests
 *     nginx's old workers still send it can finish
 * @param startTimeoutSeconds how long a started instance has to answer its health checks
 */
public record SwitchConfig(
    List<Integer> ports,
    String startCommand,
    String stopCommand,
    Path upstreamFile,
    String upstreamName,
    String reloadCommand,
    int drainSeconds,
    int startTimeoutSeconds) {

  /** {@code nginx -s reload} exits 0 even when the new configuration is broken: test it first. */
  public static final String DEFAULT_RELOAD = "nginx -t -q && nginx -s reload";
  public static final int DEFAULT_DRAIN_SECONDS = 5;
  public static final int DEFAULT_START_TIMEOUT_SECONDS = 60;
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

  public SwitchConfig {
    Objects.requireNonNull(ports, "ports");
    ports = List.copyOf(ports);
    if (ports.size() < 2) {
      throw new IllegalArgumentException("blue/green needs at least two slots (ports), got " + ports);
    }
    if (new HashSet<>(ports).size() != ports.size()) {
      throw new IllegalArgumentException("the slots' ports must differ: " + ports);
    }
    for (int port : ports) {
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port " + port + " is not between 1 and 65535");
      }
    }
    requirePort("start", startCommand);
    requirePort("stop", stopCommand);
    Objects.requireNonNull(upstreamFile, "upstreamFile");
    if (!upstreamFile.isAbsolute()) {
      throw new IllegalArgumentException("the upstream file must be an absolute path (nginx includes it): " + upstreamFile);
    }
    if (upstreamName == null || !NAME.matcher(upstreamName).matches()) {
      throw new IllegalArgumentException("the upstream name must be letters, digits and _ (an nginx name): " + upstreamName);
    }
    if (reloadCommand == null || reloadCommand.isBlank()) {
      throw new IllegalArgumentException("the nginx reload command is empty");
    }
    if (drainSeconds < 0 || drainSeconds > 3600) {
      throw new IllegalArgumentException("the drain period must be 0 to 3600 seconds: " + drainSeconds);
    }
    if (startTimeoutSeconds < 1 || startTimeoutSeconds > 3600) {
      throw new IllegalArgumentException("the start timeout must be 1 to 3600 seconds: " + startTimeoutSeconds);
    }
  }

  private static void requirePort(String which, String command) {
    if (command == null || command.isBlank()) {
      throw new IllegalArgumentException("the " + which + " command is empty");
    }
    if (!command.contains("{port}")) {
      throw new IllegalArgumentException("the " + which + " command must name the slot with {port}: " + command);
    }
  }

  @JsonIgnore
  public Duration drain() {
    return Duration.ofSeconds(drainSeconds);
  }

  @JsonIgnore
  public Duration startTimeout() {
    return Duration.ofSeconds(startTimeoutSeconds);
  }

  /** The upstream name {@code installer blue-green} proposes: {@code slipway_} and the root's folder name. */
  public static String defaultUpstreamName(Path root) {
    Path name = root.toAbsolutePath().normalize().getFileName();
    String cleaned = (name == null ? "app" : name.toString()).replaceAll("[^A-Za-z0-9_]", "_");
    return ("slipway_" + cleaned).substring(0, Math.min(64, 8 + cleaned.length()));
  }
}
