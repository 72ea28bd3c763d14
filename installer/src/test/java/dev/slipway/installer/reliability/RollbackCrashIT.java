package dev.slipway.installer.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #6 for {@code installer rollback}: killed with SIGKILL or stopped with SIGTERM at random
 * moments. A rollback has no hold points (it passes {@code StepHook.NONE}), so each test runs a
 * bounded loop of rollbacks between two releases, each one killed after a random delay drawn from
 * the length of an uninterrupted rollback, and checks the invariants after every kill.
 *
 * <p>Promises: {@code current} is always a link to one of the two releases, both stay complete,
 * the lock never outlives the process, and the next rollback and the next install work.
 */
class RollbackCrashIT {
  /** The step line just before the switch: rollback refreshes the target's env, then switches. */
  private static final String ENV_STEP_LINE = "environment for the target release";

  static final int ITERATIONS = Integer.getInteger("reliability.rollbackIterations", 20);

  @TempDir static Path shared;
  static Root template;
  static String a1;
  static String b2;
  static Path archiveC;

  @TempDir Path tmp;
  Root root;
  Path logs;

  @BeforeAll
  static void installA1ThenB2() throws IOException {
    archiveC = TinyApps.archive("c3");
    template = Root.create(shared.resolve("template"));
    for (String id : new String[] {"a1", "b2"}) {
      Cli.Result result = Cli.run(shared.resolve("logs"), "install", TinyApps.archive(id).toString(), "--root", template.arg());
      assertThat(result.exitCode()).as(result.toString()).isZero();
    }
    b2 = template.requireLive();
    a1 = template.releases().stream().filter(id -> !id.equals(b2)).findFirst().orElseThrow();
  }

  @BeforeEach
  void copyTemplate() throws Exception {
    root = template.copyTo(tmp.resolve("root"));
    logs = tmp.resolve("logs");
  }

  @AfterEach
  void killLeftovers() {
    root.killProcesses();
  }

  @Test
  void killNineAtRandomMoments() throws Exception {
    interruptRollbacks("KILL");
  }

  @Test
  void sigtermAtRandomMoments() throws Exception {
    interruptRollbacks("TERM");
  }

