package dev.slipway.installer.process;

import dev.slipway.testkit.OsProcesses;
import static dev.slipway.testkit.OsProcesses.assertNoneRunningWith;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.format.FailureKind;
import dev.slipway.format.SlipwayException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Smoke starts of tiny real Node servers. Every test ends by proving nothing it started runs. */
@EnabledOnOs(OS.LINUX)
class SmokeStartTest {

  private static final String SECRET = "s3cr3t-value-7f1c";
  private static final Duration SHORT = Duration.ofSeconds(3);
  private static final Duration LONG = Duration.ofSeconds(30);

  @TempDir Path release;
  private Path log;
  private ChildRegistry registry;

  @BeforeEach
  void setUp() {
    log = release.resolve(".deploy/logs/smoke.log");
    registry = new ChildRegistry(release.resolve(".slipway/children.json"));
  }

  @AfterEach
  void nothingOfTheReleaseRuns() {
    try {
      // The release dir is in every node command line (as the script path or an argument).
      assertNoneRunningWith(release.toString());
      assertThat(registry.records()).isEmpty();
    } finally {
      OsProcesses.killAllWith(release.toString());
    }
  }

  private Path script(String name, String js) throws IOException {
    return Files.writeString(release.resolve(name), js);
  }

  private SmokeResult smoke(List<String> command, Duration timeout, String... paths)
      throws InterruptedException {
    return SmokeStart.run(spec(command, timeout, paths));
  }

  private SmokeSpec spec(List<String> command, Duration timeout, String... paths) {
    return new SmokeSpec(
        release, command, Map.of("APP_SECRET", SECRET), List.of(paths), timeout, log, registry);
  }

  /** Answers 200 on / and /api/health only if the smoke environment is what a release expects. */
  private static final String HEALTHY_SERVER =
      "const http = require('http');\n"
          + "const env = process.env;\n"
          + "const wrong = env.NODE_ENV !== 'production' || env.HOSTNAME !== '127.0.0.1' ||"
          + " !env.APP_SECRET;\n"
          + "http.createServer((req, res) => {\n"
          + "  res.statusCode = wrong ? 500 : (req.url === '/' || req.url === '/api/health') ? 200"
          + " : 404;\n"
          + "  res.end(wrong ? 'wrong environment' : 'ok');\n"
          + "}).listen(Number(env.PORT), env.HOSTNAME, () => console.log('listening on ' +"
          + " env.PORT));\n";

  @Test
  void healthyServerPassesAndIsStoppedAfterwards() throws Exception {
    Path server = script("server.js", HEALTHY_SERVER);

    SmokeResult result = smoke(List.of("node", server.toString()), LONG, "/", "/api/health");

    assertThat(result.ok()).as(result.reason()).isTrue();
    assertThat(result.health())
        .isInstanceOfSatisfying(
            HealthResult.Healthy.class,
            h ->
                assertThat(h.paths())
                    .extracting(PathResult::path)
                    .containsExactly("/", "/api/health"));
    assertThat(Files.readString(log))
        .contains("listening on " + result.port())
        .doesNotContain(SECRET);
  }

  @Test
  void serverStartedThroughNpmRunStartIsStoppedWithNpm() throws Exception {
    script("server.js", HEALTHY_SERVER);
    // The release path as an argument marks the node process npm starts through a shell.
    Files.writeString(
        release.resolve("package.json"),
        "{\"name\":\"app\",\"version\":\"1.0.0\",\"scripts\":{\"start\":\"node server.js "
            + release
            + "\"}}\n");

    SmokeResult result = smoke(List.of("npm", "run", "start"), LONG, "/api/health");

    assertThat(result.ok()).as(result.reason()).isTrue();
    assertThat(Files.readString(log)).contains("> node server.js " + release);
    // @AfterEach: neither npm's shell nor node survives, although npm forwards SIGTERM to neither.
  }

