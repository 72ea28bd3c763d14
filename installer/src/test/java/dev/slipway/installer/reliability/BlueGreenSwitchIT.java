package dev.slipway.installer.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.slipway.format.FailureKind;
import dev.slipway.format.Reporter;
import dev.slipway.format.SlipwayException;
import dev.slipway.installer.user.AppUser;
import dev.slipway.installer.user.ServiceUserIT;
import dev.slipway.installer.InstallRequest;
import dev.slipway.installer.Installer;
import dev.slipway.installer.StepHook;
import dev.slipway.installer.layout.ReleaseRoot;
import dev.slipway.installer.switchover.BlueGreenSwitch;
import dev.slipway.installer.switchover.SharedStatic;
import dev.slipway.installer.switchover.SwitchConfig;
import dev.slipway.templates.HostTemplates;
import dev.slipway.testkit.Http;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #21, the switch itself with real parts: releases of a tiny node app installed by the real
 * installer, instances started by the slot scripts as the service user, a real nginx in front
 * (started for the test with the server block {@code installer nginx-conf} prints), and keep-alive
 * clients that count every answer through it.
 */
class BlueGreenSwitchIT {
  @TempDir Path tmp;
  Root root;
  ReleaseRoot releaseRoot;
  SlotScripts slots;
  Nginx nginx;
  SwitchConfig config;
  int[] ports;

  @BeforeAll
  static void serviceUserExists() throws Exception {
    ServiceUserIT.serviceUserExists();
  }

  @BeforeEach
  void rootWithNginx() throws IOException {
    // JUnit's folder is 0700: the service user could not reach its releases.
    Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    root = Root.create(tmp.resolve("root"));
    releaseRoot = ReleaseRoot.open(root.path(), true);
    slots = SlotScripts.in(tmp.resolve("slots"));
    // Three ports a moment ago free, and distinct: the OS may hand out one twice.
    java.util.Set<Integer> free = new java.util.LinkedHashSet<>();
    while (free.size() < 3) {
      free.add(Http.freePort());
    }
    Integer[] three = free.toArray(Integer[]::new);
    ports = new int[] {three[0], three[1]};
    int nginxPort = three[2];
    nginx = null;
    config = new SwitchConfig(List.of(ports[0], ports[1]), slots.startCommand(), slots.stopCommand(),
        tmp.resolve("nginx/upstream.conf"), "slipway_tiny", "true", 1, 30);
    BlueGreenSwitch.writeInitialUpstream(config);
    nginx = Nginx.start(tmp.resolve("nginx"), nginxPort, HostTemplates.nginxSite("slipway_tiny", root.arg(),
        config.upstreamFile().toString(), SharedStatic.tree(releaseRoot).toString(), "127.0.0.1:" + nginxPort, "_"));
    config = new SwitchConfig(config.ports(), config.startCommand(), config.stopCommand(), config.upstreamFile(),
        config.upstreamName(), nginx.reloadCommand(), 1, 30);
  }

  @AfterEach
  void stopEverything() throws Exception {
    try {
      slots.stopAll();
    } finally {
      if (nginx != null) {
        nginx.close();
      }
      root.killProcesses();
    }
  }

  @Test
  void noRequestFailsWhileNginxIsSwitchedBetweenSlotsAndItServesEachNewBuild() throws Exception {
    String a1 = install("a1");
    String b2 = install("b2");
    String c3 = install("c3");
    switchTo(a1);
    assertThat(Http.get(nginx.url("/"), Duration.ofSeconds(5)).body()).contains("tiny a1");

    try (Hammer hammer = Hammer.start(nginx.url("/"), 8)) {
      hammer.awaitBody("tiny a1", Duration.ofSeconds(10));
      for (String[] next : new String[][] {{b2, "b2"}, {c3, "c3"}, {a1, "a1"}, {b2, "b2"}}) {
        BlueGreenSwitch.Outcome outcome = switchTo(next[0]);
        hammer.awaitBody("tiny " + next[1], Duration.ofSeconds(10));
        assertThat(outcome.healthyToServedMillis()).as("from healthy to nginx serving it").isLessThan(1000);
      }
      Cli.sleep(300);
      hammer.close();
      System.out.println("BlueGreenSwitchIT: 8 keep-alive clients through nginx during 4 switches: " + hammer);
      assertThat(hammer.failures()).as(hammer.toString()).isEmpty();
      assertThat(hammer.ok()).isPositive();
    }
    assertThat(Http.get(nginx.url("/"), Duration.ofSeconds(5)).body()).contains("tiny b2");
    assertThat(runningSlots()).as("one instance runs after the switches, the live one").hasSize(1);
  }