  private void interruptRollbacks(String signal) throws Exception {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    // The calibration run also measures how long a rollback goes on after its env step line: the
    // switch and the end of the run come in that tail, whose length changes with what the env step
    // and the switch do (#17, #20 made it longer). A fixed window after the line once missed the
    // switch in all ten tries; one sized from this run keeps most kills around the switch.
    Cli.Running calibrating = Cli.start(logs, Map.of(), "rollback", "--root", root.arg(), "--to", a1);
    calibrating.awaitStderr(ENV_STEP_LINE, Duration.ofSeconds(60));
    long lineSeen = System.nanoTime();
    Cli.Result calibration = calibrating.awaitExit(Duration.ofMinutes(3));
    long tail = Math.max(20, (System.nanoTime() - lineSeen) / 1_000_000);
    assertThat(calibration.exitCode()).as(calibration.toString()).isZero();
    assertThat(root.live()).contains(a1);
    long span = calibration.millis() * 11 / 10;

    int interrupted = 0;
    int switched = 0;
    int untold = 0;
    for (int i = 0; i < ITERATIONS; i++) {
      String from = root.requireLive();
      String to = from.equals(a1) ? b2 : a1;
      // Even iterations: anywhere in the run, JVM start and lock included. Odd ones: around the
      // switch, which comes ~10 ms after the env line and ~50 ms before the process ends.
      boolean nearTheSwitch = i % 2 == 1;
      long delay = nearTheSwitch ? (long) (random.nextDouble() * tail) : (long) (random.nextDouble() * span);
      String when = "iteration " + i + ", SIG" + signal + " " + delay + " ms after "
          + (nearTheSwitch ? "`" + ENV_STEP_LINE + "` (the run ends ~" + tail + " ms after it)" : "the start (a run takes ~" + span + " ms)")
          + " (seed " + seed + ")";

      Cli.Running run = Cli.start(logs, Map.of(), "rollback", "--root", root.arg(), "--to", to);
      if (nearTheSwitch) {
        run.awaitStderr(ENV_STEP_LINE, Duration.ofSeconds(60));
      }
      Cli.sleep(delay);
      boolean alive = run.isAlive();
      if ("KILL".equals(signal)) {
        run.kill9();
      } else {
        alive = run.signal("TERM");
      }
      Cli.Result result = run.awaitExit(Duration.ofSeconds(45));
      if (alive) {
        interrupted++;
      }

      if ("KILL".equals(signal)) {
        assertThat(result.exitCode()).as(when + ": " + result).isIn(0, 137);
      } else {
        assertThat(result.exitCode()).as(when + ": " + result).isIn(0, 143);
      }
      if (result.exitCode() == 0) {
        assertThat(root.live()).as(when + ": it finished").contains(to);
      }
      String live = root.requireLive();
      assertThat(live).as(when).isIn(a1, b2);
      root.assertComplete(a1);
      root.assertComplete(b2);
      root.assertLockFree();
      if (alive && live.equals(to)) {
        switched++;
      }
      if (result.exitCode() == 143 && live.equals(to) && !result.errorLine().contains(live)) {
        untold++; // bug 1, open: sigtermRightAfterTheSwitchIsReportedTruthfully (disabled)
      }
    }
    System.out.printf("rollback SIG%s x%d (seed %d): %d interrupted while running, %d of them after the switch;"
        + " %d exited 143 after the switch without naming the live release%n", signal, ITERATIONS, seed, interrupted, switched, untold);
    assertThat(interrupted).as("signals that reached a running rollback (seed %d)", seed).isGreaterThanOrEqualTo(ITERATIONS / 2);
    assertThat(switched).as("rollbacks interrupted after their switch (seed %d)", seed).isPositive();
    assertThat(switched).as("rollbacks interrupted before their switch (seed %d)", seed).isLessThan(interrupted);

    String from = root.requireLive();
    String to = from.equals(a1) ? b2 : a1;
    Cli.Result rollback = Cli.run(logs, "rollback", "--root", root.arg(), "--to", to);
    assertThat(rollback.exitCode()).as(rollback.toString()).isZero();
    assertThat(root.serveCurrent(logs)).contains(to.equals(a1) ? "tiny a1" : "tiny b2");

    Cli.Result install = Cli.run(logs, "install", archiveC.toString(), "--root", root.arg());
    assertThat(install.exitCode()).as(install.toString()).isZero();
    assertThat(root.stagingDirs()).isEmpty();
    assertThat(root.serveCurrent(logs)).contains("tiny c3");
  }

  /**
   * SIGTERM while the restart command runs, i.e. after the switch. What the rollback says must be
   * true. (Bug 1, fixed for this case: it said "current is unchanged" with the target live.)
   */
  @Test
  void sigtermDuringTheRestartCommandIsReportedTruthfully() throws Exception {
    Cli.Running run = Cli.start(logs, Map.of(), "rollback", "--root", root.arg(), "--to", a1,
        "--restart-command", "sleep 20");
    InstallKillIT.awaitChild(run, root, "sleep 20", Duration.ofSeconds(60));
    assertThat(run.signal("TERM")).as("the run was alive for the signal").isTrue();
    Cli.Result result = run.awaitExit(Duration.ofSeconds(45));

    assertThat(root.live()).as("the switch had happened: the restart command runs after it").contains(a1);
    assertTruthful(result, b2, a1, "");
    root.assertLockFree();
  }

