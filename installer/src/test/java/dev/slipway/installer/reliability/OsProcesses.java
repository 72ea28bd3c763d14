package dev.slipway.installer.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Linux process table, read from /proc: which processes run inside a folder. A process counts when
 * its working folder (its {@code /proc/PID/cwd}, also after that folder was deleted) or one of its
 * arguments is the folder or under it. Zombies (exited, not yet reaped) do not count: they hold
 * nothing but a pid.
 */
final class OsProcesses {
  private OsProcesses() {}

  /** {@code PID cwd=... cmd=...} for each live process inside {@code dir}. */
  static List<String> under(Path dir) {
    List<String> found = new ArrayList<>();
    for (long pid : pidsUnder(dir)) {
      found.add(pid + " cwd=" + cwd(pid).orElse("?") + " cmd=" + String.join(" ", cmdline(pid)));
    }
    return found;
  }

  static List<Long> pidsUnder(Path dir) {
    String folder = dir.toAbsolutePath().normalize().toString();
    long self = ProcessHandle.current().pid();
    List<Long> pids = new ArrayList<>();
    try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"))) {
      for (Path entry : proc) {
        String name = entry.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        long pid = Long.parseLong(name);
        if (pid == self || isZombie(pid)) {
          continue;
        }
        boolean inside = cwd(pid).map(c -> isUnder(c, folder)).orElse(false)
            || cmdline(pid).stream().anyMatch(arg -> isUnder(arg, folder));
        if (inside && !isZombie(pid)) {
          pids.add(pid);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot list /proc (these tests need Linux)", e);
    }
    return pids;
  }

  private static boolean isUnder(String path, String folder) {
    return path.equals(folder) || path.startsWith(folder + "/");
  }

  static Optional<String> cwd(long pid) {
    try {
      String target = Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "cwd")).toString();
      return Optional.of(target.endsWith(" (deleted)") ? target.substring(0, target.length() - 10) : target);
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // gone, or a kernel thread
    }
  }

  static List<String> cmdline(long pid) {
    try {
      String raw = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8);
      return raw.isEmpty() ? List.of() : List.of(raw.split("\0"));
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }

  /** State Z (zombie) or X (dead), from /proc/PID/stat; a process that is gone counts as dead. */
  static boolean isZombie(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      int close = stat.lastIndexOf(')');
      char state = stat.charAt(close + 2);
      return state == 'Z' || state == 'X';
    } catch (IOException | RuntimeException e) {
      return true;
    }
  }
}