  @Test
  void anUnhealthyNewInstanceLeavesNginxAndTheOldInstanceUntouched() throws Exception {
    String a1 = install("a1");
    String broken = install("exits-when-live", "e4", project -> TinyApps.write(project.resolve("server.js"),
        "if (require('fs').existsSync(require('path').join(__dirname, '..', '..', 'broken'))) process.exit(3);\n"
            + TinyApps.SERVER_JS));
    BlueGreenSwitch.Outcome first = switchTo(a1);
    String upstreamBefore = Files.readString(config.upstreamFile());
    root.touch("broken");

    try (Hammer hammer = Hammer.start(nginx.url("/"), 4)) {
      SlipwayException refusal = catchThrowableOfType(() -> switchTo(broken, 5), SlipwayException.class);
      assertThat(refusal.kind()).isEqualTo(FailureKind.SMOKE_FAILED);
      assertThat(refusal.causeCode()).isEqualTo("SLOT_UNHEALTHY");
      assertThat(refusal.getMessage()).contains("did not answer").contains("nginx still serves slot " + first.port())
          .contains("the new instance was stopped");
      hammer.close();
      assertThat(hammer.failures()).as(hammer.toString()).isEmpty();
      assertThat(hammer.bodies()).containsOnlyKeys("tiny a1");
    }
    assertThat(config.upstreamFile()).hasContent(upstreamBefore);
    assertThat(runningSlots()).containsExactly(Integer.toString(first.port()));
  }

  @Test
  void aNewInstanceThatRunsAsRootIsRefusedAndNginxKeepsTheOldInstance() throws Exception {
    String a1 = install("a1");
    String b2 = install("b2");
    BlueGreenSwitch.Outcome first = switchTo(a1);
    assertThat(slots.uids()).as("the slot scripts run instances as the service user")
        .containsExactly((Integer) Files.getAttribute(root.path().resolve("releases/" + a1 + "/.next/cache"), "unix:uid"))
        .doesNotContain(0);
    String upstreamBefore = Files.readString(config.upstreamFile());
    // A start command of the operator's own that forgets to drop to the service user.
    String asRoot = "env SLIPWAY_SERVICE_USER= " + slots.startCommand();
    SwitchConfig careless = new SwitchConfig(config.ports(), asRoot, config.stopCommand(), config.upstreamFile(),
        config.upstreamName(), config.reloadCommand(), config.drainSeconds(), config.startTimeoutSeconds());

    try (Hammer hammer = Hammer.start(nginx.url("/"), 4)) {
      SlipwayException refusal = catchThrowableOfType(
          () -> new BlueGreenSwitch(releaseRoot, careless, Reporter.SILENT).start(b2, List.of("/")), SlipwayException.class);
      hammer.close();
      assertThat(refusal.kind()).isEqualTo(FailureKind.APP_USER);
      assertThat(refusal.causeCode()).isEqualTo("SLOT_RUNS_AS_ROOT");
      assertThat(refusal.getMessage()).startsWith("refused: the new instance on slot " + ports[1] + " runs as root (uid 0)")
          .contains("nginx still serves slot " + first.port());
      assertThat(refusal.evidence()).contains("uid 0", asRoot);
      assertThat(refusal.fix()).contains("runuser -u \"$SLIPWAY_SERVICE_USER\" --");
      assertThat(hammer.failures()).as(hammer.toString()).isEmpty();
      assertThat(hammer.bodies()).containsOnlyKeys("tiny a1");
    }
    assertThat(config.upstreamFile()).hasContent(upstreamBefore);
    assertThat(runningSlots()).as("the root instance was stopped").containsExactly(Integer.toString(first.port()));
    assertThat(Http.get(nginx.url("/"), Duration.ofSeconds(5)).body()).isEqualTo("tiny a1\n");
  }

