package dev.slipway.packager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.format.SlipwayException;
import dev.slipway.process.BaseEnvironment;
import dev.slipway.testkit.OsProcesses;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --build}'s steps through the one process runner (issue #19). */
class BuildStepTest {
  @TempDir Path dir;

  @Test
  void aStepThatTimesOutIsStoppedWithEverythingItStarted() throws Exception {
    // What npm run build does: a shell that starts a long-lived worker (next build's) and waits.
    String marker = "slipway-build-step-" + UUID.randomUUID();
    ByteArrayOutputStream log = new ByteArrayOutputStream();

    BuildStep.Outcome outcome = BuildStep.run(dir,
        List.of("sh", "-c", "sh -c 'sleep 600; echo " + marker + "' & echo started worker; wait"), log, Duration.ofSeconds(2));

    assertThat(outcome.exitCode()).isEmpty();
    assertThat(outcome.tail()).contains("started worker");
    OsProcesses.await("the worker to be stopped", Duration.ofSeconds(10), () -> OsProcesses.runningWith(marker).isEmpty());
  }

  @Test
  void theOutputReachesTheLogAndTheFailureNamesTheStepWithItsLastLines() {
    ByteArrayOutputStream log = new ByteArrayOutputStream();

    assertThatThrownBy(() -> CleanBuild.run(dir,
            List.of("sh", "-c", "for i in $(seq 1 40); do echo line $i; done; echo 'Error: boom' >&2; exit 3"),
            log, "--build: ", "BUILD_FAILED", "BUILD_TIMEOUT"))
        .isInstanceOfSatisfying(SlipwayException.class, e -> {
          assertThat(e.causeCode()).isEqualTo("BUILD_FAILED");
          assertThat(e.getMessage()).startsWith("--build: `sh -c").contains("failed with exit code 3");
          assertThat(e.evidence()).contains("line 40").contains("Error: boom").doesNotContain("line 20\n");
        });
    assertThat(log.toString(StandardCharsets.UTF_8)).contains("line 1\n").contains("line 40").contains("Error: boom");
  }

  @Test
  void theBuildSeesTheBuildMachinesWholeEnvironment() throws Exception {
    // next build inlines NEXT_PUBLIC_* variables of the build machine: the trimmed environment the
    // runner gives archive code on a server (BaseEnvironment) must not apply here.
    Map.Entry<String, String> dropped = System.getenv().entrySet().stream()
        .filter(e -> !BaseEnvironment.ofThisProcess().containsKey(e.getKey()))
        .filter(e -> e.getKey().matches("[A-Za-z_][A-Za-z0-9_]*") && e.getValue().matches("[A-Za-z0-9_./:-]+"))
        .findFirst().orElseThrow(() -> new AssertionError("no variable here that the runner's trimmed environment leaves out"));
    ByteArrayOutputStream log = new ByteArrayOutputStream();

    BuildStep.Outcome outcome = BuildStep.run(dir,
        List.of("sh", "-c", "echo \"seen=$" + dropped.getKey() + " telemetry=$NEXT_TELEMETRY_DISABLED\""), log, Duration.ofSeconds(30));

    assertThat(outcome.exitCode()).contains(0);
    assertThat(log.toString(StandardCharsets.UTF_8)).contains("seen=" + dropped.getValue() + " telemetry=1");
  }
}
