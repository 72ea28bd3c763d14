package dev.slipway.installer;

import dev.slipway.format.FailureKind;
import dev.slipway.format.Reporter;
import dev.slipway.format.Sha256;
import dev.slipway.format.Sidecar;
import dev.slipway.format.SlipwayException;
import dev.slipway.installer.archive.ArchiveVerifier;
import dev.slipway.installer.release.Step;
import dev.slipway.installer.user.AppUser;
import dev.slipway.testkit.Http;
import dev.slipway.testkit.HttpResult;
import dev.slipway.testkit.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;


/**
 * Issue #3 with real parts: archives of the real example app, real npm ci, real node, real HTTP.
 * Every refusal must leave current and the releases exactly as they were, no staging folder and
 * no process behind.
 */
public class InstallerEndToEndIT {
  /** npm may answer from its cache without asking the registry: same result, much faster tests. */
  public static final Map<String, String> ENV = Map.of("npm_config_prefer_offline", "true");

  @TempDir Path tmp;
  @TempDir static Path sharedTmp;
  /** One root with v1 live, shared by the refusal tests: a refusal must leave it exactly as it was. */
  static TestRoot v1Root;
  static InstallResult v1;
  Process server;

  @BeforeAll
  static void installV1Once() throws IOException {
    v1Root = TestRoot.create(sharedTmp.resolve("v1-root"));
    v1 = install(TestArchives.v1(), v1Root);
  }

  @AfterEach
  void stopServerAndCheckNothingIsLeft() {
    if (server != null) {
      Processes.destroyTree(server.toHandle(), Duration.ofSeconds(10));
    }
    TestRoot.assertNoChildProcessesLeft();
  }

  static InstallResult install(InstallRequest request, Map<String, String> env) throws IOException {
    return new Installer(Reporter.SILENT, env, Clock.systemUTC(), StepHook.NONE).install(request);
  }

  static InstallResult install(Path archive, TestRoot root) throws IOException {
    return install(InstallRequest.of(archive, root.path()).withAppUser(AppUser.ROOT_ALLOWED), ENV);
  }

  private HttpResult serveCurrent(TestRoot root, String path) throws Exception {
    int port = Http.freePort();
    ProcessBuilder builder = new ProcessBuilder("node", "server.js").directory(root.path().resolve("current").toFile())
        .redirectErrorStream(true).redirectOutput(tmp.resolve("server-" + port + ".log").toFile());
    builder.environment().put("PORT", String.valueOf(port));
    builder.environment().put("NEXT_TELEMETRY_DISABLED", "1");
    server = builder.start();
    Http.awaitStatus("http://127.0.0.1:" + port + "/", 200, Duration.ofSeconds(60));
    HttpResult result = Http.get("http://127.0.0.1:" + port + path, Duration.ofSeconds(20));
    Processes.destroyTree(server.toHandle(), Duration.ofSeconds(10));
    return result;
  }

  @Test
  void firstAndSecondInstallBothServeFromCurrent() throws Exception {
    TestRoot root = TestRoot.create(tmp.resolve("root"));

    InstallResult first = install(TestArchives.v1(), root);
    assertThat(root.live()).contains(first.releaseId());
    assertThat(serveCurrent(root, "/api/health").body()).contains("\"version\":\"1.0.0\"");
    assertThat(serveCurrent(root, "/greeting").body()).contains("hello from the env file");

    InstallResult second = install(TestArchives.v2(), root);
    assertThat(second.previousReleaseId()).isEqualTo(first.releaseId());
    assertThat(root.live()).contains(second.releaseId());
    assertThat(root.releases()).containsExactly(first.releaseId(), second.releaseId());
    assertThat(serveCurrent(root, "/api/health").body()).contains("\"version\":\"2.0.0\"");
    assertThat(root.path().resolve("history.jsonl")).content().contains(second.releaseId()).contains("\"result\":\"ok\"");
    root.assertNoStagingLeft();
  }

