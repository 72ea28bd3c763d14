package dev.slipway.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Test-side view of the Linux process table, read from /proc independently of the code under test.
 * A zombie counts as dead: it runs no code, and in a container whose PID 1 does not reap orphans a
 * killed, reparented grandchild stays one forever.
 */
public final class OsProcesses {

  private OsProcesses() {}

  public static boolean running(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      char state = stat.substring(stat.lastIndexOf(')') + 2).charAt(0);
      return state != 'Z' && state != 'X';
    } catch (IOException e) {
      return false;
    }
  }

  /** Running processes whose command line contains {@code marker}. */
  public static List<Long> runningWith(String marker) {
    List<Long> pids = new ArrayList<>();
    try (DirectoryStream<Path> dirs =
        Files.newDirectoryStream(
            Path.of("/proc"), d -> d.getFileName().toString().matches("\\d+"))) {
      for (Path dir : dirs) {
        try {
          String cmdline =
              new String(Files.readAllBytes(dir.resolve("cmdline")), StandardCharsets.UTF_8)
                  .replace('\0', ' ');
          long pid = Long.parseLong(dir.getFileName().toString());
          if (cmdline.contains(marker) && pid != ProcessHandle.current().pid() && running(pid)) {
            pids.add(pid);
          }
        } catch (IOException ignored) {
          // exited while we looked
        }
      }
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return pids;
  }

  public static void assertNoneRunningWith(String marker) {
    assertThat(runningWith(marker))
        .as("processes still running with %s in their command line", marker)
        .isEmpty();
  }

  public static void assertAllDead(Iterable<Long> pids) {
    for (long pid : pids) {
      assertThat(running(pid)).as("pid %d still runs", pid).isFalse();
    }
  }

  /** Polls until {@code condition} holds; fails the test after {@code timeout}. */
  public static void await(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /** Number of lines of {@code log} equal to {@code line}. */
  public static long countLines(Path log, String line) {
    try {
      return Files.exists(log) ? Files.readAllLines(log).stream().filter(line::equals).count() : 0;
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** A kill-only-if-needed cleanup for tests: SIGKILL whatever still runs with the marker. */
  public static void killAllWith(String marker) {
    for (long pid : runningWith(marker)) {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
  }
}
