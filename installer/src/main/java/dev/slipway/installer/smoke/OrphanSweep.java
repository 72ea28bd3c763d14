package dev.slipway.installer.smoke;

import dev.slipway.installer.layout.ReleaseRoot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Stops every process an earlier, killed run on this root left behind, including one started in
 * the instant before it was recorded in children.json (found by the reliability suite). Every
 * child the installer starts carries {@code SLIPWAY_OWNER=<root>} in its environment, which its
 * own children inherit; holding the root's lock, we know no live run owns such a process. Linux
 * only (it reads /proc/PID/environ); elsewhere the child registry is the only net.
 */
public final class OrphanSweep {
  static final String OWNER_VARIABLE = "SLIPWAY_OWNER";
  private static final Duration GRACE = Duration.ofSeconds(5);

  private OrphanSweep() {}

  /** The variable to add to every child's environment. */
  public static Map<String, String> ownerEnvironment(ReleaseRoot root) {
    return Map.of(OWNER_VARIABLE, owner(root));
  }

  /** @return how many processes were stopped */
  public static int stopOrphans(ReleaseRoot root) {
    byte[] marker = (OWNER_VARIABLE + "=" + owner(root)).getBytes(StandardCharsets.UTF_8);
    long self = ProcessHandle.current().pid();
    List<ProcessHandle> orphans = ProcessHandle.allProcesses()
        .filter(p -> p.pid() != self && p.isAlive() && carries(p.pid(), marker))
        .toList();
    orphans.forEach(ProcessHandle::destroy);
    Instant deadline = Instant.now().plus(GRACE);
    for (ProcessHandle orphan : orphans) {
      try {
        orphan.onExit().get(Math.max(1, Duration.between(Instant.now(), deadline).toMillis()), java.util.concurrent.TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        orphan.destroyForcibly();
      }
    }
    return orphans.size();
  }

  /**
   * The root as the mark names it: its real path. Runs may name one root differently (through a
   * link, or relative to another folder), and they share its lock, so a run must recognise what
   * any of them left behind; the absolute path alone did not (found by review).
   */
  private static String owner(ReleaseRoot root) {
    try {
      return root.path().toRealPath().toString();
    } catch (IOException e) {
      return root.path().toString(); // not made yet, so nothing carries its mark
    }
  }

  /**
   * Whether {@code pid} carries the mark of {@code root}; true where no process's environment can
   * be read (not Linux), where the registry's start-instant checks are all we have.
   */
  public static boolean marked(ReleaseRoot root, long pid) {
    if (!Files.isReadable(Path.of("/proc/self/environ"))) {
      return true;
    }
    return carries(pid, (OWNER_VARIABLE + "=" + owner(root)).getBytes(StandardCharsets.UTF_8));
  }

  private static boolean carries(long pid, byte[] marker) {
    Path environ = Path.of("/proc", Long.toString(pid), "environ");
    try {
      byte[] bytes = Files.readAllBytes(environ);
      int start = 0;
      for (int i = 0; i <= bytes.length; i++) {
        if (i == bytes.length || bytes[i] == 0) {
          if (i - start == marker.length && java.util.Arrays.equals(bytes, start, i, marker, 0, marker.length)) {
            return true;
          }
          start = i + 1;
        }
      }
    } catch (IOException | SecurityException e) {
      // gone, not ours, or not Linux
    }
    return false;
  }
}
