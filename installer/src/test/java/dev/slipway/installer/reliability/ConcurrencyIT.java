package dev.slipway.installer.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.installer.layout.RootLock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #6, two installers on one root: two installs started together, and an install racing a
 * rollback, repeated. Promise: exactly one proceeds; the other exits 25 (LOCKED) at once, leaving
 * the root alone, and the first line of its stderr names the holder by pid.
 */
class ConcurrencyIT {
  static final int ROUNDS = Integer.getInteger("reliability.concurrencyRounds", 10);

  @TempDir Path tmp;
  Root root;

  @AfterEach
  void killLeftovers() {
    if (root != null) {
      root.killProcesses();
    }
  }

  @Test
  void twoInstallsStartedTogether() throws Exception {
    root = Root.create(tmp.resolve("root"));
    Path logs = tmp.resolve("logs");
    Map<String, Path> archives = new java.util.TreeMap<>();
    for (String id : List.of("b2", "c3", "d4")) {
      archives.put(id, TinyApps.archive(id));
    }
    for (int round = 0; round < ROUNDS; round++) {
      // Two archives that are not live: installing the live one changes nothing and holds the lock
      // only for an instant (issue #24), so the two would not race.
      String live = round == 0 ? "" : root.requireLive();
      List<Path> racing = archives.entrySet().stream().filter(e -> !live.endsWith("-" + e.getKey()))
          .map(Map.Entry::getValue).limit(2).toList();
      Cli.Running first = Cli.start(logs, Map.of(), "install", racing.get(0).toString(), "--root", root.arg());
      Cli.Running second = Cli.start(logs, Map.of(), "install", racing.get(1).toString(), "--root", root.arg());
      Cli.Result one = first.awaitExit(Duration.ofMinutes(2));
      Cli.Result two = second.awaitExit(Duration.ofMinutes(2));

      Cli.Result winner = exactlyOneProceeded("round " + round, one, two);
      assertThat(root.path().resolve("releases").resolve(root.requireLive()).toString())
          .as("current is the winner's release").isEqualTo(winner.lastStdoutLine());
      root.assertComplete(root.requireLive());
      assertThat(root.stagingDirs()).isEmpty();
      root.assertLockFree();
    }
    assertThat(root.serveCurrent(logs)).startsWith("tiny ");
  }

  @Test
  void anInstallRacingARollback() throws Exception {
    root = Root.create(tmp.resolve("root"));
    Path logs = tmp.resolve("logs");
    for (String id : List.of("a1", "b2")) {
      Cli.Result result = Cli.run(logs, "install", TinyApps.archive(id).toString(), "--root", root.arg());
      assertThat(result.exitCode()).as(result.toString()).isZero();
    }
    Path c3 = TinyApps.archive("c3");
    Path d4 = TinyApps.archive("d4");
    int rounds = Math.max(2, ROUNDS / 2);
    int rollbacksWon = 0;
    for (int round = 0; round < rounds; round++) {
      String live = root.requireLive();
      String target = root.releases().stream().filter(id -> !id.equals(live)).findFirst().orElseThrow();
      // The restart command keeps the rollback's lock for 2 s, as long as an install keeps it, so
      // the two always overlap; who starts first alternates.
      // Never the archive that is live: installing that changes nothing and holds the lock only for
      // an instant (issue #24), so the rollback would not overlap it.
      Path archive = live.endsWith("-c3") ? d4 : c3;
      List<String> install = List.of("install", archive.toString(), "--root", root.arg());
      List<String> rollback = List.of("rollback", "--root", root.arg(), "--to", target, "--restart-command", "sleep 2");
      boolean installFirst = round % 2 == 0;
      Cli.Running a = Cli.start(logs, Map.of(), List.of(), installFirst ? install : rollback);
      Cli.Running b = Cli.start(logs, Map.of(), List.of(), installFirst ? rollback : install);
      Cli.Result ra = a.awaitExit(Duration.ofMinutes(2));
      Cli.Result rb = b.awaitExit(Duration.ofMinutes(2));
      Cli.Result rollbackResult = installFirst ? rb : ra;

      Cli.Result winner = exactlyOneProceeded("round " + round, ra, rb);
      if (winner == rollbackResult) {
        rollbacksWon++;
        assertThat(root.live()).as("the rollback won").contains(target);
      } else {
        assertThat(root.path().resolve("releases").resolve(root.requireLive()).toString())
            .as("the install won").isEqualTo(winner.lastStdoutLine());
      }
      root.assertComplete(root.requireLive());
      assertThat(root.stagingDirs()).isEmpty();
      root.assertLockFree();
    }
    System.out.printf("install vs rollback: %d rounds, the rollback won %d%n", rounds, rollbacksWon);
  }

