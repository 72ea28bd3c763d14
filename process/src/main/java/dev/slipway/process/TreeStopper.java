package dev.slipway.process;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Stops a process tree: the root, everything below it, and every member of the process group we
 * created for it.
 *
 * <p>Both are needed. {@code npm run start} forwards SIGTERM to the shell it spawned but not on to
 * {@code next-server} below that shell, so signalling the root alone leaves the server running. A
 * grandchild whose parent has exited is reparented (to PID 1 or a subreaper) and no longer shows in
 * {@link ProcessHandle#descendants()}, but it stays in its process group, so a group signal still
 * reaches it. A process that moved itself to another group is still a descendant. Windows has no
 * such groups; there the descendants are all we have.
 *
 * <p>Sequence: SIGTERM to the group and to the known processes outside it, wait up to the grace
 * period for them to go, then SIGKILL; and again, because a dying process may have spawned another
 * while we were stopping it, until nothing of the tree runs.
 */
public final class TreeStopper {

  private static final Duration POLL = Duration.ofMillis(50);

  /** How long a SIGKILLed process may take to disappear before we send the next round. */
  private static final Duration KILL_WAIT = Duration.ofSeconds(5);

  /** SIGKILL rounds before giving up (only a process stuck in uninterruptible I/O survives). */
  private static final int KILL_ROUNDS = 10;

  private final ProcessTable table;
  private final Optional<ProcessHandle> root;
  private final OptionalLong group;

  /**
   * @param root the process the tree was started as, if it is known to be ours
   * @param group the process group created for the tree, if any; never this JVM's own group
   */
  public TreeStopper(ProcessTable table, Optional<ProcessHandle> root, OptionalLong group) {
    this.table = table;
    this.root = root;
    OptionalLong own = table.processGroupOf(ProcessHandle.current().pid());
    // Signalling our own group would kill the installer and whatever shell or service runs it.
    this.group =
        group.isPresent() && own.isPresent() && own.getAsLong() == group.getAsLong()
            ? OptionalLong.empty()
            : group;
  }

  /**
   * Stops everything; returns when nothing of the tree runs.
   *
   * @throws IllegalStateException if some process survives repeated SIGKILLs (stuck in
   *     uninterruptible I/O); its pid is named
   */
  public void stop(Duration grace) {
    Set<ProcessHandle> known = new LinkedHashSet<>();
    if (!anythingRunning(known)) {
      return;
    }
    signal(known, false);
    Polling.awaitUninterruptibly(() -> !anythingRunning(known), grace, POLL);
    for (int round = 0; anythingRunning(known); round++) {
      if (round == KILL_ROUNDS) {
        throw new IllegalStateException(
            "processes survived SIGKILL (stuck in uninterruptible I/O?): " + runningPids(known));
      }
      signal(known, true);
      Polling.awaitUninterruptibly(() -> !anythingRunning(known), KILL_WAIT, POLL);
    }
  }

  /** The pids of the tree that run now: root, its descendants and the group's members. */
  Set<Long> runningPids() {
    Set<ProcessHandle> known = new LinkedHashSet<>();
    anythingRunning(known);
    return runningPids(known);
  }

  private Set<Long> runningPids(Set<ProcessHandle> known) {
    return known.stream()
        .filter(table::isRunning)
        .map(ProcessHandle::pid)
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  /**
   * Adds what runs now to {@code known} and says whether anything known still runs. Handles are
   * kept across calls so that a process seen as a descendant once is still tracked after its parent
   * died and it was reparented; {@link ProcessHandle} compares start times, so a reused pid is not
   * mistaken for it.
   */
  private boolean anythingRunning(Set<ProcessHandle> known) {
    root.ifPresent(known::add);
    for (ProcessHandle process : new ArrayList<>(known)) {
      if (table.isRunning(process)) {
        process.descendants().forEach(known::add);
      }
    }
    if (group.isPresent()) {
      known.addAll(table.runningMembersOf(group.getAsLong()));
    }
    long self = ProcessHandle.current().pid();
    known.removeIf(p -> p.pid() == self);
    return known.stream().anyMatch(table::isRunning);
  }

  private void signal(Set<ProcessHandle> known, boolean kill) {
    boolean groupSignalled =
        group.isPresent() && signalGroup(group.getAsLong(), kill ? "KILL" : "TERM");
    for (ProcessHandle process : known) {
      if (!table.isRunning(process)) {
        continue;
      }
      if (!kill && groupSignalled && table.processGroupOf(process.pid()).equals(group)) {
        continue; // already got its SIGTERM; a second one can cut a graceful shutdown short
      }
      if (kill) {
        process.destroyForcibly();
      } else {
        process.destroy(); // SIGTERM on Unix; TerminateProcess on Windows
      }
    }
  }

  /**
   * {@code kill -SIG -- -PGID}: a negative pid addresses the whole group (kill(1), kill(2)). The
   * JDK cannot signal a group. Only sent while the group has a running member: a process group id
   * is a pid, and once the group is empty that pid may be reused.
   */
  private boolean signalGroup(long pgid, String signal) {
    if (table.runningMembersOf(pgid).isEmpty()) {
      return false;
    }
    try {
      Process kill =
          new ProcessBuilder("kill", "-" + signal, "--", "-" + pgid)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      boolean interrupted = false;
      while (true) {
        try {
          if (!kill.waitFor(5, TimeUnit.SECONDS)) {
            kill.destroyForcibly();
            return false;
          }
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      return kill.exitValue() == 0;
    } catch (IOException e) {
      return false; // no kill(1): the per-process signals below still apply
    }
  }
}