  @Test
  void aChunkOfAnOlderBuildStillAnswersThroughNginxAfterThreeMoreSwitches() throws Exception {
    List<String> ids = new java.util.ArrayList<>();
    for (String build : List.of("s1", "s2", "s3", "s4")) {
      ids.add(install("chunk-" + build, build, project ->
          TinyApps.write(project.resolve(".next/static/chunks/page-" + build + ".js"), "/* chunk of " + build + " */")));
    }
    for (String id : ids) {
      switchTo(id);
    }
    assertThat(Http.get(nginx.url("/"), Duration.ofSeconds(5)).body()).contains("tiny s4");
    var old = Http.get(nginx.url("/_next/static/chunks/page-s1.js"), Duration.ofSeconds(5));
    assertThat(old.status()).isEqualTo(200);
    assertThat(old.body()).isEqualTo("/* chunk of s1 */");
    assertThat(Http.get(nginx.url("/_next/static/chunks/page-s4.js"), Duration.ofSeconds(5)).status()).isEqualTo(200);
    assertThat(Files.isSameFile(SharedStatic.tree(releaseRoot).resolve("chunks/page-s1.js"),
        root.path().resolve("releases/" + ids.get(0) + "/.next/static/chunks/page-s1.js")))
        .as("a hard link, not a copy").isTrue();

    dev.slipway.installer.layout.FileTrees.deleteRecursively(root.path().resolve("releases/" + ids.get(0)));
    assertThat(SharedStatic.prune(releaseRoot)).as("files of the deleted release").isEqualTo(1);
    assertThat(Http.get(nginx.url("/_next/static/chunks/page-s1.js"), Duration.ofSeconds(5)).body())
        .as("gone with its release: asked of the app (which answers anything)").isEqualTo("tiny s4\n");
    assertThat(Http.get(nginx.url("/_next/static/chunks/page-s2.js"), Duration.ofSeconds(5)).status()).isEqualTo(200);
  }

