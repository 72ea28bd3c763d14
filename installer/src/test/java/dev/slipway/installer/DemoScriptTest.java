package dev.slipway.installer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.testkit.ExampleApp;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * bin/demo's cheap paths (issue #17); a whole run (npm ci, next build, install, serve) is described
 * in the README and was run by hand with port 3000 taken.
 */
class DemoScriptTest {
  private static final Path DEMO = ExampleApp.repoRoot().resolve("bin/demo");

  @Test
  void theScriptParses() throws Exception {
    Process bash = new ProcessBuilder("bash", "-n", DEMO.toString()).redirectErrorStream(true).start();

    assertThat(bash.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEmpty();
    assertThat(bash.exitValue()).isZero();
  }

  @Test
  void aTakenPortIsRefusedBeforeAnythingIsBuiltInsteadOfPrintingAnotherProgramsUrl() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      ProcessBuilder demo = new ProcessBuilder("bash", DEMO.toString()).directory(ExampleApp.repoRoot().toFile())
          .redirectErrorStream(true);
      demo.environment().put("PORT", String.valueOf(taken.getLocalPort()));
      Process process = demo.start();
      try {
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("exits at once").isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isEqualTo(2);
        assertThat(output).contains("demo: port " + taken.getLocalPort() + " (from PORT) is already in use")
            .doesNotContain("Live:").doesNotContain("== packaging").doesNotContain("building");
      } finally {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
      }
    }
  }
}
