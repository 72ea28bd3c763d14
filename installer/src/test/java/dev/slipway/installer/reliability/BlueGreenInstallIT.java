package dev.slipway.installer.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #21 end to end through the command line: a root set up with {@code installer blue-green}
 * and {@code installer nginx-conf}, a real nginx running that server block, and keep-alive clients
 * that count every answer while installs and rollbacks switch the slots.
 */
class BlueGreenInstallIT {
  @TempDir Path tmp;

  @Test
  void installsAndRollbacksSwitchNginxBetweenSlotsWithoutAFailedRequest() throws Exception {
    try (BlueGreenRoot bg = BlueGreenRoot.create(tmp, "")) {
      Cli.Result first = bg.install("a1");
      assertThat(first.exitCode()).as(first.toString()).isZero();
      assertThat(bg.served()).isEqualTo("tiny a1");

      try (Hammer hammer = Hammer.start(bg.nginx.url("/"), 8)) {
        hammer.awaitBody("tiny a1", Duration.ofSeconds(10));
        for (String build : List.of("b2", "c3")) {
          Cli.Result install = bg.install(build);
          assertThat(install.exitCode()).as(install.toString()).isZero();
          assertThat(install.stderrText()).contains("nginx now sends requests to slot");
          hammer.awaitBody("tiny " + build, Duration.ofSeconds(10));
        }
        for (String back : List.of("b2", "a1")) {
          Cli.Result rollback = Cli.run(bg.logs, "rollback", "--root", bg.root.arg());
          assertThat(rollback.exitCode()).as(rollback.toString()).isZero();
          hammer.awaitBody("tiny " + back, Duration.ofSeconds(10));
          assertThat(bg.served()).isEqualTo("tiny " + back);
        }
        hammer.close();
        System.out.println("BlueGreenInstallIT: 8 keep-alive clients through nginx during 2 installs and 2 rollbacks: " + hammer);
        assertThat(hammer.failures()).as(hammer.toString()).isEmpty();
      }

      assertThat(bg.runningSlots()).as("only the live slot runs").hasSize(1);
      assertThat(bg.root.live()).as("current follows nginx").hasValueSatisfying(id -> assertThat(id).endsWith("-a1"));
      List<JsonNode> history = bg.root.history();
      assertThat(history).hasSize(5);
      for (JsonNode line : history) {
        assertThat(line.path("result").asText()).isEqualTo("ok");
        assertThat(line.path("switchover").asText()).as(line.toString()).matches("slot [ab], port \\d+( \\(was slot [ab], port \\d+\\))?");
      }
      assertThat(history.get(1).path("switchover").asText())
          .isEqualTo("slot b, port " + bg.ports[1] + " (was slot a, port " + bg.ports[0] + ")");
    }
  }

  @Test
  void aFailedLiveCheckPointsNginxBackAtTheOldInstanceAtOnce() throws Exception {
    try (BlueGreenRoot bg = BlueGreenRoot.create(tmp, "")) {
      assertThat(bg.install("a1").exitCode()).isZero();
      try (Hammer hammer = Hammer.start(bg.nginx.url("/"), 4)) {
        Cli.Result failed = Cli.run(bg.logs, "install", TinyApps.archive("b2").toString(), "--root", bg.root.arg(),
            "--live-url", "http://127.0.0.1:9/", "--live-timeout", "2");
        assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(26);
        assertThat(failed.errorLine()).contains("LIVE_CHECK_FAILED").contains("rolled back to");
        hammer.close();
        assertThat(hammer.failures()).as(hammer.toString()).isEmpty();
      }
      assertThat(bg.served()).isEqualTo("tiny a1");
      assertThat(bg.runningSlots()).hasSize(1);
      assertThat(bg.root.live()).hasValueSatisfying(id -> assertThat(id).endsWith("-a1"));
    }
  }
}