  /**
   * One result is 0, the other 25 with a first stderr line saying ROOT_LOCKED and naming the winner
   * by pid; returns the winner. (Before bug 4 was fixed the LOCKED run read lock.holder once, at
   * once, and 2 to 6 rounds in 10 said "it has not written its name (yet)".)
   */
  private Cli.Result exactlyOneProceeded(String round, Cli.Result one, Cli.Result two) {
    assertThat(List.of(one.exitCode(), two.exitCode()))
        .as(round + ": exactly one proceeds, the other is LOCKED\n--- first: " + one + "\n--- second: " + two)
        .containsExactlyInAnyOrder(0, 25);
    Cli.Result winner = one.exitCode() == 0 ? one : two;
    Cli.Result loser = winner == one ? two : one;
    String line = loser.firstStderrLine();
    assertThat(line).as(round + ": the LOCKED run's first line\n" + loser)
        .startsWith("error: ROOT_LOCKED: another installer holds the lock on " + root.path() + ": ");
    assertThat(line).as(round + ": the holder named is the winner\n" + loser).contains(": pid " + winner.pid() + " on ");
    assertThat(loser.millis()).as(round + ": refused at once, without waiting").isLessThan(winner.millis());
    return winner;
  }

  /** A second installer that comes while the first one works names it: pid, host, since, command. */
  @Test
  void theLockedRunNamesTheHolder() throws Exception {
    root = Root.create(tmp.resolve("root"));
    Path logs = tmp.resolve("logs");
    Path b2 = TinyApps.archive("b2");
    Cli.Running holder = Cli.start(logs, Map.of("SLIPWAY_TEST_HOLD_AT", "verify"), "install", b2.toString(), "--root", root.arg());
    try {
      holder.awaitStderr("slipway-test: holding at verify", Duration.ofSeconds(60));
      Cli.Result second = Cli.run(logs, "rollback", "--root", root.arg());
      assertThat(second.exitCode()).as(second.toString()).isEqualTo(25);
      assertThat(second.firstStderrLine())
          .startsWith("error: ROOT_LOCKED: another installer holds the lock on " + root.path() + ": pid " + holder.pid() + " on ")
          .contains(", running \"install " + b2 + "\"");
    } finally {
      holder.kill9();
    }
  }

  /**
   * lock.holder is written just after the OS lock is taken, and read only once by a LOCKED run.
   * In between, a stale lock.holder left by a SIGKILLed run is still there (its run could not
   * delete it). Reproduced with this JVM as the new holder, caught before it writes its name: it
   * takes the lock over a stale lock.holder naming a dead pid. The LOCKED run may say it cannot
   * name the holder (yet), but must never send the operator after a process that does not exist.
   * (Bug 4, fixed: it named the dead pid.)
   */
  @Test
  void theLockedRunNeverNamesADeadHolder() throws Exception {
    root = Root.create(tmp.resolve("root"));
    Path logs = tmp.resolve("logs");
    Path state = java.nio.file.Files.createDirectories(root.path().resolve(".slipway"));
    ObjectMapper json = new ObjectMapper();
    long dead = deadPid();
    java.nio.file.Files.write(state.resolve("lock.holder"), json.writeValueAsBytes(
        new RootLock.Holder(dead, "this-host", "2026-01-01T00:00:00Z", "install killed.tar.gz")));
    try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(state.resolve("lock"),
            java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
        java.nio.channels.FileLock lock = channel.tryLock()) {
      assertThat(lock).as("this JVM holds the root's lock").isNotNull();
      // This holder has not written its name yet (between tryLock and AtomicFiles.write).
      Cli.Running second = Cli.start(logs, Map.of(), "rollback", "--root", root.arg());
      Cli.Result result = second.awaitExit(Duration.ofSeconds(60));
      assertThat(result.exitCode()).as(result.toString()).isEqualTo(25);
      assertThat(result.firstStderrLine()).as(result.toString())
          .doesNotContain("pid " + dead + " ")
          .contains("it has not written its name to");
    }
  }

  /** A pid that no process has now: a process that ran and exited. */
  private static long deadPid() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    return p.pid();
  }
}
