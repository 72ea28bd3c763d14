package dev.slipway.process;

import dev.slipway.testkit.OsProcesses;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class ProcessTableTest {

  private final ProcessTable table = ProcessTable.forThisOs();

  @Test
  @EnabledOnOs(OS.LINUX)
  void zombieCountsAsNotRunningAlthoughTheJdkCallsItAlive() throws Exception {
    // `true` exits at once; the shell then becomes `sleep`, which never reaps it: a zombie.
    Process parent = new ProcessBuilder("sh", "-c", "true & exec sleep 30").start();
    try {
      OsProcesses.await(
          "a zombie child", Duration.ofSeconds(10), () -> zombieChildOf(parent).isPresent());
      ProcessHandle zombie = zombieChildOf(parent).orElseThrow();

      assertThat(zombie.isAlive()).as("JDK view of a zombie").isTrue();
      assertThat(table.isRunning(zombie)).isFalse();
      assertThat(table.isRunning(parent.toHandle())).isTrue();
    } finally {
      parent.destroyForcibly().waitFor();
    }
  }

  @Test
  @EnabledOnOs({OS.LINUX, OS.MAC})
  void runningMembersOfAGroupAreListed() throws Exception {
    long ownGroup = table.processGroupOf(ProcessHandle.current().pid()).orElseThrow();
    Process child = new ProcessBuilder("sleep", "30").start(); // inherits our process group
    try {
      assertThat(table.processGroupOf(child.pid())).hasValue(ownGroup);
      List<ProcessHandle> members = table.runningMembersOf(ownGroup);
      assertThat(members)
          .extracting(ProcessHandle::pid)
          .contains(ProcessHandle.current().pid(), child.pid());
    } finally {
      child.destroyForcibly().waitFor();
    }
    assertThat(table.runningMembersOf(ownGroup))
        .extracting(ProcessHandle::pid)
        .doesNotContain(child.pid());
  }

  @Test
  void procStatLineWithParenthesesInTheCommandNameIsParsed() {
    assertThat(ProcessTable.parseProcStat("4242 (my (odd) name) S 1 4240 4240 0 -1 4194560"))
        .contains(new ProcessTable.Stat(4242, 4240, 'S'));
    assertThat(ProcessTable.parseProcStat("garbage")).isEmpty();
  }

  private static Optional<ProcessHandle> zombieChildOf(Process parent) {
    return parent.children().filter(c -> !OsProcesses.running(c.pid())).findFirst();
  }
}
