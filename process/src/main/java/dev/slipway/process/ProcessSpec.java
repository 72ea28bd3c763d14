package dev.slipway.process;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What to start: a command, the folder it runs in, the variables it gets on top of {@link
 * BaseEnvironment}, the file its stdout and stderr are appended to, and the service user it runs as
 * ({@link RunAs}; empty: as the installer itself).
 *
 * <p>{@link #env()} may hold secrets: its values are passed to the child and never printed; {@link
 * #toString()} names the keys only.
 */
public record ProcessSpec(
    List<String> command, Path workingDir, Map<String, String> env, Path logFile, Optional<RunAs> runAs) {

  /** A command run as the installer itself. */
  public ProcessSpec(List<String> command, Path workingDir, Map<String, String> env, Path logFile) {
    this(command, workingDir, env, logFile, Optional.empty());
  }

  public ProcessSpec {
    Objects.requireNonNull(runAs, "runAs");
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(workingDir, "workingDir");
    Objects.requireNonNull(env, "env");
    Objects.requireNonNull(logFile, "logFile");
    command = List.copyOf(command); // also rejects null elements
    if (command.isEmpty() || command.get(0).isBlank()) {
      throw new IllegalArgumentException("command must name a program");
    }
    Map<String, String> copy = new LinkedHashMap<>();
    env.forEach(
        (key, value) -> {
          // Both would corrupt the environment block handed to execve / CreateProcess.
          if (key == null || key.isEmpty() || key.indexOf('=') >= 0 || key.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("invalid environment variable name: " + key);
          }
          if (value == null || value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("invalid value for environment variable " + key);
          }
          copy.put(key, value);
        });
    env = Collections.unmodifiableMap(copy);
  }

  /** The command as one line, shortened, for logs and the child registry (no env values). */
  public String summary() {
    String joined = String.join(" ", command);
    return joined.length() <= 200 ? joined : joined.substring(0, 199) + "…";
  }

  @Override
  public String toString() {
    return "ProcessSpec["
        + summary()
        + " in "
        + workingDir
        + ", env keys "
        + env.keySet()
        + ", log "
        + logFile
        + runAs.map(user -> ", as " + user.name()).orElse("")
        + "]";
  }
}
