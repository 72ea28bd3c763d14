package dev.slipway.installer.process;

import dev.slipway.process.ProcessTable;
import dev.slipway.process.Polling;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Processes still rooted in a staging folder once the tree started there was stopped (issue #20).
 * A server.js that double-forks a detached child with a cleared environment escapes every other
 * net: the child leaves the process group ({@code setsid}), is reparented when its parent exits
 * (so it is no descendant) and carries no {@code SLIPWAY_OWNER} mark. What it cannot shed is the
 * folder it came from: its working folder, its executable or an open file there.
 *
 * <p>Why a scan of {@code /proc/*}{@code /cwd}, {@code exe} and {@code fd} rather than a PID
 * namespace or a cgroup: a PID namespace ({@code unshare -p --fork}) needs root or user
 * namespaces and changes what the app sees (it becomes PID 1, with init's signal rules); a cgroup
 * needs a delegated cgroup v2 subtree, which neither a plain root shell nor most containers give.
 * The scan works wherever {@code /proc} does (Linux, any user, for the processes it may inspect:
 * root sees all) and asks nothing of the host. Its limit: a process that left the folder entirely
 * (chdir elsewhere, every file of it closed) is not found; it no longer holds the release either.
 * Elsewhere (no {@code /proc}) this finds nothing, and the process group and the owner mark are
 * the nets, as before.
 *
 * <p>Only ever for a staging folder, which no one else uses: the live release is where the
 * production server runs, so a sweep there (doctor's entry check) would stop production.
 */
public final class StrayProcesses {
  private static final Path PROC = Path.of("/proc");
  private static final Duration POLL = Duration.ofMillis(50);
  private static final int ROUNDS = 5;

  private StrayProcesses() {}

  /**
   * Stops (SIGTERM, then SIGKILL after {@code grace}) every process rooted in {@code folder} but
   * this JVM, again until a scan finds none (a dying process may start another).
   *
   * @return what was stopped, one "pid N (command)" each
   */
  public static List<String> stopAllInside(Path folder, Duration grace) {
    Optional<String> root = realPath(folder);
    if (root.isEmpty() || !Files.isDirectory(PROC.resolve("self"))) {
      return List.of();
    }
    ProcessTable table = ProcessTable.forThisOs();
    List<String> stopped = new ArrayList<>();
    for (int round = 0; round < ROUNDS; round++) {
      Map<ProcessHandle, String> found = inside(root.get());
      if (found.isEmpty()) {
        break;
      }
      found.forEach((process, what) -> stopped.add("pid " + process.pid() + " (" + what + ")"));
      found.keySet().forEach(ProcessHandle::destroy);
      Polling.awaitUninterruptibly(() -> found.keySet().stream().noneMatch(table::isRunning), grace, POLL);
      found.keySet().stream().filter(table::isRunning).forEach(ProcessHandle::destroyForcibly);
      Polling.awaitUninterruptibly(() -> found.keySet().stream().noneMatch(table::isRunning), grace, POLL);
    }
    return stopped;
  }

  /** The running processes (but this JVM) whose cwd, executable or an open file is under {@code root}. */
  static Map<ProcessHandle, String> inside(String root) {
    long self = ProcessHandle.current().pid();
    Map<ProcessHandle, String> found = new LinkedHashMap<>();
    try (DirectoryStream<Path> pids = Files.newDirectoryStream(PROC, p -> p.getFileName().toString().matches("\\d+"))) {
      for (Path pidDir : pids) {
        long pid = Long.parseLong(pidDir.getFileName().toString());
        if (pid != self && rootedIn(pidDir, root)) {
          ProcessHandle.of(pid).ifPresent(p -> found.put(p, p.info().commandLine().orElse("?")));
        }
      }
    } catch (IOException e) {
      // /proc unreadable: nothing found, as where there is none
    }
    return found;
  }

  private static boolean rootedIn(Path pidDir, String root) {
    if (under(pidDir.resolve("cwd"), root) || under(pidDir.resolve("exe"), root)) {
      return true;
    }
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(pidDir.resolve("fd"))) {
      for (Path fd : fds) {
        if (under(fd, root)) {
          return true;
        }
      }
    } catch (IOException | SecurityException e) {
      // gone, or not ours to inspect
    }
    return false;
  }

  /** Whether the /proc link {@code link} points under {@code root} (also once deleted there). */
  private static boolean under(Path link, String root) {
    try {
      String target = Files.readSymbolicLink(link).toString();
      if (target.endsWith(" (deleted)")) {
        target = target.substring(0, target.length() - " (deleted)".length());
      }
      return target.equals(root) || target.startsWith(root + "/");
    } catch (IOException | SecurityException | UnsupportedOperationException e) {
      return false;
    }
  }

  private static Optional<String> realPath(Path folder) {
    try {
      return Optional.of(folder.toRealPath().toString());
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
