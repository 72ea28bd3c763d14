package dev.slipway.installer.process;

import dev.slipway.testkit.OsProcesses;
import dev.slipway.process.ProcessTree;
import dev.slipway.process.ProcessSpec;
import static dev.slipway.testkit.OsProcesses.assertAllDead;
import static dev.slipway.testkit.OsProcesses.assertNoneRunningWith;
import static dev.slipway.testkit.OsProcesses.await;
import static dev.slipway.testkit.OsProcesses.countLines;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

@EnabledOnOs(OS.LINUX)
class ShutdownGuardTest {

  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path dir;
  private Path script;
  private Path log;

  @BeforeEach
  void setUp() throws IOException {
    script =
        Files.writeString(
            dir.resolve("idle.js"), "setInterval(() => {}, 1000); console.log('ready');\n");
    log = dir.resolve("tree.log");
  }

  @AfterEach
  void killLeftovers() {
    OsProcesses.killAllWith(dir.toString());
  }

  @Test
  void sigtermToTheJvmStopsTheTreeRegisteredInAGuardedRegistry() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process jvm =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                ShutdownGuardDemo.class.getName(),
                dir.toString(),
                script.toString(),
                log.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("jvm.out").toFile())
            .start();
    try {
      await("guarded node ready", WAIT, () -> countLines(log, "ready") == 1);
      await(
          "the guard tracking it",
          WAIT,
          () -> readOrEmpty(dir.resolve("jvm.out")).startsWith("guarding "));
      assertThat(OsProcesses.runningWith(dir.toString())).isNotEmpty();

      jvm.destroy(); // SIGTERM, as systemd or docker stop would send

      assertThat(jvm.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
      assertNoneRunningWith(dir.toString());
    } finally {
      jvm.destroyForcibly();
    }
  }

  @Test
  void stopAllStopsTrackedTreesButNotUntrackedOnes() throws Exception {
    ShutdownGuard guard = ShutdownGuard.notInstalled(Duration.ofMillis(500));
    try (ProcessTree tracked = start();
        ProcessTree untracked = start()) {
      await("both ready", WAIT, () -> countLines(log, "ready") == 2);
      Set<Long> trackedPids = tracked.runningPids();
      guard.track(tracked);
      guard.track(untracked);
      guard.untrack(untracked);

      guard.stopAll();

      assertAllDead(trackedPids);
      assertThat(untracked.runningPids()).isNotEmpty();
    }
  }

  @Test
  void guardedRegistryTracksWhileRegisteredOnly() throws Exception {
    ShutdownGuard guard = ShutdownGuard.notInstalled(Duration.ofMillis(500));
    ChildRegistry registry = new ChildRegistry(dir.resolve("children.json"), guard);
    try (ProcessTree registered = start();
        ProcessTree unregistered = start()) {
      await("both ready", WAIT, () -> countLines(log, "ready") == 2);
      Set<Long> registeredPids = registered.runningPids();
      registry.register(registered);
      registry.register(unregistered);
      registry.unregister(unregistered);

      guard.stopAll();

      assertAllDead(registeredPids);
      assertThat(unregistered.runningPids()).isNotEmpty();
    }
  }

  private static String readOrEmpty(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private ProcessTree start() throws IOException {
    return ProcessTree.start(
        new ProcessSpec(List.of("sh", "-c", "node " + script + " & wait"), dir, Map.of(), log));
  }
}