  /** Also the benchmark's 10 s stream: {@code -Dslipway.bluegreen.streamSeconds=10}. */
  @Test
  void aStreamingResponseThatBeganBeforeTheSwitchCompletes() throws Exception {
    int chunks = 2 * Integer.getInteger("slipway.bluegreen.streamSeconds", 3);
    String a1 = install("stream-a1-" + chunks, "a1", project -> streamingServer(project, chunks));
    String b2 = install("stream-b2-" + chunks, "b2", project -> streamingServer(project, chunks));
    switchTo(a1);
    java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
    var stream = client.sendAsync(java.net.http.HttpRequest.newBuilder(java.net.URI.create(nginx.url("/stream"))).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    Cli.sleep(500); // the stream has begun: its first chunks are on their way

    switchTo(b2); // reload, 1 s drain, then SIGTERM to a1's instance, which lets the stream finish

    var response = stream.get(60, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(response.statusCode()).isEqualTo(200);
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < chunks; i++) {
      expected.append("a1 chunk ").append(i).append('\n');
    }
    assertThat(response.body()).isEqualTo(expected + "done\n");
    assertThat(Http.get(nginx.url("/"), Duration.ofSeconds(5)).body()).contains("tiny b2");
    System.out.println("BlueGreenSwitchIT: a " + chunks / 2 + " s stream begun before the switch completed");
    System.out.println("bluegreen-bench: stream_seconds=" + chunks / 2 + " stream_completed=1");
  }

  /** The tiny server, with /stream ({@code chunks} chunks, one each 500 ms) and a graceful SIGTERM as the generated server.js has. */
  private static void streamingServer(Path project, int chunks) throws IOException {
    TinyApps.write(project.resolve("server.js"), TinyApps.SERVER_JS.replace("const server = http.createServer((req, res) => {",
        """
        const server = http.createServer((req, res) => {
          if (req.url === '/stream') {
            res.writeHead(200, { 'content-type': 'text/plain' });
            let i = 0;
            const timer = setInterval(() => {
              res.write(buildId + ' chunk ' + i + '\\n');
              if (++i === CHUNKS) {
                clearInterval(timer);
                res.end('done\\n');
              }
            }, 500);
            return;
          }
        """.replace("CHUNKS", Integer.toString(chunks))) + """
        process.once('SIGTERM', () => {
          server.close(() => process.exit(0));
          setTimeout(() => process.exit(1), 15000).unref();
        });
        """);
  }

  @Test
  void aStaticTreeThatCannotBeUpdatedIsAWarningAndTheReleaseStillGoesLive() throws Exception {
    Files.createDirectories(SharedStatic.tree(releaseRoot).getParent());
    Files.writeString(SharedStatic.tree(releaseRoot), "a file where the folder should be");
    List<String> warnings = new java.util.ArrayList<>();
    Reporter collecting = new Reporter() {
      @Override
      public void step(String description) {}

      @Override
      public void warn(String warning) {
        warnings.add(warning);
      }
    };

    String id = new Installer(collecting, Cli.BASE_ENV, Clock.systemUTC(), StepHook.NONE)
        .install(InstallRequest.of(TinyApps.archive("a1"), root.path()).withAppUser(AppUser.ROOT_ALLOWED)).releaseId();

    assertThat(root.live()).contains(id);
    assertThat(warnings).anySatisfy(w -> assertThat(w).contains("could not be updated").contains("the next install tries again"));
  }

  @Test
  void aSwitchJsonThatCannotBeUsedRefusesTheInstallWithItsHistoryLine() throws Exception {
    String a1 = install("a1");
    Files.writeString(releaseRoot.sharedDir().resolve("switch.json"), "{\"mode\":\"blue-green\",\"ports\":[1]}");

    SlipwayException refusal = catchThrowableOfType(() -> install("b2"), SlipwayException.class);

    assertThat(refusal.causeCode()).isEqualTo("SWITCH_CONFIG_INVALID");
    assertThat(refusal.kind()).isEqualTo(FailureKind.ROOT_LAYOUT);
    assertThat(root.live()).contains(a1);
    assertThat(root.history()).last().satisfies(line -> {
      assertThat(line.path("causeCode").asText()).isEqualTo("SWITCH_CONFIG_INVALID");
      assertThat(line.path("result").asText()).isEqualTo("refused");
    });
  }

  private String install(String build) throws IOException {
    return install(build, build, project -> {});
  }

  private String install(String key, String build, TinyApps.ProjectChange change) throws IOException {
    Path archive = TinyApps.archive(key, build, change);
    return new Installer(Reporter.SILENT, Cli.BASE_ENV, Clock.systemUTC(), StepHook.NONE)
        .install(InstallRequest.of(archive, root.path()).withAppUser(AppUser.named(ServiceUserIT.USER))).releaseId();
  }

  private BlueGreenSwitch.Outcome switchTo(String releaseId) throws Exception {
    return switchTo(releaseId, config.startTimeoutSeconds());
  }

  private BlueGreenSwitch.Outcome switchTo(String releaseId, int startTimeout) throws Exception {
    SwitchConfig c = new SwitchConfig(config.ports(), config.startCommand(), config.stopCommand(), config.upstreamFile(),
        config.upstreamName(), config.reloadCommand(), config.drainSeconds(), startTimeout);
    BlueGreenSwitch.Started started = new BlueGreenSwitch(releaseRoot, c, Reporter.SILENT).start(releaseId, List.of("/"));
    assertThat(started.switchNginx(() -> {})).isEmpty();
    return started.finish();
  }

  private List<String> runningSlots() throws IOException {
    try (var files = Files.list(tmp.resolve("slots"))) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".pid"))
          .map(n -> n.replaceAll("\\D", "")).sorted().toList();
    }
  }
}
