package dev.slipway.process;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * What {@link ProcessHandle} does not tell: whether a process is a zombie, and which processes
 * belong to a process group.
 *
 * <p>Zombies matter because {@link ProcessHandle#isAlive()} is true for them (the JDK probes with
 * {@code kill(pid, 0)}, which succeeds until the zombie is reaped), and a killed grandchild that
 * was reparented stays a zombie for good when PID 1 does not reap orphans: a container whose
 * entrypoint is not an init does exactly that. A zombie runs no code and holds no port, so here it
 * counts as gone.
 *
 * <p>Linux answers from {@code /proc/PID/stat}; other Unix systems from {@code ps}; Windows has
 * neither zombies nor process groups we create, so it answers from {@link ProcessHandle} alone.
 */
public final class ProcessTable {

  private enum Source {
    PROC_FS,
    PS,
    NONE
  }

  private final Source source;

  private ProcessTable(Source source) {
    this.source = source;
  }

  /** The table of the operating system this JVM runs on. */
  public static ProcessTable forThisOs() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    if (os.startsWith("windows")) {
      return new ProcessTable(Source.NONE);
    }
    if (Files.isReadable(Path.of("/proc/self/stat"))) {
      return new ProcessTable(Source.PROC_FS);
    }
    return new ProcessTable(Source.PS);
  }

  /** Whether process groups exist here (every Unix; not Windows). */
  public boolean hasProcessGroups() {
    return source != Source.NONE;
  }

  /** Alive and not a zombie. Also false when the pid now belongs to another process. */
  public boolean isRunning(ProcessHandle process) {
    if (!process.isAlive()) {
      return false;
    }
    // No row: under /proc the process exited after isAlive(); without ps or on Windows we only
    // have isAlive() to go by.
    return stat(process.pid()).map(Stat::running).orElse(source != Source.PROC_FS);
  }

  /** The process group of a running process; empty when it is gone or groups are unknown here. */
  public OptionalLong processGroupOf(long pid) {
    Optional<Stat> stat = stat(pid);
    return stat.isPresent() ? OptionalLong.of(stat.get().pgid()) : OptionalLong.empty();
  }

  /** The running (non-zombie) members of process group {@code pgid}. */
  public List<ProcessHandle> runningMembersOf(long pgid) {
    List<ProcessHandle> members = new ArrayList<>();
    for (Stat stat : all()) {
      if (stat.pgid() == pgid && stat.running()) {
        ProcessHandle.of(stat.pid()).ifPresent(members::add);
      }
    }
    return members;
  }

  /** One row of the table: pid, process group and the one-letter state ('Z' = zombie). */
  record Stat(long pid, long pgid, char state) {
    boolean running() {
      // Z: zombie; X: dead, being removed (Linux); anything else still runs code.
      return state != 'Z' && state != 'X';
    }
  }

  private Optional<Stat> stat(long pid) {
    switch (source) {
      case PROC_FS:
        return readProcStat(Path.of("/proc", Long.toString(pid), "stat"));
      case PS:
        return ps("-p", Long.toString(pid)).stream().filter(s -> s.pid() == pid).findFirst();
      default:
        return Optional.empty();
    }
  }

  private List<Stat> all() {
    switch (source) {
      case PROC_FS:
        List<Stat> rows = new ArrayList<>();
        try (DirectoryStream<Path> dirs =
            Files.newDirectoryStream(Path.of("/proc"), ProcessTable::isPidDir)) {
          for (Path dir : dirs) {
            readProcStat(dir.resolve("stat")).ifPresent(rows::add);
          }
        } catch (IOException e) {
          // /proc vanished under us? Report nothing rather than guess.
        }
        return rows;
      case PS:
        return ps("-A");
      default:
        return List.of();
    }
  }

  private static boolean isPidDir(Path dir) {
    String name = dir.getFileName().toString();
    return !name.isEmpty() && name.chars().allMatch(Character::isDigit);
  }

  /**
   * Parses {@code pid (comm) state ppid pgrp ...} (proc(5)). The command name may itself contain
   * spaces and parentheses, so the fields are counted from the last ')'.
   */
  static Optional<Stat> parseProcStat(String line) {
    int close = line.lastIndexOf(')');
    int space = line.indexOf(' ');
    if (close < 0 || space < 0) {
      return Optional.empty();
    }
    String[] rest = line.substring(close + 1).trim().split(" ");
    if (rest.length < 3) {
      return Optional.empty();
    }
    try {
      long pid = Long.parseLong(line.substring(0, space));
      return Optional.of(new Stat(pid, Long.parseLong(rest[2]), rest[0].charAt(0)));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Optional<Stat> readProcStat(Path statFile) {
    try {
      return parseProcStat(Files.readString(statFile, StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // the process exited between listing and reading
    }
  }

  /** {@code ps -o pid= -o pgid= -o stat=}: POSIX options, understood by BSD and procps ps alike. */
  private static List<Stat> ps(String... selection) {
    List<String> command = new ArrayList<>(List.of("ps"));
    command.addAll(List.of(selection));
    command.addAll(List.of("-o", "pid=", "-o", "pgid=", "-o", "stat="));
    List<Stat> rows = new ArrayList<>();
    try {
      Process ps =
          new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String out;
      try (InputStream in = ps.getInputStream()) {
        out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      ps.waitFor(5, TimeUnit.SECONDS);
      for (String line : out.split("\n")) {
        String[] f = line.trim().split("\\s+");
        if (f.length >= 3) {
          try {
            rows.add(new Stat(Long.parseLong(f[0]), Long.parseLong(f[1]), f[2].charAt(0)));
          } catch (NumberFormatException ignored) {
            // header or garbage line
          }
        }
      }
    } catch (IOException e) {
      // no ps: nothing we can add to what ProcessHandle knows
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return rows;
  }
}
