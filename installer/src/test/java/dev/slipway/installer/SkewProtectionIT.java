package dev.slipway.installer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.format.Reporter;
import dev.slipway.installer.user.AppUser;
import dev.slipway.testkit.Http;
import dev.slipway.testkit.HttpResult;
import dev.slipway.testkit.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #21, skew protection without nginx, with real parts: a release of the real example app and
 * three more installed after it the classic way (current + restart), then the generated server.js
 * of the live one, started by the real node, serves a {@code /_next/static} file only the first
 * build had, byte for byte, from ROOT/shared/static, and Next still serves its own.
 */
class SkewProtectionIT {
  static final String OLD_CHUNK = "chunks/only-in-the-older-build-5f3c.js";
  @TempDir Path tmp;
  Process server;

  @AfterEach
  void stopServer() {
    if (server != null) {
      Processes.destroyTree(server.toHandle(), Duration.ofSeconds(10));
    }
    TestRoot.assertNoChildProcessesLeft();
  }

  @Test
  void anAssetOfABuildThreeInstallsAgoStillAnswersThroughTheGeneratedServerAlone() throws Exception {
    Path older = TestArchives.variant("skew-older", app ->
        TestArchives.write(app.resolve(".next/static/" + OLD_CHUNK), "/* a chunk of the older build */\n"));
    TestRoot root = TestRoot.create(tmp.resolve("root"));
    InstallResult first = install(older, root);
    install(TestArchives.v2(), root);
    install(TestArchives.v3(), root);
    InstallResult fourth = install(TestArchives.v1(), root);
    assertThat(root.live()).contains(fourth.releaseId());
    assertThat(root.path().resolve("releases/" + fourth.releaseId() + "/.next/static/" + OLD_CHUNK)).doesNotExist();
    assertThat(Files.isSameFile(root.path().resolve("shared/static/" + OLD_CHUNK),
        root.path().resolve("releases/" + first.releaseId() + "/.next/static/" + OLD_CHUNK))).isTrue();

    int port = Http.freePort();
    ProcessBuilder builder = new ProcessBuilder("node", "server.js").directory(root.path().resolve("current").toFile())
        .redirectErrorStream(true).redirectOutput(tmp.resolve("server.log").toFile());
    builder.environment().put("PORT", Integer.toString(port));
    builder.environment().put("HOSTNAME", "127.0.0.1");
    builder.environment().put("NEXT_TELEMETRY_DISABLED", "1");
    server = builder.start();
    HttpResult index = Http.awaitStatus("http://127.0.0.1:" + port + "/", 200, Duration.ofSeconds(60));

    HttpResult old = Http.get("http://127.0.0.1:" + port + "/_next/static/" + OLD_CHUNK, Duration.ofSeconds(10));
    assertThat(old.status()).isEqualTo(200);
    assertThat(old.body()).isEqualTo("/* a chunk of the older build */\n");
    String ownAsset = index.body().replaceAll("(?s).*?(/_next/static/[^\"']+\\.js).*", "$1");
    assertThat(ownAsset).startsWith("/_next/static/");
    assertThat(Http.get("http://127.0.0.1:" + port + ownAsset, Duration.ofSeconds(10)).status()).as(ownAsset).isEqualTo(200);
    assertThat(Http.get("http://127.0.0.1:" + port + "/_next/static/chunks/never-built.js", Duration.ofSeconds(10)).status())
        .isEqualTo(404);
  }

  private static InstallResult install(Path archive, TestRoot root) throws Exception {
    return new Installer(Reporter.SILENT, InstallerEndToEndIT.ENV, Clock.systemUTC(), StepHook.NONE)
        .install(InstallRequest.of(archive, root.path()).withAppUser(AppUser.ROOT_ALLOWED));
  }
}