  @Test
  void oldReleasesThatCannotBeRemovedAreAWarningOnceTheNewReleaseIsLive() throws Exception {
    TestRoot root = TestRoot.create(tmp.resolve("root"));
    Path undeletable = root.path().resolve("releases/old");
    // What a root-owned file in an old release, or a read-only mount, makes Retention.prune throw.
    StepHook failingRetention = step -> {
      if (step == Step.RETENTION) {
        throw new java.io.UncheckedIOException(new java.nio.file.AccessDeniedException(undeletable.toString()));
      }
    };

    InstallResult result = new Installer(Reporter.SILENT, ENV, Clock.systemUTC(), failingRetention)
        .install(InstallRequest.of(TestArchives.v1(), root.path()).withAppUser(AppUser.ROOT_ALLOWED));

    assertThat(root.live()).contains(result.releaseId());
    assertThat(result.warnings()).anySatisfy(w -> assertThat(w)
        .startsWith("the release is live, but old releases could not be removed")
        .contains("cannot read or write " + undeletable));
    assertThat(Files.readAllLines(root.path().resolve("history.jsonl"))).last().asString()
        .contains(result.releaseId()).contains("\"result\":\"ok\"");
    assertThat(serveCurrent(root, "/api/health").body()).contains("\"version\":\"1.0.0\"");
    root.assertNoStagingLeft();
  }

  @Test
  void aFailureAfterTheSwitchSaysWhichReleaseIsLive() throws Exception {
    TestRoot root = TestRoot.create(tmp.resolve("root"));
    InstallResult first = install(TestArchives.v1(), root);
    Path denied = root.path().resolve("restart.lock");
    StepHook failingRestart = step -> {
      if (step == Step.RESTART) {
        throw new java.io.UncheckedIOException(new java.nio.file.AccessDeniedException(denied.toString()));
      }
    };

    SlipwayException failure = (SlipwayException) org.assertj.core.api.Assertions.catchThrowable(
        () -> new Installer(Reporter.SILENT, ENV, Clock.systemUTC(), failingRestart)
            .install(InstallRequest.of(TestArchives.v2(), root.path()).withAppUser(AppUser.ROOT_ALLOWED)));

    String live = root.live().orElseThrow();
    assertThat(live).isNotEqualTo(first.releaseId());
    assertThat(failure.kind()).isEqualTo(FailureKind.LOCAL_IO);
    assertThat(failure.getMessage()).isEqualTo("cannot read or write " + denied + ": AccessDeniedException; this happened"
        + " after the switch: current now points to " + live + " (was " + first.releaseId() + ")");
    assertThat(failure.fix()).endsWith("`installer rollback --root ROOT` goes back to " + first.releaseId());
    assertThat(Files.readAllLines(root.path().resolve("history.jsonl"))).last().asString()
        .contains(live).contains("\"causeCode\":\"LOCAL_IO\"").contains("\"failedStep\":\"restart\"");
  }

  @Test
  void aHistoryLineThatCannotBeWrittenIsAWarningOnceTheNewReleaseIsLive() throws Exception {
    TestRoot root = TestRoot.create(tmp.resolve("root"));
    // A folder where the file should be: appending to it fails as a full or read-only disk would.
    Files.createDirectories(root.path().resolve("history.jsonl"));

    InstallResult result = install(TestArchives.v1(), root);

    assertThat(root.live()).contains(result.releaseId());
    assertThat(result.warnings()).anySatisfy(w -> assertThat(w)
        .startsWith("the release is live, but its history line could not be written")
        .contains("history.jsonl"));
    assertThat(serveCurrent(root, "/api/health").body()).contains("\"version\":\"1.0.0\"");
  }

  @Test
  void releaseHoldsProductionDependenciesOnlyAndThePrivateEnvFile() throws Exception {
    TestRoot root = TestRoot.create(tmp.resolve("root"));
    InstallResult result = install(TestArchives.v1(), root);
    Path release = root.path().resolve("releases").resolve(result.releaseId());

    assertThat(release.resolve("node_modules/next/package.json")).exists();
    assertThat(release.resolve("node_modules/is-number")).as("a devDependency").doesNotExist();
    assertThat(release.resolve(".deploy/logs/npm-ci.log")).exists();
    assertThat(release.resolve(".deploy/logs/smoke.log")).exists();
    assertThat(Files.getPosixFilePermissions(release.resolve(".env.production")))
        .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ, java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
  }

