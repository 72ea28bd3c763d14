package dev.slipway.packager;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.format.Reporter;
import dev.slipway.testkit.ExampleApp;
import dev.slipway.testkit.Http;
import dev.slipway.testkit.HttpResult;
import dev.slipway.testkit.Processes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #2's proof with real parts: the real example app, built once by next build, packaged;
 * the archive unpacked by GNU tar, npm ci --omit=dev, then served by next start and by the
 * generated server.js over a Unix socket (the Linux twin of iisnode's named pipe).
 */
class PackagerEndToEndIT {
  private static final List<String> ROUTES = List.of("/", "/greeting", "/api/health", "/robots.txt");

  @TempDir static Path shared;
  static Path archive;
  static Path release;
  Process server;

  @BeforeAll
  static void packageAndInstallTheExampleOnce() throws Exception {
    Path app = ExampleApp.freshCopy(shared.resolve("app"));
    archive = new Packager(Reporter.SILENT, new ByteArrayOutputStream())
        .pack(PackageRequest.defaults(app).withOutDir(shared.resolve("out"))).archive();
    release = Files.createDirectories(shared.resolve("release"));
    run(release, List.of("tar", "-xzf", archive.toString(), "-C", release.toString()));
    run(release, List.of("npm", "ci", "--omit=dev", "--no-audit", "--no-fund"));
  }

  @AfterEach
  void stopServer() {
    if (server != null) {
      Processes.destroyTree(server.toHandle(), Duration.ofSeconds(10));
      assertThat(server.isAlive()).isFalse();
    }
  }

  @Test
  void archiveLeavesBuildLeftoversSourcesAndSecretsOut() throws IOException {
    List<String> files = ArchiveListing.files(archive);

    assertThat(files).contains(".next/BUILD_ID", "next.config.mjs", "package-lock.json", "public/robots.txt", "web.config", "server.js");
    assertThat(files).noneMatch(f -> f.startsWith(".next/cache/") || f.equals(".next/trace") || f.startsWith(".next/types/"));
    assertThat(files).noneMatch(f -> f.startsWith("app/") || f.contains("node_modules/") || f.startsWith(".env"));
  }

  @Test
  void unpackedArchiveServesEveryRouteWithNextStartAfterNpmCiOmitDev() throws Exception {
    int port = Http.freePort();
    server = start(release, Map.of("PORT", String.valueOf(port), "GREETING", "hello from the e2e test"),
        "node", "node_modules/next/dist/bin/next", "start", "-p", String.valueOf(port), "-H", "127.0.0.1");

    Http.awaitStatus("http://127.0.0.1:" + port + "/", 200, Duration.ofSeconds(60));
    for (String route : ROUTES) {
      HttpResult result = Http.get("http://127.0.0.1:" + port + route, Duration.ofSeconds(20));
      assertThat(result.status()).as(route).isEqualTo(200);
      // next.config.mjs shipped and loaded: it turns the X-Powered-By header off.
      assertThat(result.header("x-powered-by")).as(route).isEmpty();
    }
    assertThat(Http.get("http://127.0.0.1:" + port + "/greeting", Duration.ofSeconds(20)).body()).contains("hello from the e2e test");
    assertThat(release.resolve("node_modules/next")).isDirectory();
    assertThat(release.resolve("node_modules/is-number")).as("a devDependency").doesNotExist();
  }

  @Test
  void generatedServerJsServesOverAUnixSocketGivenAsPort() throws Exception {
    Path socket = shared.resolve("app.sock");
    server = start(release, Map.of("PORT", socket.toString(), "GREETING", "socket"), "node", "server.js");

    HttpResult page = awaitOverSocket(socket);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("Hello from Slipway");
  }

  @Test
  void realBuildPackagedTwiceAfterShufflingMtimesIsByteIdentical() throws Exception {
    Path app = ExampleApp.freshCopy(shared.resolve("app2"));
    PackageRequest request = PackageRequest.defaults(app).withOutDir(shared.resolve("out2"));
    byte[] first = Files.readAllBytes(new Packager(Reporter.SILENT, new ByteArrayOutputStream()).pack(request).archive());
    long i = 0;
    try (var walk = Files.walk(app)) {
      for (Path p : walk.toList()) {
        Files.setLastModifiedTime(p, FileTime.from(Instant.parse("2029-02-03T04:05:06Z").minusSeconds(31 * i++)));
      }
    }
    byte[] second = Files.readAllBytes(
        new Packager(Reporter.SILENT, new ByteArrayOutputStream()).pack(request.withOutDir(shared.resolve("out3"))).archive());

    assertThat(second).isEqualTo(first);
  }

  @Test
  void buildRemovesAStaleNextRunsNpmCiAndNextBuildThenPackages() throws Exception {
    Path app = ExampleApp.freshCopy(shared.resolve("stale"));
    Files.writeString(app.resolve(".next/server/stale-leftover.js"), "// from an older build");
    Files.delete(app.resolve(".next/BUILD_ID"));

    PackageResult result = new Packager(Reporter.SILENT, new ByteArrayOutputStream())
        .pack(PackageRequest.defaults(app).withOutDir(shared.resolve("out-build")).withBuild(true));

    List<String> files = ArchiveListing.files(result.archive());
    assertThat(files).contains(".next/BUILD_ID").doesNotContain(".next/server/stale-leftover.js");
    assertThat(result.manifest().buildId()).isEqualTo(Files.readString(app.resolve(".next/BUILD_ID")).strip());
    assertThat(app.resolve("node_modules/next")).as("npm ci ran").isDirectory();
  }

  private static HttpResult awaitOverSocket(Path socket) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(60);
    AssertionError last = null;
    while (Instant.now().isBefore(deadline)) {
      if (Files.exists(socket)) {
        try {
          return Http.getOverUnixSocket(socket, "/", Duration.ofSeconds(20));
        } catch (RuntimeException | AssertionError e) {
          last = new AssertionError(e);
        }
      }
      Thread.sleep(200);
    }
    throw last != null ? last : new AssertionError("no socket at " + socket + " within 60 s");
  }

  private static Process start(Path dir, Map<String, String> env, String... command) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
        .redirectErrorStream(true).redirectOutput(dir.resolve("server-" + System.nanoTime() + ".log").toFile());
    builder.environment().put("NEXT_TELEMETRY_DISABLED", "1");
    builder.environment().putAll(env);
    return builder.start();
  }

  private static void run(Path dir, List<String> command) throws Exception {
    Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(10, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as(command + "\n" + output).isZero();
  }
}
