package dev.slipway.installer.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #21, crash safety: the installer killed with {@code kill -9} at every point of a
 * blue/green switch leaves nginx sending requests to an instance that answers, and the next
 * install repairs the slots (stops the stray instance, makes nginx follow the upstream file) and
 * ends with one instance, the new one, behind nginx.
 *
 * <p>The points: held at {@code switch} (before the instance starts), during the start command
 * (the instance runs, nginx unchanged), held at {@code restart} (the upstream file names the new
 * slot, nginx still the old one), at {@code live} (nginx on the new slot, the old one not yet
 * stopped) and at {@code retention} (the old one stopped).
 */
class BlueGreenKillIT {
  @TempDir Path tmp;

  @Test
  void killedAtEveryPointOfTheSwitchNginxStillAnswersAndTheNextInstallRepairs() throws Exception {
    try (BlueGreenRoot bg = BlueGreenRoot.create(tmp)) {
      assertThat(bg.install("a1").exitCode()).isZero();
      String served = "tiny a1";

      // switch: before the instance starts; restart: the upstream file and current name the new
      // release, nginx has not been reloaded; live: nginx sends requests to the new slot, the old
      // one still runs; retention: the old one has been stopped.
      for (String step : new String[] {"switch", "restart", "live", "retention"}) {
        Cli.Running run = Cli.start(bg.logs, Map.of("SLIPWAY_TEST_HOLD_AT", step), "install",
            TinyApps.archive("b2").toString(), "--root", bg.root.arg(), "--live-url", bg.nginx.url("/"));
        run.awaitStderr("slipway-test: holding at " + step, Duration.ofSeconds(90));
        run.kill9();
        boolean reloaded = step.equals("live") || step.equals("retention");
        // nginx answers whatever the moment (served() requires a 200); after a reload, which is
        // asynchronous, its new workers send requests to the new slot.
        bg.awaitServed(reloaded ? "tiny b2" : served, Duration.ofSeconds(10));
        String next = served.equals("tiny c3") ? "a1" : "c3";
        repairedByTheNextInstall(bg, next);
        served = "tiny " + next;
      }

      // During the start command: the new instance runs, nginx still sends requests to the old one.
      bg.slots.slowStart(true);
      Cli.Running starting = Cli.start(bg.logs, Map.of(), "install", TinyApps.archive("b2").toString(), "--root", bg.root.arg());
      InstallKillIT.awaitChild(starting, bg.root, "sleep 30", Duration.ofSeconds(90));
      starting.kill9();
      bg.slots.slowStart(false);
      assertThat(bg.served()).as("nginx after kill -9 during the start command").isEqualTo(served);
      assertThat(bg.runningSlots()).as("the old instance and the new one").hasSize(2);
      repairedByTheNextInstall(bg, served.equals("tiny c3") ? "a1" : "c3");
    }
  }

  private static void repairedByTheNextInstall(BlueGreenRoot bg, String build) throws Exception {
    Cli.Result next = bg.install(build);
    assertThat(next.exitCode()).as(next.toString()).isZero();
    assertThat(bg.served()).isEqualTo("tiny " + build);
    assertThat(bg.runningSlots()).as("after the repairing install: the new instance only").hasSize(1);
    assertThat(bg.root.live()).hasValueSatisfying(id -> assertThat(id).endsWith("-" + build));
  }
}
