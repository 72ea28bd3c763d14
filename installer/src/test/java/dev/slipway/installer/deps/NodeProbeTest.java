package dev.slipway.installer.deps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.slipway.format.Reporter;
import dev.slipway.format.SlipwayException;
import dev.slipway.installer.InstallRequest;
import dev.slipway.installer.Installer;
import dev.slipway.installer.StepHook;
import dev.slipway.installer.preflight.NodeRuntime;
import dev.slipway.installer.release.Step;
import dev.slipway.testkit.OsProcesses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The node probe an install starts in the background (issue #18: install time), and how it ends. */
class NodeProbeTest {
  private final String marker = "slipway-probe-" + UUID.randomUUID();

  @TempDir Path tmp;

  @AfterEach
  void stopWhatTheTestStarted() {
    OsProcesses.killAllWith(marker);
  }

  @Test
  void joinGivesTheAnswerOfTheRealNode() throws Exception {
    try (NodeProbe probe = NodeProbe.start("node")) {
      NodeRuntime runtime = probe.join();
      assertThat(runtime.major()).isGreaterThanOrEqualTo(18);
      assertThat(probe.join()).as("asked once, answered as often as needed").isSameAs(runtime);
    }
  }

  @Test
  void aNodeThatCannotBeRunIsRefusedAtTheJoin() {
    try (NodeProbe probe = NodeProbe.start(tmp.resolve("no-such-node").toString())) {
      Throwable refused = catchThrowable(probe::join);
      assertThat(refused).isInstanceOf(SlipwayException.class);
      assertThat(((SlipwayException) refused).causeCode()).isEqualTo("NODE_NOT_FOUND");
    }
  }

  /**
   * A "node" that never answers and starts a child of its own (a tree of two): the install fails
   * (no checksum) or is interrupted (as a signal does) at verify, while the probe still runs, before
   * anything joins it. When install returns, no process of the probe's tree runs.
   */
  @ParameterizedTest(name = "interrupted={0}")
  @ValueSource(booleans = {false, true})
  void anInstallThatEndsBeforeTheJoinLeavesNoNodeRunning(boolean interrupted) throws Exception {
    Path fakeNode = Files.writeString(tmp.resolve(marker), "#!/bin/sh\nnode -e 'setTimeout(()=>{},600000)' " + marker
        + " &\nwait\n");
    Files.setPosixFilePermissions(fakeNode, PosixFilePermissions.fromString("rwx------"));
    Path archive = Files.writeString(tmp.resolve("app.tar.gz"), "no sidecar, no --sha256: refused at verify");
    StepHook probeRunsDuringVerify = step -> {
      if (step == Step.VERIFY) {
        OsProcesses.await("the probe's node running", Duration.ofSeconds(20), () -> OsProcesses.runningWith(marker).size() >= 2);
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    };

    Throwable thrown;
    try {
      thrown = catchThrowable(() -> new Installer(Reporter.SILENT, Map.of(), Clock.systemUTC(), probeRunsDuringVerify)
          .install(InstallRequest.of(archive, tmp.resolve("root")).withNode(fakeNode.toString(), false)));
    } finally {
      Thread.interrupted();
    }

    assertThat(thrown).isInstanceOf(SlipwayException.class);
    OsProcesses.assertNoneRunningWith(marker);
    List<String> history = Files.readAllLines(tmp.resolve("root/history.jsonl"));
    assertThat(history.get(history.size() - 1)).contains("\"failedStep\":\"verify\"",
        interrupted ? "\"result\":\"aborted\"" : "\"result\":\"refused\"");
  }
}
