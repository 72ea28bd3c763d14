package dev.slipway.installer.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.testkit.Http;
import java.nio.charset.StandardCharsets;
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

  /**
   * Also the benchmark of issue #21: {@code -Dslipway.bluegreen.installs=20
   * -Dslipway.bluegreen.rollbacks=5} runs its target (8 clients, 20 installs, 5 rollbacks); the
   * counts and the slowest time from "new instance healthy" to "nginx reloaded" are printed.
   */
  @Test
  void installsAndRollbacksSwitchNginxBetweenSlotsWithoutAFailedRequest() throws Exception {
    int installs = Integer.getInteger("slipway.bluegreen.installs", 2);
    int rollbacks = Integer.getInteger("slipway.bluegreen.rollbacks", 2);
    List<String> builds = List.of("a1", "b2", "c3");
    java.util.Deque<String> live = new java.util.ArrayDeque<>();
    long slowestMillis = 0;
    try (BlueGreenRoot bg = BlueGreenRoot.create(tmp)) {
      Cli.Result first = bg.install("a1");
      assertThat(first.exitCode()).as(first.toString()).isZero();
      assertThat(bg.served()).isEqualTo("tiny a1");
      live.push("a1");

      try (Hammer hammer = Hammer.start(bg.nginx.url("/"), 8)) {
        hammer.awaitBody("tiny a1", Duration.ofSeconds(10));
        for (int i = 1; i <= installs; i++) {
          String build = builds.get(i % builds.size());
          Cli.Result install = Cli.run(bg.logs, "install", TinyApps.archive(build).toString(), "--root", bg.root.arg(),
              "--keep", Integer.toString(rollbacks + 2), "--json");
          assertThat(install.exitCode()).as(install.toString()).isZero();
          assertThat(install.stdout()).as("--json names the slot").contains("\"switchover\":\"slot ");
          slowestMillis = Math.max(slowestMillis, healthyToServed(install));
          live.push(build);
          hammer.awaitBody("tiny " + build, Duration.ofSeconds(10));
        }
        for (int i = 0; i < rollbacks; i++) {
          Cli.Result rollback = Cli.run(bg.logs, "rollback", "--root", bg.root.arg(), "--json");
          assertThat(rollback.exitCode()).as(rollback.toString()).isZero();
          assertThat(rollback.stdout()).as("--json names the slot").contains("\"switchover\":\"slot ");
          slowestMillis = Math.max(slowestMillis, healthyToServed(rollback));
          live.pop();
          bg.awaitServed("tiny " + live.peek(), Duration.ofSeconds(10));
        }
        hammer.close();
        System.out.println("BlueGreenInstallIT: 8 keep-alive clients through nginx during " + installs + " installs and "
            + rollbacks + " rollbacks: " + hammer + "; slowest healthy-to-reloaded " + slowestMillis + " ms");
        System.out.println("bluegreen-bench: clients=8 installs=" + installs + " rollbacks=" + rollbacks + " "
            + hammer.counts() + " slowest_healthy_to_served_ms=" + slowestMillis);
        assertThat(hammer.failures()).as(hammer.toString()).isEmpty();
        assertThat(slowestMillis).as("from new instance healthy to nginx reloaded onto it").isLessThan(1000);
      }

      assertThat(bg.runningSlots()).as("only the live slot runs").hasSize(1);
      assertThat(bg.slots.uids()).as("as the service user, never as root").singleElement().isNotEqualTo(0)
          .isEqualTo(java.nio.file.Files.getAttribute(bg.root.path().resolve("current/.next/cache"), "unix:uid"));
      assertThat(bg.root.live()).as("current follows nginx").hasValueSatisfying(id -> assertThat(id).endsWith("-" + live.peek()));
      List<JsonNode> history = bg.root.history();
      assertThat(history).hasSize(1 + installs + rollbacks);
      for (JsonNode line : history) {
        assertThat(line.path("result").asText()).isEqualTo("ok");
        assertThat(line.path("switchover").asText()).as(line.toString()).matches("slot [ab], port \\d+( \\(was slot [ab], port \\d+\\))?");
      }
      assertThat(history.get(1).path("switchover").asText())
          .isEqualTo("slot b, port " + bg.ports[1] + " (was slot a, port " + bg.ports[0] + ")");
    }
  }

  /**
   * Issue #21's target "a chunk URL taken from a page of release N answers 200 after three more
   * installs": each build has its own chunk, named on its page; after three more installs through
   * the switch-over, release N's instance is stopped and its chunk still answers, byte for byte,
   * from ROOT/shared/static through nginx.
   */
  @Test
  void aChunkUrlFromAPageOfAReleaseAnswersThroughNginxAfterThreeMoreInstalls() throws Exception {
    try (BlueGreenRoot bg = BlueGreenRoot.create(tmp)) {
      Cli.Result first = bg.install(withChunkPage("k1"));
      assertThat(first.exitCode()).as(first.toString()).isZero();
      var page = Http.get(bg.nginx.url("/page"), Duration.ofSeconds(10));
      java.util.regex.Matcher src = java.util.regex.Pattern.compile("src=\"([^\"]+)\"").matcher(page.body());
      assertThat(src.find()).as(page.body()).isTrue();
      String chunkUrl = src.group(1);
      byte[] original = Http.get(bg.nginx.url(chunkUrl), Duration.ofSeconds(10)).body().getBytes(StandardCharsets.UTF_8);
      assertThat(new String(original, StandardCharsets.UTF_8)).isEqualTo(CHUNK.formatted("k1"));

      for (String build : List.of("k2", "k3", "k4")) {
        Cli.Result next = bg.install(withChunkPage(build));
        assertThat(next.exitCode()).as(next.toString()).isZero();
        bg.awaitServed("tiny " + build, Duration.ofSeconds(10));
      }

      assertThat(Http.get(bg.nginx.url("/page"), Duration.ofSeconds(10)).body()).contains("page-k4.js");
      assertThat(bg.runningSlots()).as("k1's instance stopped long ago").hasSize(1);
      var chunk = Http.get(bg.nginx.url(chunkUrl), Duration.ofSeconds(10));
      assertThat(chunk.status()).as(chunkUrl).isEqualTo(200);
      assertThat(chunk.body().getBytes(StandardCharsets.UTF_8)).isEqualTo(original);
      assertThat(bg.root.history()).hasSize(4).allSatisfy(line -> assertThat(line.path("result").asText()).isEqualTo("ok"));
    }
  }

  private static final String CHUNK = "/* the page chunk of build %s */\n";

  /** The tiny app whose /page names its own chunk, as a Next page names its hashed chunks. */
  private static Path withChunkPage(String build) {
    return TinyApps.archive("chunk-page-" + build, build, project -> {
      TinyApps.write(project.resolve(".next/static/chunks/page-" + build + ".js"), CHUNK.formatted(build));
      TinyApps.write(project.resolve("server.js"), TinyApps.SERVER_JS.replace("res.end('tiny ' + buildId + '\\n');",
          "res.end(req.url === '/page' ? '<script src=\"/_next/static/chunks/page-' + buildId + '.js\"></script>\\n'"
              + " : 'tiny ' + buildId + '\\n');"));
    });
  }

  /** The "N ms after it answered" of the run's step line. */
  private static long healthyToServed(Cli.Result run) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+) ms after it answered").matcher(run.stderrText());
    assertThat(m.find()).as(run.toString()).isTrue();
    return Long.parseLong(m.group(1));
  }

  @Test
  void aFailedLiveCheckPointsNginxBackAtTheOldInstanceAtOnce() throws Exception {
    try (BlueGreenRoot bg = BlueGreenRoot.create(tmp)) {
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

  @Test
  void anInstallWhoseStartCommandRunsTheInstanceAsRootIsRefusedBeforeNginxIsTouched() throws Exception {
    try (BlueGreenRoot bg = BlueGreenRoot.create(tmp)) {
      assertThat(bg.install("a1").exitCode()).isZero();
      String upstreamBefore = java.nio.file.Files.readString(bg.upstreamFile);
      // The operator's own start command, which forgets to drop to the service user.
      bg.reconfigureStart("env SLIPWAY_SERVICE_USER= " + bg.slots.startCommand());

      Cli.Result refused = bg.install("b2");

      assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(33);
      assertThat(refused.errorLine()).contains("SLOT_RUNS_AS_ROOT").contains("runs as root (uid 0)")
          .contains("not as the service user " + dev.slipway.installer.user.ServiceUserIT.USER);
      assertThat(refused.stderrText()).contains("runuser -u \"$SLIPWAY_SERVICE_USER\" --");
      assertThat(bg.served()).isEqualTo("tiny a1");
      assertThat(bg.upstreamFile).hasContent(upstreamBefore);
      assertThat(bg.runningSlots()).as("the root instance was stopped").hasSize(1);
      assertThat(bg.root.live()).hasValueSatisfying(id -> assertThat(id).endsWith("-a1"));
      assertThat(bg.root.history()).last().satisfies(line -> {
        assertThat(line.path("result").asText()).isEqualTo("refused");
        assertThat(line.path("causeCode").asText()).isEqualTo("SLOT_RUNS_AS_ROOT");
      });
      Cli.Result list = Cli.run(bg.logs, "list", "--root", bg.root.arg());
      assertThat(list.exitCode()).as(list.toString()).isZero();
      assertThat(list.stdout()).as("the release is not at fault: kept, not marked bad").contains("-b2").doesNotContain("bad");
    }
  }

  @Test
  void aFailedReloadLeavesNginxOnTheOldInstanceAndStopsTheNewOne() throws Exception {
    try (BlueGreenRoot bg = BlueGreenRoot.create(tmp)) {
      assertThat(bg.install("a1").exitCode()).isZero();
      String upstreamBefore = java.nio.file.Files.readString(bg.upstreamFile);
      bg.reconfigure("echo nginx: configuration test failed >&2; exit 1");

      Cli.Result failed = bg.install("b2");

      assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(26);
      assertThat(failed.errorLine()).contains("RESTART_FAILED").contains("the reload command").contains("rolled back to");
      assertThat(bg.served()).isEqualTo("tiny a1");
      assertThat(bg.upstreamFile).hasContent(upstreamBefore);
      assertThat(bg.runningSlots()).as("the new instance was stopped").hasSize(1);
      assertThat(bg.root.live()).hasValueSatisfying(id -> assertThat(id).endsWith("-a1"));
    }
  }
}
