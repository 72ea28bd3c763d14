package dev.slipway.installer;

import dev.slipway.format.FailureKind;
import dev.slipway.format.FailureText;
import dev.slipway.format.Reporter;
import dev.slipway.format.SlipwayException;
import dev.slipway.installer.status.ReleaseList;
import dev.slipway.installer.user.AppUser;
import dev.slipway.testkit.Http;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;


/**
 * Issue #4 with real parts: the real example app, served from current by a real server that the
 * restart command restarts, checked live over HTTP. The tests are one story on one root, in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RollbackEndToEndIT {
  static final Map<String, String> ENV = Map.of("npm_config_prefer_offline", "true");
  static final String ANSWERS_500_ONCE_LIVE = """
      const live = process.env.SLIPWAY_LIVE === '1';
      require('http').createServer((req, res) => {
        res.statusCode = live ? 500 : 200;
        res.end(live ? 'broken once live' : 'fine in the smoke-start');
      }).listen(process.env.PORT);
      """;

  @TempDir static Path tmp;
  static TestRoot root;
  static LiveServer server;
  static String v1;
  static String v2;
  static String v3;
  static String v4;

  @BeforeAll
  static void createRoot() throws Exception {
    root = TestRoot.create(tmp.resolve("root"));
    server = LiveServer.create(root.path(), Http.freePort());
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.stop();
  }

  static InstallResult install(Path archive) throws Exception {
    return new Installer(Reporter.SILENT, ENV, Clock.systemUTC(), StepHook.NONE).install(
        InstallRequest.of(archive, root.path()).withAppUser(AppUser.ROOT_ALLOWED)
            .withRestart(server.command(), List.of(server.url("/api/health")), Duration.ofSeconds(60)));
  }

  static RollbackResult rollback(RollbackRequest request, Map<String, String> env) throws Exception {
    return new Rollback(Reporter.SILENT, env, Clock.systemUTC()).rollback(
        request.withRestart(server.command(), List.of(server.url("/api/health")), Duration.ofSeconds(60)));
  }

  static String liveVersion() {
    return Http.awaitStatus(server.url("/api/health"), 200, Duration.ofSeconds(60)).body();
  }

  @Test
  @Order(1)
  void installV1ThenV2ThenRollbackServesV1Again() throws Exception {
    v1 = install(TestArchives.v1()).releaseId();
    assertThat(liveVersion()).contains("\"version\":\"1.0.0\"");
    v2 = install(TestArchives.v2()).releaseId();
    assertThat(liveVersion()).contains("\"version\":\"2.0.0\"");

    RollbackResult result = rollback(RollbackRequest.of(root.path()), ENV);

    assertThat(result.summary()).isEqualTo("from " + v2 + " (2.0.0) to " + v1 + " (1.0.0)");
    assertThat(root.live()).contains(v1);
    assertThat(liveVersion()).contains("\"version\":\"1.0.0\"");
  }

  @Test
  @Order(2)
  void aReleaseThatFailsOnceLiveIsRolledBackAutomaticallyAndMarkedBad() throws Exception {
    rollback(RollbackRequest.of(root.path()).withTo(v2), ENV);
    Path v3Archive = TestArchives.withServerJs("500-once-live", ANSWERS_500_ONCE_LIVE);

    SlipwayException failure = (SlipwayException) catchThrowable(() -> install(v3Archive));

    assertThat(failure.kind()).isEqualTo(FailureKind.LIVE_CHECK_ROLLED_BACK);
    assertThat(FailureText.lines(failure).get(0)).contains("LIVE_CHECK_FAILED").contains("500").contains("rolled back to " + v2);
    assertThat(root.live()).contains(v2);
    assertThat(liveVersion()).contains("\"version\":\"2.0.0\"");
    v3 = ReleaseList.read(root.path()).stream().filter(r -> r.status().equals("bad")).findFirst().orElseThrow().releaseId();
    assertThat(Files.readAllLines(root.path().resolve("history.jsonl"))).last().asString()
        .contains("\"result\":\"rolled-back\"").contains(v3);
  }

  @Test
  @Order(3)
  void rollbackSkipsABadRelease() throws Exception {
    v4 = install(TestArchives.v3()).releaseId();
    assertThat(liveVersion()).contains("\"version\":\"3.0.0\"");

    RollbackResult result = rollback(RollbackRequest.of(root.path()), ENV);

    assertThat(result.toReleaseId()).as("skips bad " + v3).isEqualTo(v2);
    assertThat(liveVersion()).contains("\"version\":\"2.0.0\"");
  }

  @Test
  @Order(4)
  void toPicksANamedReleaseAndWorksWithTheRegistryUnreachable() throws Exception {
    Map<String, String> offline = Map.of("npm_config_registry", "http://127.0.0.1:9/", "npm_config_fetch_retries", "0");

    RollbackResult result = rollback(RollbackRequest.of(root.path()).withTo(v1), offline);

    assertThat(result.toReleaseId()).isEqualTo(v1);
    assertThat(liveVersion()).contains("\"version\":\"1.0.0\"");
  }

  @Test
  @Order(5)
  void listShowsLivePreviousGoodAndBad() throws Exception {
    var rows = ReleaseList.read(root.path());

    assertThat(rows).extracting(ReleaseList.Row::releaseId).containsExactly(v4, v3, v2, v1);
    assertThat(rows).extracting(ReleaseList.Row::status).containsExactly("good", "bad", "good", "live");
    assertThat(rows).extracting(ReleaseList.Row::version).containsExactly("3.0.0", "1.0.0", "2.0.0", "1.0.0");
    assertThat(rows).allSatisfy(row -> assertThat(row.sizeBytes()).isPositive());
  }

  @Test
  @Order(6)
  void rollbackRefusesWhenARequiredEnvVarHasDisappeared() throws Exception {
    rollback(RollbackRequest.of(root.path()).withTo(v2), ENV);
    Files.writeString(root.path().resolve("shared/.env.production"), "OTHER=1\n");
    try {
      SlipwayException refusal = (SlipwayException) catchThrowable(() -> rollback(RollbackRequest.of(root.path()).withTo(v4), ENV));

      assertThat(refusal.kind()).isEqualTo(FailureKind.ENV_MISSING);
      assertThat(refusal.getMessage()).contains("GREETING");
      assertThat(root.live()).contains(v2);
    } finally {
      Files.writeString(root.path().resolve("shared/.env.production"), "GREETING=hello from the env file\n");
    }
  }

  @Test
  @Order(7)
  void rollbackRefusesClearlyWhenThereIsNothingToRollBackTo() throws Exception {
    TestRoot lonely = TestRoot.create(tmp.resolve("lonely"));
    new Installer(Reporter.SILENT, ENV, Clock.systemUTC(), StepHook.NONE).install(InstallRequest.of(TestArchives.v1(), lonely.path()).withAppUser(AppUser.ROOT_ALLOWED));

    SlipwayException refusal = (SlipwayException) catchThrowable(
        () -> new Rollback(Reporter.SILENT, ENV, Clock.systemUTC()).rollback(RollbackRequest.of(lonely.path())));

    assertThat(refusal.kind()).isEqualTo(FailureKind.NOTHING_TO_ROLL_BACK);
    assertThat(refusal.getMessage()).contains("no good release older than the live one");
  }
  @Test
  @Order(8)
  void aHistoryLineThatCannotBeWrittenIsAWarningOnceTheTargetIsLive() throws Exception {
    Path history = root.path().resolve("history.jsonl");
    Path kept = Files.move(history, tmp.resolve("history.jsonl.kept"));
    // A folder where the file should be: appending to it fails as a full or read-only disk would.
    Files.createDirectories(history);
    List<String> warnings = new java.util.ArrayList<>();
    Reporter recording = new Reporter() {
      @Override
      public void step(String description) {}

      @Override
      public void warn(String warning) {
        warnings.add(warning);
      }
    };
    try {
      RollbackResult result = new Rollback(recording, ENV, Clock.systemUTC()).rollback(
          RollbackRequest.of(root.path()).withTo(v4)
              .withRestart(server.command(), List.of(server.url("/api/health")), Duration.ofSeconds(60)));

      assertThat(root.live()).contains(v4);
      assertThat(result.toReleaseId()).isEqualTo(v4);
      assertThat(liveVersion()).contains("\"version\":\"3.0.0\"");
      assertThat(warnings).anySatisfy(w -> assertThat(w)
          .startsWith("the release is live, but its history line could not be written").contains("history.jsonl"));
    } finally {
      Files.delete(history);
      Files.move(kept, history);
    }
  }

  @Test
  @Order(9)
  void withoutAnyNewerEnvFileRollbackUsesTheTargetsOwnAndSaysSo() throws Exception {
    Path shared = root.path().resolve("shared/.env.production");
    Path kept = Files.move(shared, tmp.resolve("env.kept"));
    List<String> steps = new java.util.ArrayList<>();
    Reporter recording = new Reporter() {
      @Override
      public void step(String description) {
        steps.add(description);
      }

      @Override
      public void warn(String warning) {}
    };
    try {
      RollbackResult result = new Rollback(recording, ENV, Clock.systemUTC()).rollback(
          RollbackRequest.of(root.path()).withTo(v2)
              .withRestart(server.command(), List.of(server.url("/api/health")), Duration.ofSeconds(60)));

      Path own = root.path().resolve("releases").resolve(v2).resolve(".env.production");
      assertThat(result.envFile()).isEqualTo(own.toString());
      assertThat(steps).contains("environment for the target release: " + own + " (the release's own copy, kept from its install)");
      assertThat(root.live()).contains(v2);
      assertThat(liveVersion()).contains("\"version\":\"2.0.0\"");
      assertThat(own).hasContent("GREETING=hello from the env file");
    } finally {
      Files.move(kept, shared);
    }
  }
}
