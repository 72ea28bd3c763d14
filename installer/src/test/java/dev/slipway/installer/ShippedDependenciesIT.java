package dev.slipway.installer;

import dev.slipway.format.FailureKind;
import dev.slipway.format.Manifest;
import dev.slipway.format.Reporter;
import dev.slipway.format.ShippedDependencies;
import dev.slipway.format.SlipwayException;
import dev.slipway.installer.deps.InstallInfo;
import dev.slipway.installer.layout.History;
import dev.slipway.installer.layout.HistoryEntry;
import dev.slipway.installer.preflight.NodeRuntime;
import dev.slipway.installer.release.Step;
import dev.slipway.installer.status.ReleaseList;
import dev.slipway.installer.steps.PlatformCheck;
import dev.slipway.installer.steps.ShippedModules;
import dev.slipway.installer.user.AppUser;
import dev.slipway.testkit.Http;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;


/**
 * Issue #18: a release that ships its node_modules installs with no npm ci (and no npm at all),
 * its tree checked against the manifest; one built for another platform is refused before
 * anything is unpacked; the rest (rollback, history, --json) says what happened.
 */
class ShippedDependenciesIT {
  /** npm does not exist here: any attempt to run it fails the install. */
  static final String NO_NPM = "/nonexistent/slipway-test/npm";

  static ShippedArchives.Platform host;

  @TempDir Path tmp;

  @BeforeAll
  static void probeHost() throws Exception {
    host = ShippedArchives.Platform.of(NodeRuntime.probe("node"));
  }

  @AfterEach
  void nothingLeftRunning() {
    TestRoot.assertNoChildProcessesLeft();
  }

  @Test
  void aStandaloneReleaseInstallsWithoutNpmAndServesItsShippedPackage() throws Exception {
    TestRoot root = TestRoot.create(tmp.resolve("root"));
    Path archive = ShippedArchives.shipped(tmp, "s1", ShippedDependencies.STANDALONE, host, List.of());
    LiveServer server = LiveServer.create(root.path(), Http.freePort());
    try {
      InstallResult result = install(request(archive, root).withRestart(server.command(),
          List.of(server.url("/")), Duration.ofSeconds(30)));

      assertThat(result.dependencies()).isEqualTo("shipped (standalone)");
      assertThat(result.npmDecision()).startsWith("shipped (standalone)").contains("npm ci not run");
      assertThat(Http.get(server.url("/"), Duration.ofSeconds(10)).body())
          .isEqualTo(ShippedArchives.ANSWER_PREFIX + " hello from the env file");
    } finally {
      server.stop();
    }
    Path release = root.path().resolve("releases").resolve(root.live().orElseThrow());
    assertThat(release.resolve(".deploy/logs/npm-ci.log")).doesNotExist();
    assertThat(InstallInfo.read(release).orElseThrow().method()).isEqualTo("shipped (standalone)");
    HistoryEntry entry = new History(root.path().resolve("history.jsonl")).readAll().get(0);
    assertThat(entry.result()).isEqualTo(HistoryEntry.OK);
    assertThat(entry.dependencies()).isEqualTo("shipped (standalone)");
  }

  @Test
  void turbopackLinksIntoAShippedTreeAreCreatedAndRetentionRemovesOldShippedReleases() throws Exception {
    TestRoot root = TestRoot.create(tmp.resolve("root"));
    List<Manifest.Link> links = List.of(new Manifest.Link(".next/node_modules/tiny-850d997d12dc4759", "../../node_modules/tiny"));
    String first = null;
    for (String build : List.of("k1", "k2", "k3")) {
      InstallResult result = install(request(ShippedArchives.shipped(tmp, build, ShippedDependencies.STANDALONE, host,
          List.of(), links), root).withKeep(2));
      first = first == null ? result.releaseId() : first;
      Path link = root.path().resolve("releases").resolve(result.releaseId()).resolve(links.get(0).path());
      assertThat(Files.isSymbolicLink(link)).isTrue();
      assertThat(link.resolve("index.js")).as("the link resolves into the shipped tree").isRegularFile();
    }

    assertThat(root.releases()).hasSize(2).doesNotContain(first);
  }

