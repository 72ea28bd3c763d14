package dev.slipway.installer.process;

import dev.slipway.process.ProcessTree;
import dev.slipway.process.ProcessSpec;
import dev.slipway.installer.diagnosis.FirstException;
import dev.slipway.format.FailureKind;
import dev.slipway.format.SlipwayException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * Starts a release on a free loopback port, polls its health paths, and stops it again, always.
 *
 * <p>The release gets {@code PORT} (a port free a moment ago), {@code HOSTNAME=127.0.0.1} (which
 * Next.js' standalone server.js binds to) and {@code NODE_ENV=production}, so it can run next to
 * the live release and is reachable from this host only. The tree is stopped in a finally block
 * whatever happens: success, failure, timeout, an exception, or an interrupt.
 *
 * <p>The port is free when chosen but cannot be reserved for a child process: another program may
 * take it before the release binds it. That shows up as an EADDRINUSE exit naming our own port,
 * and then the release is started again on another port, up to {@value #PORT_ATTEMPTS} times in
 * all; each start has its own header in the log.
 */
public final class SmokeStart {

  /**
   * Node exits at once on SIGTERM unless the app handles it; an app that shuts down gracefully gets
   * this long. A smoke start serves no traffic, so there is nothing to wait for beyond that.
   */
  static final Duration STOP_GRACE = Duration.ofSeconds(5);

  /** Starts in all when the port we chose is taken each time before the release binds it. */
  static final int PORT_ATTEMPTS = 3;

  private SmokeStart() {}

  /**
   * Runs the smoke start described by {@code spec}.
   *
   * @return the outcome; a failure is described, not thrown ({@link SmokeResult#toException()})
   * @throws SlipwayException SMOKE_FAILED if the command cannot be started at all, or the started
   *     processes cannot be stopped
   * @throws InterruptedException if interrupted; the release has been stopped
   */
  public static SmokeResult run(SmokeSpec spec) throws InterruptedException {
    return run(spec, SmokeStart::freeLoopbackPort);
  }

  /** {@link #run(SmokeSpec)} with the ports to offer the release coming from {@code ports} (tests). */
  static SmokeResult run(SmokeSpec spec, IntSupplier ports) throws InterruptedException {
    for (int attempt = 1; ; attempt++) {
      SmokeResult result = start(spec, ports.getAsInt(), attempt);
      if (!result.portTakenByAnother() || attempt == PORT_ATTEMPTS) {
        return result;
      }
    }
  }

  private static SmokeResult start(SmokeSpec spec, int port, int attempt) throws InterruptedException {
    Map<String, String> env = new LinkedHashMap<>(spec.env());
    env.put("PORT", Integer.toString(port));
    env.put("HOSTNAME", "127.0.0.1");
    env.put("NODE_ENV", "production");
    ProcessSpec process = new ProcessSpec(spec.command(), spec.releaseDir(), env, spec.logFile(), spec.runAs());

    long logStart = appendHeader(spec.logFile(), port, process);
    ProcessTree tree;
    try {
      tree = ProcessTree.start(process);
    } catch (IOException e) {
      throw new SlipwayException(
          FailureKind.SMOKE_FAILED,
          "SMOKE_CANNOT_START",
          "smoke start failed: cannot run `"
              + process.summary()
              + "` in "
              + spec.releaseDir()
              + "; check the start command",
          e.getMessage(),
          "the command's program must be on the PATH of the installer (or given with its full"
              + " path)");
    }

    HealthResult health;
    try (RegisteredTree running =
        RegisteredTree.register(tree, spec.registry(), STOP_GRACE, FailureKind.SMOKE_FAILED)) {
      health = new HealthPoller().poll(port, spec.probe(), tree::exitCode, spec.timeout());
    }
    return new SmokeResult(
        health,
        port,
        spec.timeout(),
        spec.logFile(),
        health instanceof HealthResult.Healthy
            ? Optional.empty()
            : FirstException.inLog(spec.logFile(), logStart),
        attempt);
  }

  /**
   * A loopback port nobody listens on right now: bind port 0, read what the OS chose, close. The OS
   * picks such ports from its ephemeral range, spread out, so another program is unlikely to be
   * handed the same one in the moment before the release binds it.
   */
  private static int freeLoopbackPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port", e);
    }
  }

  /**
   * Marks where this run's output starts in a log kept across runs; returns that byte offset, from
   * which {@link FirstException#inLog} searches. Names no environment value.
   */
  private static long appendHeader(Path log, int port, ProcessSpec process) {
    try {
      Files.createDirectories(log.toAbsolutePath().getParent());
      String header =
          String.format(
              "%n--- slipway smoke start %s PORT=%d: %s%n", Instant.now(), port, process.summary());
      Files.writeString(
          log,
          header,
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
      return Files.size(log);
    } catch (IOException e) {
      throw new SlipwayException(
          FailureKind.ROOT_LAYOUT,
          "LOG_UNWRITABLE",
          "cannot write the smoke-start log "
              + log
              + "; make the release folder writable for this user",
          e.toString(),
          null);
    }
  }
}
