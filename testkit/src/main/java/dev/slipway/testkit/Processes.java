package dev.slipway.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Process helpers for tests that must prove that nothing was left running (a smoke start that
 * failed, a server replaced by a new release).
 *
 * <p>Why command lines are also read straight from {@code /proc}: Next.js renames its server
 * process ({@code process.title = "next-server (v15.5.29)"}), which overwrites {@code argv} in
 * place. The JDK then reports the command line of that process as just {@code /usr/bin/node}
 * (it takes the executable from {@code /proc/PID/exe} and drops {@code argv[0]}), so a search
 * through {@link ProcessHandle.Info#commandLine()} alone can never find a running Next.js server.
 * We match against both.
 */
public final class Processes {
  private static final Duration POLL = Duration.ofMillis(100);

  private Processes() {}

  /**
   * This JVM's descendants still alive once {@code grace} has passed (or none, as soon as none is),
   * as "pid command" lines. A child the code under test killed a moment ago can still count as alive
   * until the JDK's reaper thread has collected its exit status (it shows as "PID ?", with no
   * command line): a check made at once then fails on a process that is already dead. A process
   * really left behind is still there after the grace.
   */
  public static List<String> descendantsAliveAfter(Duration grace) {
    long deadline = System.nanoTime() + grace.toNanos();
    while (true) {
      List<String> alive = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
          .map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList();
      if (alive.isEmpty() || System.nanoTime() > deadline) {
        return alive;
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return alive;
      }
    }
  }

  /** Pids of all live descendants (children, grandchildren, ...) of {@code pid}; empty if gone. */
  public static Set<Long> descendantsOf(long pid) {
    return ProcessHandle.of(pid)
        .map(h -> h.descendants().map(ProcessHandle::pid).collect(Collectors.toSet()))
        .orElse(Set.of());
  }

  /**
   * Live processes whose command line contains {@code needle}, except this JVM (whose own
   * command line may well mention what a test is looking for).
   */
  public static List<ProcessHandle> findByCommandLineContaining(String needle) {
    long self = ProcessHandle.current().pid();
    return ProcessHandle.allProcesses()
        .filter(ProcessHandle::isAlive)
        .filter(h -> h.pid() != self)
        .filter(h -> commandLineOf(h).contains(needle))
        .collect(Collectors.toList());
  }

  /**
   * Waits until no process matches {@code needle} (see {@link #findByCommandLineContaining}), or
   * fails with the survivors once {@code timeout} has passed. Polls, because a killed process
   * takes a moment to go, and a fixed sleep would be either flaky or slow.
   */
  public static void awaitNoneMatching(String needle, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<ProcessHandle> survivors = findByCommandLineContaining(needle);
    while (!survivors.isEmpty()) {
      if (System.nanoTime() - deadline >= 0) {
        throw new AssertionError(
            "still running after "
                + timeout
                + ", processes whose command line contains \""
                + needle
                + "\":\n"
                + describe(survivors));
      }
      pause();
      survivors = findByCommandLineContaining(needle);
    }
  }

  /**
   * Kills {@code root} and all its descendants (SIGKILL) and waits up to {@code wait} for them to
   * exit. The descendants are listed before anything is killed: once a parent dies its children
   * are re-parented and can no longer be found through it.
   */
  public static void destroyTree(ProcessHandle root, Duration wait) {
    List<ProcessHandle> all = new ArrayList<>(root.descendants().collect(Collectors.toList()));
    all.add(root);
    all.forEach(ProcessHandle::destroyForcibly);
    long deadline = System.nanoTime() + wait.toNanos();
    for (ProcessHandle h : all) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return;
      }
      try {
        h.onExit().get(left, TimeUnit.NANOSECONDS);
      } catch (TimeoutException | ExecutionException e) {
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * What we know of the command line of {@code h}: the JDK's view and, on Linux, the raw {@code
   * /proc/PID/cmdline} with its NUL separators turned into spaces. Empty if neither is readable
   * (another user's process, or one that just exited).
   */
  static String commandLineOf(ProcessHandle h) {
    String jdk = h.info().commandLine().orElse("");
    String proc = procCmdline(h.pid()).orElse("");
    return proc.isEmpty() ? jdk : jdk.isEmpty() ? proc : jdk + " | " + proc;
  }

  private static Optional<String> procCmdline(long pid) {
    Path file = Path.of("/proc", Long.toString(pid), "cmdline");
    try {
      byte[] raw = Files.readAllBytes(file);
      String joined = new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').strip();
      return joined.isEmpty() ? Optional.empty() : Optional.of(joined);
    } catch (IOException | SecurityException e) {
      return Optional.empty(); // not Linux, or the process is gone
    }
  }

  private static String describe(List<ProcessHandle> handles) {
    StringBuilder sb = new StringBuilder();
    for (ProcessHandle h : handles) {
      sb.append("  pid ")
          .append(h.pid())
          .append(" (parent ")
          .append(h.parent().map(p -> Long.toString(p.pid())).orElse("?"))
          .append("): ")
          .append(commandLineOf(h))
          .append('\n');
    }
    return sb.toString();
  }

  private static void pause() {
    try {
      Thread.sleep(POLL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for processes to exit", e);
    }
  }
}
