package dev.slipway.installer.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.testkit.ExampleApp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #20: {@code SLIPWAY_TEST_HOLD_AT} used to be honoured by the shipped jar, so a stray
 * variable made a production install hang holding the lock. Only the test classes hold a hook now.
 */
class ShippedLauncherIgnoresTestHookIT {
  @TempDir Path tmp;

  @Test
  void binInstallerWithSlipwayTestHoldAtSetInstallsWithoutHolding() throws Exception {
    Root root = Root.create(tmp.resolve("root"));
    Path err = tmp.resolve("install.err");
    ProcessBuilder builder = new ProcessBuilder(ExampleApp.repoRoot().resolve("bin/installer").toString(),
        "install", TinyApps.archive("a1").toString(), "--root", root.arg(), "--allow-root-app")
        .redirectOutput(tmp.resolve("install.out").toFile())
        .redirectError(err.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    builder.environment().putAll(Cli.BASE_ENV);
    builder.environment().put("SLIPWAY_TEST_HOLD_AT", "lock");
    Process install = builder.start();
    try {
      // A tiny install takes a few seconds; holding at the lock would last until killed.
      boolean exited = install.waitFor(120, TimeUnit.SECONDS);
      String stderr = Files.readString(err, StandardCharsets.UTF_8);
      assertThat(exited).as("bin/installer exited (it held at a step?):\n" + stderr).isTrue();
      assertThat(stderr).doesNotContain("slipway-test: holding");
      assertThat(install.exitValue()).as(stderr).isZero();
      assertThat(root.live()).isPresent();
    } finally {
      install.destroyForcibly();
      install.waitFor(30, TimeUnit.SECONDS);
      root.killProcesses();
    }
  }

  @Test
  void theShippedJarHoldsNoStepHook() throws Exception {
    try (JarFile jar = new JarFile(Cli.jar().toFile())) {
      assertThat(jar.getEntry("META-INF/services/dev.slipway.installer.StepHook")).isNull();
      assertThat(jar.stream().map(e -> e.getName()).filter(n -> n.contains("HoldAtStep"))).isEmpty();
    }
  }
}