  /** Runs {@code failing} against the shared v1 root; asserts the refusal and that v1 is untouched. */
  private SlipwayException refusedAfterV1(TestRoot root, FailureKind kind, String cause, ThrowingInstall failing) throws Exception {
    List<String> releasesBefore = root.releases();
    Path marker = root.path().resolve("releases").resolve(v1.releaseId()).resolve(".next/BUILD_ID");
    String markerBefore = Files.readString(marker);

    SlipwayException refusal = (SlipwayException) org.assertj.core.api.Assertions.catchThrowable(failing::run);
    assertThat(refusal).as("refused").isNotNull();
    assertThat(refusal.kind()).as(refusal.getMessage()).isEqualTo(kind);
    assertThat(refusal.causeCode()).as(refusal.getMessage()).isEqualTo(cause);
    assertThat(root.live()).contains(v1.releaseId());
    assertThat(root.releases()).isEqualTo(releasesBefore);
    assertThat(marker).hasContent(markerBefore);
    root.assertNoStagingLeft();
    TestRoot.assertNoChildProcessesLeft();
    assertThat(Files.readAllLines(root.path().resolve("history.jsonl"))).last().asString()
        .contains("\"causeCode\":\"" + cause + "\"").contains("\"result\":\"refused\"");
    return refusal;
  }

  @FunctionalInterface
  interface ThrowingInstall {
    void run() throws Exception;
  }

  @Test
  void refusesAnArchiveWithAFlippedByte() throws Exception {
    TestRoot root = v1Root;
    Path damaged = tmp.resolve("damaged.tar.gz");
    Files.copy(TestArchives.v2(), damaged);
    Files.copy(Sidecar.pathFor(TestArchives.v2()), Sidecar.pathFor(damaged));
    byte[] bytes = Files.readAllBytes(damaged);
    bytes[bytes.length / 2] ^= 0x01;
    Files.write(damaged, bytes);

    refusedAfterV1(root, FailureKind.INTEGRITY, "CHECKSUM_MISMATCH", () -> install(damaged, root));
  }

  @Test
  void refusesAManifestFileMismatchEvenWithARecomputedSidecar() throws Exception {
    TestRoot root = v1Root;
    Path tampered = ArchiveSurgery.replaceFile(TestArchives.v2(), tmp.resolve("tampered.tar.gz"), ".next/BUILD_ID", "evil-build");
    Sidecar.write(tampered, Sha256.of(tampered));

    SlipwayException refusal = refusedAfterV1(root, FailureKind.INTEGRITY, "SIZE_MISMATCH", () -> install(tampered, root));
    assertThat(refusal.getMessage()).contains(".next/BUILD_ID");
  }

  @Test
  void refusesWhenARequiredEnvVarIsMissingAndNamesItButNotAnyValue() throws Exception {
    TestRoot root = v1Root;
    Path emptyEnv = Files.writeString(tmp.resolve("empty.env"), "OTHER=secret-value-123\n");

    SlipwayException refusal = refusedAfterV1(root, FailureKind.ENV_MISSING, "ENV_MISSING",
        () -> install(InstallRequest.of(TestArchives.v2(), root.path()).withAppUser(AppUser.ROOT_ALLOWED).withEnvFile(emptyEnv), ENV));
    assertThat(refusal.getMessage()).contains("GREETING").doesNotContain("secret-value-123");
  }

  @Test
  void refusesAnEnginesRangeTheLocalNodeDoesNotSatisfy() throws Exception {
    TestRoot root = v1Root;
    Path archive = TestArchives.variant("engines-99",
        app -> TestArchives.replace(app.resolve("package.json"), "\">=20 <23\"", "\">=99\""));

    SlipwayException refusal = refusedAfterV1(root, FailureKind.NODE_PREFLIGHT, "NODE_ENGINES_MISMATCH", () -> install(archive, root));
    assertThat(refusal.getMessage()).contains(">=99");
  }