  @Test
  void serverAnsweringFiveHundredFailsWithStatusAndTheLoggedError() throws Exception {
    Path server =
        script(
            "server.js",
            "console.error(new Error('config failed: DATABASE_URL is not set'));\n"
                + "require('http').createServer((req, res) => { res.statusCode = 500;"
                + " res.end('Internal Server Error'); })\n"
                + "  .listen(Number(process.env.PORT), '127.0.0.1');\n");

    SmokeResult result = smoke(List.of("node", server.toString()), LONG, "/");

    assertThat(result.health())
        .isEqualTo(new HealthResult.BadStatus("/", 500, "Internal Server Error"));
    assertThat(result.reason()).isEqualTo("GET / answered 500");
    assertThat(result.firstError())
        .hasValueSatisfying(
            e ->
                assertThat(e).startsWith("Error: config failed: DATABASE_URL is not set\n    at "));
    SlipwayException e = result.toException();
    assertThat(e.kind()).isEqualTo(FailureKind.SMOKE_FAILED);
    assertThat(e.causeCode()).isEqualTo("SMOKE_BAD_STATUS");
    assertThat(e.evidence()).contains("DATABASE_URL is not set", "response: Internal Server Error");
  }

  @Test
  void everyRouteIsAskedAndOneAnsweringFiveHundredIsNamedWithTheErrorItThrew() throws Exception {
    Path server =
        script(
            "server.js",
            "require('http').createServer((req, res) => {\n"
                + "  if (req.url === '/blog') {\n"
                + "    console.error(new Error('ENOENT: posts/first.mdx'));\n"
                + "    res.statusCode = 500; return res.end('Internal Server Error');\n"
                + "  }\n"
                + "  res.statusCode = req.url === '/' ? 200 : 404; res.end('ok');\n"
                + "}).listen(Number(process.env.PORT), '127.0.0.1');\n");

    SmokeResult result =
        SmokeStart.run(
            new SmokeSpec(release, List.of("node", server.toString()), Map.of(),
                Probe.everyRoute(List.of("/", "/about", "/blog"), "/"), LONG, log, registry));

    assertThat(result.health())
        .isEqualTo(new HealthResult.BadStatus("/blog", 500, "Internal Server Error"));
    SlipwayException e = result.toException();
    assertThat(e.getMessage()).isEqualTo("smoke start failed: GET /blog answered 500");
    assertThat(e.evidence()).startsWith("Error: ENOENT: posts/first.mdx\n    at ");
    assertThat(e.fix()).startsWith("the app failed while handling GET /blog; ");
  }

  @Test
  void serverThrowingAtStartIsReportedAsExitedWithTheThrownError() throws Exception {
    Path server = script("server.js", "console.log('starting');\nthrow new Error('boom');\n");

    SmokeResult result = smoke(List.of("node", server.toString()), LONG, "/");

    assertThat(result.health()).isEqualTo(new HealthResult.Exited(1));
    assertThat(result.causeCode()).isEqualTo("SMOKE_EXITED");
    assertThat(result.firstError())
        .hasValueSatisfying(
            e ->
                assertThat(e)
                    .startsWith("Error: boom\n")
                    .containsPattern("\n    at .*server\\.js:2:7"));
    assertThat(result.toException().getMessage())
        .isEqualTo(
            "smoke start failed: the release exited with code 1 before answering its health paths");
  }

  @Test
  void serverThatNeverListensTimesOutWhileAliveAndTheReasonAsksAboutPort() throws Exception {
    Path server = script("server.js", "setInterval(() => {}, 1000);\n");

    SmokeResult result = smoke(List.of("node", server.toString()), SHORT, "/");

    assertThat(result.health())
        .isInstanceOfSatisfying(
            HealthResult.TimedOut.class, t -> assertThat(t.processAlive()).isTrue());
    assertThat(result.causeCode()).isEqualTo("SMOKE_NOT_LISTENING");
    assertThat(result.reason())
        .isEqualTo(
            "the process is alive but nothing answers on PORT="
                + result.port()
                + " after 3s: does the entry listen on process.env.PORT?");
  }

  @Test
  void serverListeningOnAFixedPortInsteadOfPortTimesOut() throws Exception {
    int fixed = freePort();
    Path server =
        script(
            "server.js",
            "require('http').createServer((req, res) => res.end('ok')).listen("
                + fixed
                + ", '127.0.0.1');\n");

    SmokeResult result = smoke(List.of("node", server.toString()), SHORT, "/");

    assertThat(result.causeCode()).isEqualTo("SMOKE_NOT_LISTENING");
    assertThat(result.reason())
        .contains("nothing answers on PORT=" + result.port(), "process.env.PORT");
  }