  @Test
  void aReleaseBuiltForAnotherPlatformIsRefusedBeforeAnythingIsUnpacked() throws Exception {
    TestRoot root = TestRoot.create(tmp.resolve("root"));
    InstallResult live = install(request(ShippedArchives.shipped(tmp, "s1", ShippedDependencies.STANDALONE, host, List.of()), root));
    List<String> before = root.releases();
    List<String> addons = List.of("node_modules/@img/sharp-linuxmusl-arm64/lib/sharp-linuxmusl-arm64.node");
    String otherArch = host.arch().equals("arm64") ? "x64" : "arm64";
    String otherLibc = host.libc().equals("musl") ? "glibc" : "musl";
    Path foreign = ShippedArchives.shipped(tmp, "f2", ShippedDependencies.STANDALONE,
        new ShippedArchives.Platform(host.os(), otherArch, otherLibc, "999"), addons);

    SlipwayException refused = catchThrowableOfType(() -> install(request(foreign, root)), SlipwayException.class);

    assertThat(refused.kind()).isEqualTo(FailureKind.NODE_PREFLIGHT);
    assertThat(refused.causeCode()).isEqualTo(PlatformCheck.CAUSE);
    assertThat(refused.getMessage().lines().findFirst().orElseThrow())
        .contains("CPU " + otherArch + " (build) vs " + host.arch(), "C library " + otherLibc + " (build) vs " + host.libc(),
            "Node ABI 999 (build) vs " + host.nodeAbi(), "nothing was unpacked");
    assertThat(refused.evidence()).contains(addons.get(0));
    assertThat(refused.fix()).startsWith("build on the target's platform (" + host.os() + "-" + host.arch() + "-"
        + host.libc() + ", Node ABI " + host.nodeAbi() + "), or package without standalone/--bundle-deps");
    assertThat(root.releases()).isEqualTo(before);
    assertThat(root.live()).contains(live.releaseId());
    root.assertNoStagingLeft();
    List<HistoryEntry> history = new History(root.path().resolve("history.jsonl")).readAll();
    assertThat(history.get(history.size() - 1).causeCode()).isEqualTo(PlatformCheck.CAUSE);
  }

  @Test
  void withoutNativeAddonsAnotherNodeAbiIsNoMismatch() throws Exception {
    TestRoot root = TestRoot.create(tmp.resolve("root"));
    ShippedArchives.Platform otherAbi = new ShippedArchives.Platform(host.os(), host.arch(), host.libc(), "999");

    InstallResult result = install(request(
        ShippedArchives.shipped(tmp, "s1", ShippedDependencies.STANDALONE, otherAbi, List.of()), root));

    assertThat(result.dependencies()).isEqualTo("shipped (standalone)");
  }

  @Test
  void aManifestThatShipsDependenciesButListsNoNodeModulesIsRefusedBeforeTheSmokeStart() throws Exception {
    TestRoot root = TestRoot.create(tmp.resolve("root"));

    SlipwayException refused = catchThrowableOfType(
        () -> install(request(ShippedArchives.shippedWithoutModules(tmp, "e1", host), root)), SlipwayException.class);

    assertThat(refused.kind()).isEqualTo(FailureKind.INTEGRITY);
    assertThat(refused.causeCode()).isEqualTo(ShippedModules.INCOMPLETE);
    assertThat(refused.getMessage()).contains("standalone node_modules is incomplete", "package.json declares dependencies");
    assertThat(root.live()).isEmpty();
    assertThat(root.releases()).isEmpty();
  }

  @Test
  void aBundledReleaseMissingAProductionPackageOfItsLockfileIsRefused() throws Exception {
    TestRoot root = TestRoot.create(tmp.resolve("root"));
    Path archive = ShippedArchives.shipped(tmp, "b1", ShippedDependencies.BUNDLED, host, List.of());
    StepHook removePackage = step -> {
      if (step == Step.ENV) {
        deleteFromStaging(root, "node_modules/tiny");
      }
    };

    SlipwayException refused = catchThrowableOfType(
        () -> new Installer(Reporter.SILENT, Map.of(), Clock.systemUTC(), removePackage).install(request(archive, root)),
        SlipwayException.class);

    assertThat(refused.causeCode()).isEqualTo(ShippedModules.INCOMPLETE);
    assertThat(refused.getMessage()).contains("bundled node_modules is incomplete", "node_modules/tiny/index.js is missing");
    assertThat(refused.evidence()).contains("node_modules/tiny: the lockfile requires it for production");
    assertThat(root.live()).isEmpty();
  }