  /**
   * Leave no process behind: SIGTERM during a restart command stops what the command started, not
   * only its shell (found by review: the shell went, `sleep` below it ran on).
   */
  @Test
  void sigtermDuringTheRestartCommandStopsWhatItStarted() throws Exception {
    Cli.Running run = Cli.start(logs, Map.of(), "rollback", "--root", root.arg(), "--to", a1,
        "--restart-command", "sleep 21; true"); // the `; true` keeps sh from exec'ing sleep
    InstallKillIT.awaitChild(run, root, "sleep 21", Duration.ofSeconds(60));
    long sleeper = sleepBelowTheShell();
    assertThat(run.signal("TERM")).as("the run was alive for the signal").isTrue();
    Cli.Result result = run.awaitExit(Duration.ofSeconds(45));

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(143);
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (ProcessHandle.of(sleeper).map(ProcessHandle::isAlive).orElse(false) && !OsProcesses.isZombie(sleeper)) {
      assertThat(System.nanoTime() - deadline).as("`sleep 21` (pid %d) still runs after the installer exited", sleeper)
          .isNegative();
      Cli.sleep(50);
    }
  }

  /** The `sleep 21` process itself (its shell's command line names it too). */
  private long sleepBelowTheShell() {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      for (long pid : OsProcesses.pidsUnder(root.path())) {
        if (OsProcesses.cmdline(pid).equals(java.util.List.of("sleep", "21"))) {
          return pid;
        }
      }
      assertThat(System.nanoTime() - deadline).as("no `sleep 21` process below the restart command's shell").isNegative();
      Cli.sleep(20);
    }
  }

  /**
   * SIGTERM the moment the rollback prints its switch: it lands in the last milliseconds (the
   * history line, releasing the lock), where the interrupt used to surface as
   * ClosedByInterruptException (bug 1 in docs/RELIABILITY.md, fixed). Ten tries, each must be
   * reported truthfully.
   */
  @Test
  void sigtermRightAfterTheSwitchIsReportedTruthfully() throws Exception {
    for (int i = 0; i < 10; i++) {
      String from = root.requireLive();
      String to = from.equals(a1) ? b2 : a1;
      Cli.Running run = Cli.start(logs, Map.of(), "rollback", "--root", root.arg(), "--to", to);
      run.awaitStderr("==> switched current from", Duration.ofSeconds(60));
      run.signal("TERM");
      Cli.Result result = run.awaitExit(Duration.ofSeconds(45));

      assertTruthful(result, from, to, "try " + i + ": ");
    }
  }

  /**
   * README, Rolling back: a rollback appends to history.jsonl. One aborted after its switch changed
   * current, so the history must say so. (Bug 2 for rollback, fixed: it wrote no line at all.)
   */
  @Test
  void anAbortedRollbackIsRecordedInTheHistory() throws Exception {
    int before = root.history().size();
    Cli.Running run = Cli.start(logs, Map.of(), "rollback", "--root", root.arg(), "--to", a1,
        "--restart-command", "sleep 20");
    InstallKillIT.awaitChild(run, root, "sleep 20", Duration.ofSeconds(60));
    assertThat(run.signal("TERM")).isTrue();
    Cli.Result result = run.awaitExit(Duration.ofSeconds(45));
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(143);

    var history = root.history();
    assertThat(history).hasSize(before + 1);
    var last = history.get(history.size() - 1);
    assertThat(last.path("action").asText()).isEqualTo("rollback");
    assertThat(last.path("result").asText()).isEqualTo("aborted");
    assertThat(last.path("releaseId").asText()).isEqualTo(a1);
    assertThat(last.path("fromReleaseId").asText()).isEqualTo(b2);
  }

  /**
   * What a rollback that ended after a SIGTERM says about current is true: exit 0 and the target
   * live; or 143 and, if current changed, a message naming the release now live, and if it did
   * not, no claim that it did (nor, with the target live, that it is unchanged).
   */
  private void assertTruthful(Cli.Result result, String from, String to, String when) {
    String live = root.requireLive();
    assertThat(live).as(when + "current is one of the two releases").isIn(from, to);
    if (result.exitCode() == 0) {
      assertThat(live).as(when + result).isEqualTo(to);
      return;
    }
    assertThat(result.exitCode()).as(when + result).isEqualTo(143);
    if (live.equals(from)) {
      assertThat(result.errorLine()).as(when + "current did not change\n" + result).doesNotContain("current now points to");
    } else {
      assertThat(result.errorLine()).as(when + "current changed to " + live + ": the abort must say so\n" + result)
          .contains(live).doesNotContain("current is unchanged");
    }
  }
}
