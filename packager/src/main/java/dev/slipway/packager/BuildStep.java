package dev.slipway.packager;

import dev.slipway.process.BaseEnvironment;
import dev.slipway.process.ProcessSpec;
import dev.slipway.process.ProcessTree;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One step of {@code --build} or {@code --bundle-deps} ({@code npm ci}, {@code npm run build}),
 * run through the one process runner (issue #19). zt-exec, used before, stopped only npm on a
 * time-out and left the {@code next build} it had started running; a {@link ProcessTree} is a
 * session of its own, stopped whole on a time-out, an interrupt or the packager's own exit (Ctrl-C:
 * the tree has no terminal, so the signal reaches only us). Its output goes to a private temporary
 * file and is copied to {@code log} as it grows, so the user sees the build live and memory does
 * not grow with its output.
 */
final class BuildStep {
  private static final Duration FOLLOW_INTERVAL = Duration.ofMillis(200);
  private static final Duration STOP_GRACE = Duration.ofSeconds(5);
  /** Evidence: the last lines of the output, from at most its last 64 KiB. */
  private static final int TAIL_LINES = 15;
  private static final int TAIL_BYTES = 64 * 1024;

  /**
   * @param exitCode empty when the step did not finish in time and was stopped
   * @param tail its last lines, for the failure's evidence
   */
  record Outcome(Optional<Integer> exitCode, String tail) {}

  private BuildStep() {}

  static Outcome run(Path dir, List<String> command, OutputStream log, Duration timeout) throws IOException {
    Path output = Files.createTempFile("slipway-build", ".log"); // owner-only on POSIX
    Map<String, String> env = new TreeMap<>(BaseEnvironment.wholeOfThisProcess());
    env.put("NEXT_TELEMETRY_DISABLED", "1");
    try (ProcessTree tree = ProcessTree.start(new ProcessSpec(command, dir, env, output))) {
      Thread stopOnExit = new Thread(() -> tree.stopTree(STOP_GRACE), "slipway-stop-build");
      Runtime.getRuntime().addShutdownHook(stopOnExit);
      try (InputStream follow = Files.newInputStream(output)) {
        boolean finished = await(tree, timeout, follow, log);
        follow.transferTo(log);
        log.flush();
        if (!finished) {
          tree.stopTree(STOP_GRACE);
        }
        return new Outcome(finished ? tree.exitCode() : Optional.empty(), tail(output));
      } finally {
        removeHook(stopOnExit);
      }
    } finally {
      Files.deleteIfExists(output);
    }
  }

  /** Waits for the tree, copying its output to {@code log} meanwhile; false on a time-out. */
  private static boolean await(ProcessTree tree, Duration timeout, InputStream follow, OutputStream log)
      throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (!tree.waitFor(FOLLOW_INTERVAL)) {
        follow.transferTo(log);
        log.flush();
        if (System.nanoTime() - deadline > 0) {
          return false;
        }
      }
      return true;
    } catch (InterruptedException e) {
      tree.stopTree(STOP_GRACE);
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private static String tail(Path output) throws IOException {
    try (RandomAccessFile file = new RandomAccessFile(output.toFile(), "r")) {
      long start = Math.max(0, file.length() - TAIL_BYTES);
      byte[] bytes = new byte[(int) (file.length() - start)];
      file.seek(start);
      file.readFully(bytes);
      List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
      return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // The JVM is exiting (Ctrl-C): the hook is running and stops the tree.
    }
  }
}