  @Test
  void rollbackGoesToAndFromAShippedReleaseAndNpmCiNeverReusesItsTree() throws Exception {
    TestRoot root = TestRoot.create(tmp.resolve("root"));
    // Release ids sort by second, then build id: r1 before r2 even within one second.
    InstallResult shipped = install(request(
        ShippedArchives.shipped(tmp, "r1", ShippedDependencies.STANDALONE, host, List.of()), root));
    InstallResult npm = install(request(ShippedArchives.withFileDependency(tmp, "r2", host), root).withNpm("npm"));
    assertThat(npm.dependencies()).as("a shipped tree is never hard-linked into an npm ci release").isEqualTo("npm ci");

    RollbackResult back = new Rollback(Reporter.SILENT, Map.of(), Clock.systemUTC()).rollback(RollbackRequest.of(root.path()));
    assertThat(back.toReleaseId()).isEqualTo(shipped.releaseId());
    RollbackResult forth = new Rollback(Reporter.SILENT, Map.of(), Clock.systemUTC())
        .rollback(RollbackRequest.of(root.path()).withTo(npm.releaseId()));
    assertThat(forth.toReleaseId()).isEqualTo(npm.releaseId());
    assertThat(ReleaseList.read(root.path())).extracting(ReleaseList.Row::releaseId)
        .containsExactlyInAnyOrder(shipped.releaseId(), npm.releaseId());
  }

  @Test
  void aRollbackToAShippedReleaseThisHostNoLongerMatchesIsRefusedWithCurrentUnchanged() throws Exception {
    TestRoot root = TestRoot.create(tmp.resolve("root"));
    InstallResult old = install(request(
        ShippedArchives.shipped(tmp, "s1", ShippedDependencies.STANDALONE, host, List.of()), root));
    InstallResult live = install(request(
        ShippedArchives.shipped(tmp, "s2", ShippedDependencies.STANDALONE, host, List.of()), root));
    // As if this host's node had changed since s1 was installed: its manifest names another CPU.
    String otherArch = host.arch().equals("arm64") ? "x64" : "arm64";
    Path manifest = root.path().resolve("releases").resolve(old.releaseId()).resolve(".deploy/manifest.json");
    String json = Files.readString(manifest);
    Files.writeString(manifest, json.replace("\"arch\" : \"" + host.arch() + "\"", "\"arch\" : \"" + otherArch + "\""));

    SlipwayException refused = catchThrowableOfType(
        () -> new Rollback(Reporter.SILENT, Map.of(), Clock.systemUTC()).rollback(RollbackRequest.of(root.path())),
        SlipwayException.class);

    assertThat(refused.causeCode()).isEqualTo(PlatformCheck.CAUSE);
    assertThat(refused.getMessage()).contains("CPU " + otherArch + " (build) vs " + host.arch(), "current was not switched");
    assertThat(root.live()).contains(live.releaseId());
  }

  private static void deleteFromStaging(TestRoot root, String path) {
    try (var list = Files.list(root.path())) {
      Path staging = list.filter(p -> p.getFileName().toString().startsWith(".staging")).findFirst().orElseThrow();
      dev.slipway.installer.layout.FileTrees.deleteRecursively(staging.resolve(path));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static InstallResult install(InstallRequest request) throws IOException {
    return new Installer(Reporter.SILENT, Map.of(), Clock.systemUTC(), StepHook.NONE).install(request);
  }

  /** Archives claim Node 20 (the host's may be newer); npm is not there at all. */
  private static InstallRequest request(Path archive, TestRoot root) {
    return InstallRequest.of(archive, root.path()).withNode("node", true).withAppUser(AppUser.ROOT_ALLOWED)
        .withEnvFile(root.path().resolve("shared/.env.production")).withNpm(NO_NPM);
  }
}
