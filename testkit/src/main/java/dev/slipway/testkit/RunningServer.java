package dev.slipway.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A server a test started on a loopback port ({@code next start}, or a release's {@code
 * server.js}), with its output in a log file. Closing it kills the whole process tree: {@code
 * next start} runs its server in a child process, which would outlive a plain {@code destroy()}.
 */
public final class RunningServer implements AutoCloseable {
  private final Process process;
  private final int port;
  private final Path log;

  private RunningServer(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /**
   * Starts {@code command} in {@code workingDir} with {@code PORT} set to a free loopback port,
   * {@code NEXT_TELEMETRY_DISABLED=1}, the inherited environment minus the variables that would
   * change where or how the app listens, and {@code env} on top; stdout and stderr go to {@code
   * log}.
   */
  public static RunningServer start(List<String> command, Path workingDir, Map<String, String> env, Path log) {
    int port = Http.freePort();
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workingDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    for (String inherited : List.of("PORT", "HOSTNAME", "NODE_ENV", "NODE_OPTIONS", "NODE_PATH")) {
      builder.environment().remove(inherited);
    }
    builder.environment().put("PORT", Integer.toString(port));
    builder.environment().put("NEXT_TELEMETRY_DISABLED", "1");
    builder.environment().putAll(env);
    try {
      return new RunningServer(builder.start(), port, log);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + command, e);
    }
  }

  /** {@code http://127.0.0.1:PORT} followed by {@code path}. */
  public String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  /** Polls {@code path} until it answers {@code status}; fails with the server's log otherwise. */
  public HttpResult awaitStatus(String path, int status, Duration timeout) {
    try {
      return Http.awaitStatus(url(path), status, timeout);
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "\nserver log " + log + ":\n" + log(), e);
    }
  }

  /** GET {@code path}, redirects not followed. */
  public HttpResult get(String path) {
    return Http.get(url(path), Duration.ofSeconds(30));
  }

  /** What the server printed so far. */
  public String log() {
    try {
      return CachedBuild.tail(Files.readString(log));
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }

  @Override
  public void close() {
    Processes.destroyTree(process.toHandle(), Duration.ofSeconds(10));
  }
}
