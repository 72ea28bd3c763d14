package dev.slipway.installer.process;

import dev.slipway.testkit.OsProcesses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.format.FailureKind;
import dev.slipway.format.SlipwayException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Real npm, offline: every case here fails (or succeeds) before npm would need the registry. */
@EnabledOnOs(OS.LINUX)
class NpmCiTest {

  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  @TempDir Path root;
  private Path release;
  private Path cache;
  private ChildRegistry registry;

  @BeforeEach
  void setUp() throws IOException {
    release = Files.createDirectories(root.resolve("releases/r1"));
    cache = root.resolve("shared/npm-cache");
    registry = new ChildRegistry(root.resolve(".slipway/children.json"));
  }

  @AfterEach
  void nothingOfNpmRuns() {
    try {
      OsProcesses.assertNoneRunningWith(root.toString());
      assertThat(registry.records()).isEmpty();
    } finally {
      OsProcesses.killAllWith(root.toString());
    }
  }

  private void writePackage(String dependencies, String lockPackages, String scripts)
      throws IOException {
    Files.writeString(
        release.resolve("package.json"),
        "{\"name\":\"app\",\"version\":\"1.0.0\",\"dependencies\":{"
            + dependencies
            + "},\"scripts\":{"
            + scripts
            + "}}\n");
    Files.writeString(
        release.resolve("package-lock.json"),
        "{\"name\":\"app\",\"version\":\"1.0.0\",\"lockfileVersion\":3,\"requires\":true,\"packages\":{"
            + "\"\":{\"name\":\"app\",\"version\":\"1.0.0\""
            + (dependencies.isEmpty() ? "" : ",\"dependencies\":{" + dependencies + "}")
            + (scripts.isEmpty() ? "" : ",\"hasInstallScript\":true")
            + "}"
            + lockPackages
            + "}}\n");
  }

  private NpmCi npmCi(Duration timeout) {
    return new NpmCi(NpmCi.defaultExecutable(), cache, timeout, registry);
  }

  @Test
  void lockedReleaseInstallsWithTheSharedCacheAndLogsToTheReleaseLog() throws Exception {
    writePackage(
        "",
        "",
        "\"postinstall\":\"node -e \\\"console.log('cache=' + process.env.npm_config_cache + '"
            + " notifier=' + process.env.npm_config_update_notifier)\\\"\"");

    Path log = npmCi(TIMEOUT).run(release, Map.of());

    assertThat(log).isEqualTo(release.resolve(".deploy/logs/npm-ci.log"));
    assertThat(Files.readString(log)).contains("cache=" + cache + " notifier=false");
  }

  @Test
  void lockfileOutOfSyncFailsWithNpmsErrorAndALockfileFix() throws Exception {
    writePackage("\"left-pad\":\"1.3.0\"", "", "");
    Files.writeString(
        release.resolve("package-lock.json"),
        "{\"name\":\"app\",\"version\":\"1.0.0\",\"lockfileVersion\":3,\"requires\":true,\"packages\":{\"\":{\"name\":\"app\",\"version\":\"1.0.0\"}}}\n");

    assertThatThrownBy(() -> npmCi(TIMEOUT).run(release, Map.of()))
        .isInstanceOfSatisfying(
            SlipwayException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(FailureKind.NPM_FAILED);
              assertThat(e.causeCode()).isEqualTo("NPM_CI_FAILED");
              assertThat(e.getMessage())
                  .isEqualTo("npm ci --omit=dev failed (exit 1); see " + NpmCi.logFile(release));
              assertThat(e.evidence())
                  .startsWith("npm error code EUSAGE")
                  .contains("Missing: left-pad@1.3.0 from lock file");
              assertThat(e.fix()).contains("package-lock.json", "npm install");
            });
  }

  @Test
  void unreachableRegistryFailsWithANetworkFix() throws Exception {
    int closed = closedPort();
    writePackage(
        "\"left-pad\":\"1.3.0\"",
        ",\"node_modules/left-pad\":{\"version\":\"1.3.0\",\"resolved\":\"http://127.0.0.1:"
            + closed
            + "/left-pad/-/left-pad-1.3.0.tgz\",\"integrity\":\"sha512-XI5MPzVNApjAyhQzphX8BkmKsKUxD4LdyK24iZeQ9o6fMDhH8u1C6p+H+5DPq6JkUcxvlc3ZX7dlxNK1mrOTg==\"}",
        "");

    // No retries: npm's default back-off would make this test take over a minute.
    assertThatThrownBy(() -> npmCi(TIMEOUT).run(release, Map.of("npm_config_fetch_retries", "0")))
        .isInstanceOfSatisfying(
            SlipwayException.class,
            e -> {
              assertThat(e.causeCode()).isEqualTo("NPM_CI_FAILED");
              assertThat(e.evidence()).contains("ECONNREFUSED");
              assertThat(e.fix()).contains("cannot reach the npm registry");
            });
  }

  @Test
  void timeoutStopsNpmAndTheInstallScriptsItStarted() throws Exception {
    Files.writeString(
        release.resolve("hang.js"), "console.log('hanging'); setInterval(() => {}, 1000);\n");
    writePackage("", "", "\"postinstall\":\"node hang.js " + root + "\"");

    assertThatThrownBy(() -> npmCi(Duration.ofSeconds(4)).run(release, Map.of()))
        .isInstanceOfSatisfying(
            SlipwayException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(FailureKind.NPM_FAILED);
              assertThat(e.causeCode()).isEqualTo("NPM_CI_TIMEOUT");
            });
    assertThat(Files.readString(NpmCi.logFile(release))).contains("hanging");
    // @AfterEach: the node started by the postinstall script is gone too.
  }

  @Test
  void missingNpmIsAPreflightFailure() {
    NpmCi missing = new NpmCi(root.resolve("no/npm").toString(), cache, TIMEOUT, registry);

    assertThatThrownBy(() -> missing.run(release, Map.of()))
        .isInstanceOfSatisfying(
            SlipwayException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(FailureKind.NODE_PREFLIGHT);
              assertThat(e.causeCode()).isEqualTo("NPM_NOT_FOUND");
            });
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }
}
