package dev.slipway.process;

import dev.slipway.testkit.OsProcesses;
import static dev.slipway.testkit.OsProcesses.assertAllDead;
import static dev.slipway.testkit.OsProcesses.assertNoneRunningWith;
import static dev.slipway.testkit.OsProcesses.await;
import static dev.slipway.testkit.OsProcesses.countLines;
import static dev.slipway.testkit.OsProcesses.runningWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

@EnabledOnOs(OS.LINUX)
class ProcessTreeTest {

  private static final Duration WAIT = Duration.ofSeconds(15);

  @TempDir Path dir;
  private Path log;

  @BeforeEach
  void writeScripts() throws IOException {
    log = dir.resolve("logs/tree.log");
    // Each script prints "ready" once its signal handlers are in place, so the test can stop the
    // tree knowing a SIGTERM would really be ignored.
    Files.writeString(
        dir.resolve("idle.js"), "setInterval(() => {}, 1000); console.log('ready');\n");
    Files.writeString(
        dir.resolve("ignores-term.js"),
        "process.on('SIGTERM', () => console.log('ignored SIGTERM'));\n"
            + "setInterval(() => {}, 1000); console.log('ready');\n");
  }

  @AfterEach
  void killLeftovers() {
    OsProcesses.killAllWith(dir.toString()); // only matters when a test failed
  }

  private ProcessTree startShell(String script) throws IOException {
    return startShell(script, Map.of());
  }

  private ProcessTree startShell(String script, Map<String, String> env) throws IOException {
    return ProcessTree.start(new ProcessSpec(List.of("sh", "-c", script), dir, env, log));
  }

  @Test
  void stopTreeKillsShellChildAndGrandchildThatIgnoresSigterm() throws Exception {
    ProcessTree tree =
        startShell(
            "node "
                + dir.resolve("ignores-term.js")
                + " & node "
                + dir.resolve("idle.js")
                + " & wait");
    await("two node processes ready", WAIT, () -> countLines(log, "ready") == 2);
    Set<Long> pids = new HashSet<>(tree.runningPids());
    pids.addAll(runningWith(dir.toString()));
    assertThat(pids).contains(tree.pid()).hasSizeGreaterThanOrEqualTo(3);

    tree.stopTree(Duration.ofMillis(500));

    assertAllDead(pids);
    assertNoneRunningWith(dir.toString());
    assertThat(Files.readString(log)).contains("ignored SIGTERM"); // so SIGKILL is what ended it
    assertThat(tree.isAlive()).isFalse();
    assertThat(tree.exitCode()).isPresent();
  }

  @Test
  void stopTreeKillsGrandchildReparentedAfterItsParentExited() throws Exception {
    ProcessTree tree = startShell("node " + dir.resolve("ignores-term.js") + " & exit 0");
    await("orphaned node ready", WAIT, () -> countLines(log, "ready") == 1);
    assertThat(tree.waitFor(WAIT)).isTrue();
    List<Long> orphans = runningWith(dir.toString());
    assertThat(orphans).hasSize(1);
    // The shell is gone, so the orphan is no longer anybody's descendant we could walk to...
    assertThat(
            ProcessHandle.of(orphans.get(0)).flatMap(ProcessHandle::parent).map(ProcessHandle::pid))
        .isNotEqualTo(java.util.Optional.of(tree.pid()));
    assertThat(tree.processGroup()).hasValue(tree.pid());

    tree.stopTree(Duration.ofMillis(300)); // ...but it is still in the tree's process group

    assertAllDead(orphans);
  }

  @Test
  void stopTreeIsIdempotentAndExitCodeIsReported() throws Exception {
    ProcessTree tree = startShell("exit 3");
    assertThat(tree.waitFor(WAIT)).isTrue();
    assertThat(tree.exitCode()).contains(3);
    tree.stopTree(Duration.ofSeconds(1));
    tree.stopTree(Duration.ofSeconds(1));
    tree.close();
    assertThat(tree.isAlive()).isFalse();
  }

  @Test
  void stopTreeFinishesWhenCallerIsInterruptedAndKeepsTheFlag() throws Exception {
    ProcessTree tree = startShell("node " + dir.resolve("ignores-term.js"));
    await("node ready", WAIT, () -> countLines(log, "ready") == 1);
    Set<Long> pids = tree.runningPids();

    Thread.currentThread().interrupt();
    try {
      tree.stopTree(Duration.ofMillis(300));
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
    assertAllDead(pids);
  }

  @Test
  void outputIsAppendedToTheLogFile() throws Exception {
    Files.createDirectories(log.getParent());
    Files.writeString(log, "earlier run\n");
    try (ProcessTree tree = startShell("echo out; echo err >&2")) {
      assertThat(tree.waitFor(WAIT)).isTrue();
    }
    assertThat(Files.readAllLines(log)).containsExactly("earlier run", "out", "err");
  }

  @Test
  void childGetsAddedVariablesAndOnlyTheBaseOfOurEnvironment() throws Exception {
    try (ProcessTree tree =
        startShell(
            "echo \"added=$SLIPWAY_ADDED\"; env | cut -d= -f1", Map.of("SLIPWAY_ADDED", "yes!"))) {
      assertThat(tree.waitFor(WAIT)).isTrue();
    }
    List<String> lines = Files.readAllLines(log);
    assertThat(lines).contains("added=yes!", "PATH");
    for (String name : lines.subList(1, lines.size())) {
      // sh itself adds PWD, SHLVL and _; everything else must come from the base or the spec
      assertThat(
              BaseEnvironment.isKept(name)
                  || Set.of("PWD", "SHLVL", "_", "OLDPWD", "SLIPWAY_ADDED").contains(name))
          .as("unexpected variable %s in the child", name)
          .isTrue();
    }
  }

  @Test
  void programThatDoesNotExistFailsToStartEvenThroughSetsid() {
    assertThatIOException()
        .isThrownBy(
            () ->
                ProcessTree.start(
                    new ProcessSpec(List.of("no-such-program-slipway"), dir, Map.of(), log)))
        .withMessageContaining("no-such-program-slipway");
    assertThatIOException()
        .isThrownBy(
            () -> ProcessTree.start(new ProcessSpec(List.of("./missing.sh"), dir, Map.of(), log)))
        .withMessageContaining("missing.sh");
  }

  @Test
  void programIsLookedUpOnThePathTheChildGets() throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path tool = Files.writeString(bin.resolve("slipway-tool"), "#!/bin/sh\necho tool ran\n");
    tool.toFile().setExecutable(true);
    try (ProcessTree tree =
        ProcessTree.start(
            new ProcessSpec(
                List.of("slipway-tool"),
                dir,
                Map.of("PATH", bin + ":" + System.getenv("PATH")),
                log))) {
      assertThat(tree.waitFor(WAIT)).isTrue();
      assertThat(tree.exitCode()).contains(0);
    }
    assertThat(Files.readAllLines(log)).containsExactly("tool ran");
  }
}
