package dev.slipway.installer.process;

import dev.slipway.testkit.OsProcesses;
import dev.slipway.process.ProcessTree;
import dev.slipway.process.ProcessSpec;
import static dev.slipway.testkit.OsProcesses.assertAllDead;
import static dev.slipway.testkit.OsProcesses.await;
import static dev.slipway.testkit.OsProcesses.countLines;
import static dev.slipway.testkit.OsProcesses.running;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.format.FailureKind;
import dev.slipway.format.SlipwayException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
class ChildRegistryTest {

  private static final Duration WAIT = Duration.ofSeconds(15);

  @TempDir Path dir;
  private Path registryFile;
  private Path log;

  @BeforeEach
  void setUp() throws IOException {
    registryFile = dir.resolve(".slipway/children.json");
    log = dir.resolve("tree.log");
    Files.writeString(
        dir.resolve("ignores-term.js"),
        "process.on('SIGTERM', () => {}); setInterval(() => {}, 1000); console.log('ready');\n");
  }

  @AfterEach
  void killLeftovers() {
    OsProcesses.killAllWith(dir.toString());
  }

  private ProcessTree startNodeTree(String shellTail) throws IOException {
    return ProcessTree.start(
        new ProcessSpec(
            List.of("sh", "-c", "node " + dir.resolve("ignores-term.js") + shellTail),
            dir,
            Map.of(),
            log));
  }

  private ProcessTree startSleep() throws IOException {
    return ProcessTree.start(new ProcessSpec(List.of("sleep", "30"), dir, Map.of(), log));
  }

  @Test
  void nextRunReapsTreeRegisteredByAPreviousRun() throws Exception {
    ProcessTree tree = startNodeTree(" & wait");
    await("node ready", WAIT, () -> countLines(log, "ready") == 1);
    new ChildRegistry(registryFile).register(tree);
    Set<Long> pids = tree.runningPids();
    assertThat(pids).hasSize(2);

    // The "previous run" died without stopping anything; a new run opens the same file.
    List<ChildRecord> reaped = new ChildRegistry(registryFile).reapLeftovers();

    assertThat(reaped).extracting(ChildRecord::pid).containsExactly(tree.pid());
    assertAllDead(pids);
    assertThat(new ChildRegistry(registryFile).records()).isEmpty();
  }

  /** Issue #20: a record in a file someone else could write names a process without our mark. */
  @Test
  void aRecordedTreeWithoutTheOwnerMarkIsLeftRunningAndReported() throws Exception {
    ProcessTree tree = startSleep();
    try {
      new ChildRegistry(registryFile).register(tree);
      List<ChildRecord> notOurs = new java.util.ArrayList<>();

      List<ChildRecord> reaped = new ChildRegistry(registryFile, pid -> false).reapLeftovers(notOurs::add);

      assertThat(reaped).isEmpty();
      assertThat(notOurs).extracting(ChildRecord::pid).containsExactly(tree.pid());
      assertThat(ProcessHandle.of(tree.pid()).map(ProcessHandle::isAlive)).contains(true);
      assertThat(new ChildRegistry(registryFile).records()).as("the record is dropped, not retried").isEmpty();
    } finally {
      tree.stopTree(Duration.ofSeconds(2));
    }
  }

  @Test
  void reapStopsTheGroupWhenTheRecordedRootHasAlreadyExited() throws Exception {
    ProcessTree tree = startNodeTree(" & exit 0");
    await("node ready", WAIT, () -> countLines(log, "ready") == 1);
    new ChildRegistry(registryFile).register(tree);
    assertThat(tree.waitFor(WAIT)).isTrue();
    List<Long> orphans = OsProcesses.runningWith(dir.toString());
    assertThat(orphans).hasSize(1);

    assertThat(new ChildRegistry(registryFile).reapLeftovers()).hasSize(1);

    assertAllDead(orphans);
  }

  @Test
  void recordWithAnotherStartInstantDoesNotKillTheProcessNowHoldingThatPid() throws Exception {
    ProcessTree tree = startNodeTree("");
    try {
      await("node ready", WAIT, () -> countLines(log, "ready") == 1);
      Instant realStart = tree.startInstant();
      // What a record from before a reboot (or before pid reuse) looks like.
      Files.createDirectories(registryFile.getParent());
      Files.writeString(
          registryFile,
          "{\"children\":[{\"pid\":"
              + tree.pid()
              + ",\"processGroup\":"
              + tree.pid()
              + ",\"startInstant\":\""
              + realStart.minus(Duration.ofHours(1))
              + "\",\"command\":\"node server.js\"}]}");

      List<ChildRecord> reaped = new ChildRegistry(registryFile).reapLeftovers();

      assertThat(reaped).isEmpty();
      assertThat(running(tree.pid())).isTrue();
      assertThat(OsProcesses.runningWith(dir.toString())).isNotEmpty();
      assertThat(new ChildRegistry(registryFile).records()).isEmpty();
    } finally {
      tree.stopTree(Duration.ofMillis(200));
    }
  }

  @Test
  void unregisterRemovesOnlyThatTreeAndLeavesNoTemporaryFiles() throws Exception {
    ChildRegistry registry = new ChildRegistry(registryFile);
    try (ProcessTree first = startSleep();
        ProcessTree second = startSleep()) {
      registry.register(first);
      registry.register(second);
      assertThat(registry.records())
          .extracting(ChildRecord::pid)
          .containsExactly(first.pid(), second.pid());
      assertThat(registry.records().get(0).processGroup()).hasValue(first.pid());
      assertThat(registry.records().get(0).command()).isEqualTo("sleep 30");

      registry.unregister(first);

      assertThat(new ChildRegistry(registryFile).records())
          .extracting(ChildRecord::pid)
          .containsExactly(second.pid());
    }
    try (var files = Files.list(registryFile.getParent())) {
      assertThat(files).containsExactly(registryFile);
    }
  }

  @Test
  void missingFileMeansNoLeftovers() {
    assertThat(new ChildRegistry(registryFile).reapLeftovers()).isEmpty();
  }

  @Test
  void unreadableFileIsARootLayoutErrorNamingTheFile() throws IOException {
    Files.createDirectories(registryFile.getParent());
    Files.writeString(registryFile, "{\"children\": [ {\"pid\": ");

    assertThatThrownBy(() -> new ChildRegistry(registryFile).reapLeftovers())
        .isInstanceOfSatisfying(
            SlipwayException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(FailureKind.ROOT_LAYOUT);
              assertThat(e.causeCode()).isEqualTo("CHILD_REGISTRY_CORRUPT");
              assertThat(e.getMessage()).contains(registryFile.toString());
            });
  }
}
