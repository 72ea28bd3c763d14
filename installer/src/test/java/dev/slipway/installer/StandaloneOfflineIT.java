package dev.slipway.installer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.format.Reporter;
import dev.slipway.format.ShippedDependencies;
import dev.slipway.packager.PackageRequest;
import dev.slipway.packager.PackageResult;
import dev.slipway.packager.Packager;
import dev.slipway.testkit.ExampleApp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #18's end-to-end test: the real standalone starter ({@code output: 'standalone'},
 * next/image of a public/ PNG, so sharp's native addon) packaged with default flags, and the real
 * hello-next packaged with {@code --bundle-deps}, each installed by the installer's jar with
 * nothing but an env file inside a network namespace that has only loopback ({@code unshare -n},
 * then {@code ip link set lo up}: no registry, not even the lockfile's resolved URLs). There the
 * installed {@code current/server.js} serves the page, the env file's value, the CSS, a public/
 * file and an image sharp converted to WebP.
 */
class StandaloneOfflineIT {
  /** Inside the namespace, where nothing else listens. */
  private static final int PORT = 38_118;
  private static final String GREETING = "hello from the offline env file";

  @TempDir Path tmp;

  @AfterEach
  void nothingLeftRunning() {
    TestRoot.assertNoChildProcessesLeft();
  }

  @Test
  void theStandaloneStarterInstallsAndServesPageEnvCssPublicFileAndImageWithOnlyLoopback() throws Exception {
    Path app = ExampleApp.named("standalone-starter").freshCopy(tmp.resolve("app"));
    PackageResult packaged = pack(PackageRequest.defaults(app).withOutDir(tmp.resolve("dist")));
    assertThat(packaged.manifest().dependencies().source()).isEqualTo(ShippedDependencies.STANDALONE);

    Path out = installAndServeOffline(packaged.archive(), List.of("/", "/env", "/hello.txt", "IMAGE"));

    assertThat(read(out, "page.body")).contains("To get started, edit the");
    assertThat(read(out, "env.body")).contains("GREETING=" + GREETING);
    assertThat(read(out, "css.status")).as("the page's stylesheet %s", read(out, "css.path")).isEqualTo("200");
    assertThat(read(out, "css.path")).startsWith("/_next/static/").endsWith(".css");
    assertThat(read(out, "hello.txt.body")).isEqualTo("Hello from the public folder of standalone-starter.\n");
    assertThat(read(out, "image.status")).as("server log:%n%s", read(out, "server.log")).isEqualTo("200");
    assertThat(read(out, "image.type")).as("PNG in, WebP out: sharp's addon at work").isEqualTo("image/webp");
  }

  @Test
  void helloNextWithBundledDependenciesInstallsAndServesWithOnlyLoopback() throws Exception {
    Path app = ExampleApp.freshCopy(tmp.resolve("app"));
    PackageResult packaged = pack(PackageRequest.defaults(app).withOutDir(tmp.resolve("dist")).withBundleDeps(true));
    assertThat(packaged.manifest().dependencies().source()).isEqualTo(ShippedDependencies.BUNDLED);

    Path out = installAndServeOffline(packaged.archive(), List.of("/", "/greeting"));

    assertThat(read(out, "page.body")).contains("Hello from Slipway");
    assertThat(read(out, "greeting.body")).contains(GREETING);
  }

  private static PackageResult pack(PackageRequest request) throws IOException {
    return new Packager(Reporter.SILENT, new ByteArrayOutputStream()).pack(request);
  }

  /**
   * Runs, in a namespace with only loopback: the installer's jar on {@code archive} with an env
   * file, then {@code node current/server.js} on {@link #PORT}, and GETs each route with curl
   * ({@code IMAGE}: the optimised image, asking for WebP); stops the server. Returns the folder
   * holding each answer's body, status and content type, and the server's log.
   */
  private Path installAndServeOffline(Path archive, List<String> routes) throws Exception {
    Path root = tmp.resolve("root");
    Path out = Files.createDirectories(tmp.resolve("out"));
    Path envFile = Files.writeString(tmp.resolve("app.env"), "GREETING=" + GREETING + "\n");
    String base = "http://127.0.0.1:" + PORT;
    StringBuilder script = new StringBuilder(String.join("\n",
        "set -u",
        "ip link set lo up || exit 90",
        installer() + " install " + archive + " --root " + root + " --env-file " + envFile + " --allow-root-app --json"
            + " > " + out.resolve("install.json") + " 2> " + out.resolve("install.err"),
        "echo $? > " + out.resolve("install.rc"),
        "cd / && PORT=" + PORT + " node " + root.resolve("current/server.js") + " > " + out.resolve("server.log") + " 2>&1 &",
        "pid=$!",
        // Polls until the server answers, for at most 90 s.
        "i=0; until curl -fsS -o /dev/null " + base + "/; do i=$((i+1)); [ $i -ge 450 ] && break; sleep 0.2; done",
        ""));
    for (String route : routes) {
      String name = switch (route) {
        case "/" -> "page";
        case "IMAGE" -> "image";
        default -> route.substring(1);
      };
      String url = route.equals("IMAGE") ? base + "/_next/image?url=%2Fslipway.png&w=256&q=75" : base + route;
      script.append(get(out, name, url)).append('\n');
    }
    if (routes.contains("/")) {
      script.append("css=$(grep -o '/_next/static/[^\"]*\\.css' ").append(out.resolve("page.body"))
          .append(" | head -n 1); printf '%s' \"$css\" > ").append(out.resolve("css.path")).append('\n')
          .append(get(out, "css", base + "$css")).append('\n');
    }
    script.append("kill $pid; wait $pid\nexit 0\n");

    Process namespace = new ProcessBuilder("unshare", "-n", "sh", "-c", script.toString()).redirectErrorStream(true)
        .redirectOutput(tmp.resolve("namespace.log").toFile()).start();
    assertThat(namespace.waitFor(10, TimeUnit.MINUTES)).as("the namespace's script finished").isTrue();
    assertThat(namespace.exitValue()).as(Files.readString(tmp.resolve("namespace.log"))).isZero();
    String installErr = read(out, "install.err");
    assertThat(read(out, "install.rc")).as(installErr).isEqualTo("0");
    assertThat(read(out, "install.json")).contains("\"ok\":true");
    assertThat(installErr).as("no npm ci ran").doesNotContain("npm ci --omit=dev");
    assertThat(root.resolve("current/.deploy/logs/npm-ci.log")).doesNotExist();
    return out;
  }

  /** A curl of {@code url} keeping body, status and content type in {@code out/NAME.*}. */
  private static String get(Path out, String name, String url) {
    return "curl -sS -H 'Accept: image/webp,*/*' -o " + out.resolve(name + ".body")
        + " -w '%{http_code}\\n%{content_type}' \"" + url + "\" > " + out.resolve(name + ".meta")
        + "; head -n 1 " + out.resolve(name + ".meta") + " > " + out.resolve(name + ".status")
        + "; tail -n 1 " + out.resolve(name + ".meta") + " > " + out.resolve(name + ".type");
  }

  private static String read(Path out, String name) throws IOException {
    Path file = out.resolve(name);
    String text = Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "(no " + name + ")";
    return name.endsWith(".body") || name.endsWith(".log") || name.endsWith(".err") ? text : text.strip();
  }

  private static String installer() {
    return Path.of(System.getProperty("java.home"), "bin", "java") + " -Xmx256m -jar "
        + ExampleApp.repoRoot().resolve("installer/target/slipway-installer.jar");
  }
}
