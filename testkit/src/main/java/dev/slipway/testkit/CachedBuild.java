package dev.slipway.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * One npm project, copied out of the source tree and built ({@code npm ci}, {@code npm run
 * build}) into {@code <cacheRoot>/<name>/}, and reused for as long as its {@link
 * SourceFingerprint} is unchanged.
 *
 * <p>Safe against the two ways a shared cache goes wrong:
 *
 * <ul>
 *   <li>Two JVMs building at once (surefire and failsafe forks, several Maven modules): every
 *       check-and-build runs under an OS file lock on {@code <cacheRoot>/<name>.lock}, so the
 *       second JVM waits and then finds the first one's result, while builds of other names go
 *       ahead. (An OS lock is per process, so within one JVM callers must serialize themselves
 *       per name, as {@link Example#built()} does.)
 *   <li>A build killed half way: the build happens in a temporary sibling directory, the stamp
 *       is written last, and only then is the directory renamed into place. A directory under
 *       the final name therefore always holds a finished build; leftovers are deleted by the
 *       next build.
 * </ul>
 *
 * <p>Not thread-safe; a package-private building block so that tests can exercise it on a tiny
 * fake project instead of the real, slow, Next.js example.
 */
final class CachedBuild {
  static final String STAMP = ".slipway-testkit-stamp";

  /**
   * Set for every npm/next child: no telemetry calls home (the machine has no network beyond the
   * registry, and a test must not depend on it), CI=1 makes npm and Next.js non-interactive, and
   * audit/fund/update checks would be needless registry round-trips.
   */
  static final Map<String, String> ENV =
      Map.of(
          "NEXT_TELEMETRY_DISABLED", "1",
          "CI", "1",
          "npm_config_audit", "false",
          "npm_config_fund", "false",
          "npm_config_update_notifier", "false");

  private static final int TAIL_LINES = 40;

  private final Path source;
  private final Path cacheRoot;
  private final String name;
  private final Duration stepTimeout;

  CachedBuild(Path source, Path cacheRoot, String name, Duration stepTimeout) {
    this.source = source.toAbsolutePath().normalize();
    this.cacheRoot = cacheRoot.toAbsolutePath().normalize();
    this.name = name;
    this.stepTimeout = stepTimeout;
  }

  /** Where the finished build lives (whether or not it exists yet). */
  Path target() {
    return cacheRoot.resolve(name);
  }

  /** Log of the last build's npm output, kept for whoever has to debug a failed build. */
  Path logFile() {
    return cacheRoot.resolve(name + ".build.log");
  }

  /** Returns {@link #target()}, building it first unless its stamp matches the sources. */
  Path ensureBuilt() {
    if (!Files.isRegularFile(source.resolve("package.json"))) {
      throw new IllegalStateException("no package.json in " + source);
    }
    try {
      Files.createDirectories(cacheRoot);
      String key = SourceFingerprint.of(source, nodeVersion());
      try (FileChannel channel =
              FileChannel.open(
                  cacheRoot.resolve(name + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = channel.lock()) {
        if (key.equals(stampOf(target()))) {
          return target();
        }
        removeLeftovers();
        build(key);
        return target();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("building " + source + " into " + target(), e);
    }
  }

  /** The key a finished build in {@code dir} was made for, or null if it has none. */
  static String stampOf(Path dir) throws IOException {
    Path stamp = dir.resolve(STAMP);
    return Files.isRegularFile(stamp) ? Files.readString(stamp).strip() : null;
  }

  private void build(String key) throws IOException {
    Path tmp = cacheRoot.resolve(name + ".tmp-" + UUID.randomUUID());
    Files.createDirectory(tmp);
    Files.deleteIfExists(logFile());
    try {
      System.err.printf("[testkit] building %s into %s (npm ci, npm run build)%n", source, target());
      Trees.copy(source, tmp, SourceFingerprint::isGenerated);
      run(tmp, true, "npm", "ci");
      run(tmp, true, "npm", "run", "build");
      Files.writeString(tmp.resolve(STAMP), key + "\n"); // last: it is what makes the build valid
      moveIntoPlace(tmp);
    } catch (IOException | RuntimeException | Error e) {
      try {
        Trees.deleteRecursively(tmp);
      } catch (UncheckedIOException cleanup) {
        e.addSuppressed(cleanup); // the build's own failure is the one to report
      }
      throw e;
    }
  }

  /** Replaces the old (stale) build, if any, with {@code tmp}; each rename is atomic. */
  private void moveIntoPlace(Path tmp) throws IOException {
    Path old = null;
    if (Files.exists(target())) {
      old = cacheRoot.resolve(name + ".old-" + UUID.randomUUID());
      Files.move(target(), old, StandardCopyOption.ATOMIC_MOVE);
    }
    Files.move(tmp, target(), StandardCopyOption.ATOMIC_MOVE);
    if (old != null) {
      Trees.deleteRecursively(old);
    }
  }

  /**
   * Deletes what killed builds left behind. Only called under the lock, when nobody else can be
   * building. Best effort: an orphaned {@code next build} may still be writing into its old temp
   * directory, and that must not stop this build.
   */
  private void removeLeftovers() throws IOException {
    try (DirectoryStream<Path> stale =
        Files.newDirectoryStream(cacheRoot, name + ".{tmp,old}-*")) {
      for (Path dir : stale) {
        try {
          Trees.deleteRecursively(dir);
        } catch (UncheckedIOException e) {
          System.err.println("[testkit] could not remove leftover " + dir + ": " + e.getCause());
        }
      }
    }
  }

  private String nodeVersion() {
    return run(source, false, "node", "-v").strip();
  }

  /**
   * Runs {@code command} in {@code dir} and returns its combined output, or throws with the tail
   * of that output. On timeout the whole process tree is killed, not just npm: {@code npm run
   * build} runs {@code next build}, which starts workers of its own, and orphans would go on
   * writing into a directory that is about to be deleted.
   *
   * @param log whether to append the output to {@link #logFile()}; only under the lock
   */
  private String run(Path dir, boolean log, String... command) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String what = String.join(" ", command);
    Path output;
    Process process;
    try {
      output = Files.createTempFile("cached-build", ".log");
      ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
          .redirectErrorStream(true)
          .redirectOutput(output.toFile());
      builder.environment().putAll(ENV);
      process = builder.start();
    } catch (IOException e) {
      throw new IllegalStateException("could not start `" + what + "` (is it on the PATH?)", e);
    }
    ProcessHandle handle = process.toHandle();
    // If the JVM is stopped normally mid-build (Ctrl-C), take the children down with it.
    Thread hook = new Thread(() -> Processes.destroyTree(handle, Duration.ofSeconds(5)));
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      boolean finished = process.waitFor(stepTimeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!finished) {
        Processes.destroyTree(handle, Duration.ofSeconds(10));
      }
      out.write(Files.readAllBytes(output));
      if (log) {
        appendToLog(what, out);
      }
      if (!finished) {
        throw failure("`" + what + "` timed out after " + stepTimeout, out, null);
      }
      if (process.exitValue() != 0) {
        throw failure("`" + what + "` failed with exit code " + process.exitValue(), out, null);
      }
      return out.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw failure("the output of `" + what + "` could not be read", out, e);
    } catch (InterruptedException e) {
      Processes.destroyTree(handle, Duration.ofSeconds(10));
      Thread.currentThread().interrupt();
      throw failure("interrupted while running `" + what + "`", out, e);
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException alreadyShuttingDown) {
        // The hook is running or about to; nothing to undo.
      }
      try {
        Files.deleteIfExists(output);
      } catch (IOException ignored) {
        // a temporary file; the OS cleans its temp folder
      }
    }
  }

  private IllegalStateException failure(String message, ByteArrayOutputStream out, Throwable cause) {
    return new IllegalStateException(
        message
            + " in "
            + source
            + " (full log: "
            + logFile()
            + "); last lines of its output:\n"
            + tail(out.toString(StandardCharsets.UTF_8)),
        cause);
  }

  static String tail(String output) {
    List<String> lines = output.lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
  }

  private void appendToLog(String what, ByteArrayOutputStream out) {
    try {
      Files.writeString(
          logFile(),
          "$ " + what + "\n" + out.toString(StandardCharsets.UTF_8) + "\n",
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      System.err.println("[testkit] could not write " + logFile() + ": " + e);
    }
  }
}
