package dev.slipway.packager;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.format.Manifest;
import dev.slipway.format.Reporter;
import dev.slipway.format.SafeArchiveReader;
import dev.slipway.format.ShippedDependencies;
import dev.slipway.testkit.ExampleApp;
import dev.slipway.testkit.Http;
import dev.slipway.testkit.HttpResult;
import dev.slipway.testkit.RunningServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #18 with real parts: examples/standalone-starter (the create-next-app starter with {@code
 * output: 'standalone'} and next/image of a public/ PNG) built by next build, packaged with
 * default flags, unpacked by the format's reader and started as {@code node server.js} with no
 * {@code npm ci}: it serves the page, the env file's value, its CSS, a public/ file and an image
 * sharp optimised, on a TCP port and on a Unix socket path (the Linux twin of iisnode's named
 * pipe). The archive is at most a third of the same app's release with npm ci's node_modules.
 */
class StandalonePackagingIT {
  private static final String APP = "standalone-starter";
  private static final String GREETING = "hello from the release's env file";
  private static final Pattern STYLESHEET = Pattern.compile("/_next/static/[^\"'?\\s]+\\.css");

  @TempDir static Path shared;
  static PackageResult packaged;
  static Path release;

  @BeforeAll
  static void packageAndUnpackOnce() throws IOException {
    Path app = ExampleApp.named(APP).freshCopy(shared.resolve("app"));
    packaged = new Packager(Reporter.SILENT, new ByteArrayOutputStream())
        .pack(PackageRequest.defaults(app).withOutDir(shared.resolve("out")));
    release = Files.createDirectories(shared.resolve("release"));
    try (InputStream in = Files.newInputStream(packaged.archive())) {
      SafeArchiveReader.extract(in, release, SafeArchiveReader.Progress.NONE);
    }
    Files.writeString(release.resolve(".env.production"), "GREETING=" + GREETING + "\n");
  }

  @Test
  void theArchiveIsTheStandaloneTreeWithSharpsNativeAddonAndNoNpmCiIsNeeded() throws IOException {
    List<String> files = ArchiveListing.files(packaged.archive());
    Manifest.Header manifest = packaged.manifest();

    assertThat(files).contains("server.js", "web.config", "package.json", "package-lock.json", ".next/BUILD_ID",
        ".next/required-server-files.json", "node_modules/next/dist/server/next.js", "node_modules/@next/env/package.json",
        "public/hello.txt", "public/slipway.png");
    assertThat(files).anyMatch(f -> f.startsWith(".next/static/chunks/") && f.endsWith(".css"));
    assertThat(files).noneMatch(f -> f.startsWith(".next/standalone/") || f.startsWith("app/") || f.startsWith(".next/cache/")
        || f.startsWith("node_modules/typescript/") || f.startsWith("node_modules/@next/swc-") || f.equals("next.config.ts"));
    assertThat(manifest.formatVersion()).isEqualTo(Manifest.DEPENDENCIES_FORMAT_VERSION);
    assertThat(manifest.dependencies().source()).isEqualTo(ShippedDependencies.STANDALONE);
    assertThat(manifest.dependencies().nativeAddons())
        .as("sharp's addon, traced for next/image").singleElement().asString()
        .startsWith("node_modules/@img/sharp-").endsWith(".node");
    assertThat(files).containsAll(manifest.dependencies().nativeAddons());
    assertThat(manifest.dependencies().libc()).isIn("glibc", "musl");
    assertThat(manifest.builtWith().nodeAbi()).isEqualTo(nodeSays("process.versions.modules"));
    assertThat(packaged.envManifest().required()).contains("GREETING");
    assertThat(Files.readString(release.resolve("server.js")))
        .as("Slipway's entry: PORT as given").doesNotContain("parseInt(process.env.PORT");
  }