  @Test
  void refusesWhenNpmCiFailsAndLeavesNothingBehind() throws Exception {
    TestRoot root = TestRoot.create(tmp.resolve("root"));
    // A fresh cache and a closed registry port: npm ci cannot fetch anything.
    Files.delete(root.path().resolve("shared/npm-cache"));
    Files.createDirectories(root.path().resolve("shared/npm-cache"));
    Map<String, String> env = Map.of("npm_config_registry", "http://127.0.0.1:9/", "npm_config_fetch_retries", "0");

    SlipwayException refusal = (SlipwayException) org.assertj.core.api.Assertions.catchThrowable(
        () -> install(InstallRequest.of(TestArchives.v1(), root.path()).withAppUser(AppUser.ROOT_ALLOWED), env));
    assertThat(refusal.kind()).isEqualTo(FailureKind.NPM_FAILED);
    assertThat(refusal.causeCode()).isEqualTo("REGISTRY_UNREACHABLE");
    assertThat(refusal.evidence()).contains("ECONNREFUSED");
    assertThat(root.live()).isEmpty();
    assertThat(root.releases()).isEmpty();
    root.assertNoStagingLeft();
  }

  @Test
  void repeatInstallWithAnUnchangedLockfileReusesDependenciesAndServes() throws Exception {
    TestRoot root = TestRoot.create(tmp.resolve("root"));
    InstallResult first = install(TestArchives.v1(), root);
    InstallResult second = install(TestArchives.v2(), root);

    assertThat(first.npmDecision()).startsWith("npm ci");
    assertThat(second.npmDecision()).startsWith("reused from " + first.releaseId());
    Path firstNext = root.path().resolve("releases").resolve(first.releaseId()).resolve("node_modules/next/package.json");
    Path secondNext = root.path().resolve("releases").resolve(second.releaseId()).resolve("node_modules/next/package.json");
    assertThat(Files.isSameFile(firstNext, secondNext)).as("hard-linked, not shared: different folders, same file").isTrue();
    assertThat(secondNext.getParent().getParent()).isNotEqualTo(firstNext.getParent().getParent());
    assertThat(serveCurrent(root, "/api/health").body()).contains("\"version\":\"2.0.0\"");
  }

  @Test
  void changedLockfileMeansNpmCiAgain() throws Exception {
    TestRoot root = TestRoot.create(tmp.resolve("root"));
    install(TestArchives.v1(), root);
    Path relocked = TestArchives.variant("relocked", app ->
        TestArchives.replace(app.resolve("package-lock.json"), "\"lockfileVersion\": 3,", "\"lockfileVersion\": 3,\n  \"_relocked\": true,"));

    assertThat(install(relocked, root).npmDecision()).startsWith("npm ci").contains("the lockfile changed");
  }

  @Test
  void refusesAnAppThatCrashesAtStartAndQuotesTheException() throws Exception {
    TestRoot root = v1Root;
    Path archive = TestArchives.withServerJs("crash", "throw new Error('boom at start');\n");

    SlipwayException refusal = refusedAfterV1(root, FailureKind.SMOKE_FAILED, "SMOKE_EXITED", () -> install(archive, root));
    assertThat(refusal.evidence()).contains("Error: boom at start");
  }

  @Test
  void refusesAnAppThatAnswers500OnTheHealthPath() throws Exception {
    TestRoot root = v1Root;
    Path archive = TestArchives.withServerJs("500", """
        require('http').createServer((req, res) => { res.statusCode = 500; res.end('broken'); }).listen(process.env.PORT);
        """);

    refusedAfterV1(root, FailureKind.SMOKE_FAILED, "SMOKE_BAD_STATUS", () -> install(archive, root));
  }

  @Test
  void refusesAnAppThatNeverAnswers() throws Exception {
    TestRoot root = v1Root;
    Path archive = TestArchives.withServerJs("silent", "setInterval(() => {}, 1000);\n");

    refusedAfterV1(root, FailureKind.SMOKE_FAILED, "NEVER_LISTENS",
        () -> install(InstallRequest.of(archive, root.path()).withAppUser(AppUser.ROOT_ALLOWED).withSmokeTimeout(Duration.ofSeconds(5)), ENV));
  }

  @Test
  void verifyChecksAnArchiveWithoutTouchingAnyRoot() throws Exception {
    ArchiveVerifier.Result result = ArchiveVerifier.verify(TestArchives.v1(), Optional.empty(), Reporter.SILENT);
    assertThat(result.contents().manifest().app().version()).isEqualTo("1.0.0");
    assertThat(result.sha256()).isEqualTo(Sha256.of(TestArchives.v1()));
  }
}