  @Test
  void serverListeningOnAFixedPortThatIsTakenIsNamedInTheReason() throws Exception {
    try (ServerSocket live = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      // What happens in production: the live release already holds the fixed port.
      int taken = live.getLocalPort();
      Path server =
          script(
              "server.js",
              "require('http').createServer((req, res) => res.end('ok')).listen("
                  + taken
                  + ", '127.0.0.1');\n");

      SmokeResult result = smoke(List.of("node", server.toString()), LONG, "/");

      assertThat(result.causeCode()).isEqualTo("SMOKE_FIXED_PORT");
      assertThat(result.reason())
          .contains("port " + taken + ", which is in use, instead of PORT=" + result.port());
    }
  }

  @Test
  void portTakenBeforeTheReleaseListensIsStartedAgainOnAnotherPort() throws Exception {
    Path server = script("server.js", HEALTHY_SERVER);
    try (ServerSocket other = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      // Another program binds the port we chose in the moment before the release listens on it.
      int taken = other.getLocalPort();
      Iterator<Integer> ports = List.of(taken, freePort()).iterator();

      SmokeResult result = SmokeStart.run(spec(List.of("node", server.toString()), LONG, "/"), ports::next);

      assertThat(result.ok()).as(result.reason()).isTrue();
      assertThat(result.attempt()).isEqualTo(2);
      assertThat(result.port()).isNotEqualTo(taken);
      assertThat(Files.readString(log))
          .contains("PORT=" + taken, "EADDRINUSE", "PORT=" + result.port(), "listening on " + result.port());
    }
  }

  @Test
  void portTakenAtEveryStartFailsAfterTheLastStartAndSaysSo() throws Exception {
    Path server = script("server.js", HEALTHY_SERVER);
    try (ServerSocket other = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int taken = other.getLocalPort();

      SmokeResult result = SmokeStart.run(spec(List.of("node", server.toString()), LONG, "/"), () -> taken);

      assertThat(result.ok()).isFalse();
      assertThat(result.attempt()).isEqualTo(SmokeStart.PORT_ATTEMPTS);
      assertThat(result.causeCode()).isEqualTo("SMOKE_PORT_TAKEN");
      assertThat(result.reason())
          .contains("another program took the free port", "PORT=" + taken, SmokeStart.PORT_ATTEMPTS + " starts");
      assertThat(Files.readString(log).split("--- slipway smoke start", -1)).hasSize(SmokeStart.PORT_ATTEMPTS + 1);
    }
  }

  @Test
  void interruptStopsTheReleaseAndIsPassedOn() throws Exception {
    Path server = script("server.js", "console.log('started'); setInterval(() => {}, 1000);\n");
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread smoke =
        new Thread(
            () -> {
              try {
                smoke(List.of("node", server.toString()), LONG, "/");
              } catch (Throwable t) {
                thrown.set(t);
              }
            });
    smoke.start();
    OsProcesses.await(
        "node started", Duration.ofSeconds(15), () -> OsProcesses.countLines(log, "started") == 1);

    smoke.interrupt();
    smoke.join(Duration.ofSeconds(15).toMillis());

    assertThat(smoke.isAlive()).isFalse();
    assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
  }

  @Test
  void missingProgramIsASmokeFailureNamingTheCommand() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> smoke(List.of("no-such-node-slipway", "server.js"), SHORT, "/"))
        .isInstanceOfSatisfying(
            SlipwayException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(FailureKind.SMOKE_FAILED);
              assertThat(e.causeCode()).isEqualTo("SMOKE_CANNOT_START");
              assertThat(e.getMessage()).contains("no-such-node-slipway server.js");
            });
  }

  @Test
  void eachRunsFirstErrorComesFromItsOwnPartOfTheLog() throws Exception {
    Path broken = script("broken.js", "throw new Error('first deploy');\n");
    Path alsoBroken = script("also-broken.js", "throw new TypeError('second deploy');\n");

    smoke(List.of("node", broken.toString()), LONG, "/");
    SmokeResult second = smoke(List.of("node", alsoBroken.toString()), LONG, "/");

    assertThat(second.firstError())
        .hasValueSatisfying(e -> assertThat(e).startsWith("TypeError: second deploy"));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }
}