  @Test
  void theUnpackedReleaseServesPageEnvCssPublicFileAndAnOptimisedImage() throws Exception {
    Path elsewhere = Files.createDirectories(shared.resolve("cwd-elsewhere"));
    try (RunningServer server = RunningServer.start(List.of("node", release.resolve("server.js").toString()), elsewhere,
        Map.of(), shared.resolve("tcp.log"))) {
      HttpResult page = server.awaitStatus("/", 200, Duration.ofSeconds(90));
      assertThat(page.body()).contains("To get started, edit the");
      assertThat(server.awaitStatus("/env", 200, Duration.ofSeconds(30)).body())
          .as("the value from the release's .env.production").contains("GREETING=" + GREETING);

      Matcher css = STYLESHEET.matcher(page.body());
      assertThat(css.find()).as("/ links a stylesheet under /_next/static").isTrue();
      HttpResult stylesheet = server.get(css.group());
      assertThat(stylesheet.status()).as(css.group()).isEqualTo(200);
      assertThat(stylesheet.header("content-type")).hasValueSatisfying(t -> assertThat(t).contains("text/css"));

      assertThat(server.get("/hello.txt").body()).isEqualTo("Hello from the public folder of standalone-starter.\n");

      // PNG in, WebP out: only sharp converts, so this is its native addon at work.
      HttpResponse<byte[]> image = getImage(server.url("/_next/image?url=%2Fslipway.png&w=256&q=75"));
      assertThat(image.statusCode()).as("optimised image; server log:%n%s", server.log()).isEqualTo(200);
      assertThat(image.headers().firstValue("content-type")).hasValue("image/webp");
      assertThat(new String(image.body(), 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("RIFF");
      assertThat(server.log()).doesNotContain("does not work with \"output: standalone\"");
    }
  }

  @Test
  void theEntryListensOnAUnixSocketPathGivenAsPort() throws Exception {
    // iisnode hands PORT a named pipe path; Next's own standalone server.js parseInt()s it.
    Path socket = shared.resolve("standalone.sock");
    try (RunningServer server = RunningServer.start(List.of("node", "server.js"), release,
        Map.of("PORT", socket.toString()), shared.resolve("socket.log"))) {
      HttpResult env = awaitOverSocket(socket, "/env", server);
      assertThat(env.status()).isEqualTo(200);
      assertThat(env.body()).contains("GREETING=" + GREETING);
    }
  }

  @Test
  void theArchiveIsAtMostAThirdOfTheSameAppsReleaseWithNpmCisNodeModules() throws IOException {
    // The same build without its standalone tree, packaged with what npm ci --omit=dev installs.
    Path app = ExampleApp.named(APP).freshCopy(shared.resolve("full"));
    CleanBuild.deleteTree(app.resolve(StandaloneBuild.FOLDER));
    PackageResult full = new Packager(Reporter.SILENT, new ByteArrayOutputStream())
        .pack(PackageRequest.defaults(app).withOutDir(shared.resolve("out-full")).withBundleDeps(true));

    System.err.printf("[standalone] %s: standalone archive %d bytes (%d unpacked, %d files); with npm ci --omit=dev's"
            + " node_modules %d bytes (%d unpacked, %d files)%n", APP, packaged.size(), packaged.unpackedSize(),
        packaged.fileCount(), full.size(), full.unpackedSize(), full.fileCount());
    assertThat(full.manifest().dependencies().source()).isEqualTo(ShippedDependencies.BUNDLED);
    assertThat(packaged.size() * 3).as("standalone %d bytes vs full %d bytes", packaged.size(), full.size())
        .isLessThanOrEqualTo(full.size());
  }

  private static HttpResponse<byte[]> getImage(String url) throws IOException, InterruptedException {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
        .header("Accept", "image/avif,image/webp,*/*").GET().build();
    return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  private static HttpResult awaitOverSocket(Path socket, String path, RunningServer server) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(90);
    RuntimeException last = null;
    while (Instant.now().isBefore(deadline)) {
      if (Files.exists(socket)) {
        try {
          return Http.getOverUnixSocket(socket, path, Duration.ofSeconds(20));
        } catch (RuntimeException e) {
          last = e;
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no answer on " + socket + " within 90 s; server log:\n" + server.log(), last);
  }

  private static String nodeSays(String expression) {
    return Tools.output(List.of("node", "-p", expression));
  }
}
