package dev.slipway.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real example, really built. Slow the first time on a machine (npm ci and next build, about
 * a minute); afterwards it reuses {@code target/testkit/hello-next-built}.
 */
class ExampleAppBuildTest {

  @Test
  void builtHoldsTheNextBuildOutputAndTheInstalledPackages() throws IOException {
    Path built = ExampleApp.built();

    assertThat(built).isEqualTo(ExampleApp.repoRoot().resolve("target/testkit/hello-next-built"));
    assertThat(built.resolve(".next/BUILD_ID")).isRegularFile();
    assertThat(Files.readString(built.resolve(".next/BUILD_ID"))).isNotBlank();
    assertThat(built.resolve(".next/static")).isDirectory();
    assertThat(built.resolve("node_modules/next/package.json")).isRegularFile();
    assertThat(built.resolve("node_modules/is-number")).as("dev dependency, as in CI").isDirectory();
    assertThat(built.resolve("package-lock.json")).isRegularFile();
    assertThat(CachedBuild.stampOf(built)).hasSize(64);
  }

  @Test
  void aTurbopackAppsFreshCopyKeepsTheLinksItWroteUnderDotNextNodeModules(@TempDir Path tmp) throws IOException {
    // app-router-16's page importing node-cron makes Turbopack write
    // .next/node_modules/node-cron-<hash> -> ../../node_modules/node-cron (issue #16).
    Path copy = ExampleApp.named("app-router-16").freshCopyWithNodeModules(tmp.resolve("app"));

    try (var links = Files.list(copy.resolve(".next/node_modules"))) {
      Path link = links.filter(p -> p.getFileName().toString().startsWith("node-cron-")).findFirst().orElseThrow();
      assertThat(Files.isSymbolicLink(link)).isTrue();
      assertThat(Files.readSymbolicLink(link).toString()).isEqualTo("../../node_modules/node-cron");
      assertThat(link.toRealPath()).isEqualTo(copy.resolve("node_modules/node-cron").toRealPath());
    }
  }

  @Test
  void aSecondCallReusesTheBuildInsteadOfRebuilding() throws IOException {
    Path first = ExampleApp.built();
    String buildId = Files.readString(first.resolve(".next/BUILD_ID"));
    Object dirIdentity = identity(first);
    Object stampIdentity = identity(first.resolve(CachedBuild.STAMP));

    Path again = ExampleApp.built();
    // What another JVM or Maven module does: no memo, only the stamp on disk.
    Path fromDisk = ExampleApp.cachedBuild().ensureBuilt();

    assertThat(again).isEqualTo(first);
    assertThat(fromDisk).isEqualTo(first);
    assertThat(Files.readString(first.resolve(".next/BUILD_ID"))).isEqualTo(buildId);
    assertThat(identity(first)).isEqualTo(dirIdentity); // not replaced by a rename
    assertThat(identity(first.resolve(CachedBuild.STAMP))).isEqualTo(stampIdentity);
  }

  @Test
  void freshCopyHasTheBuildButNotNodeModules(@TempDir Path tmp) throws IOException {
    Path copy = ExampleApp.freshCopy(tmp.resolve("app"));

    assertThat(copy).isEqualTo(tmp.resolve("app"));
    assertThat(copy.resolve(".next/BUILD_ID"))
        .hasSameTextualContentAs(ExampleApp.built().resolve(".next/BUILD_ID"));
    assertThat(copy.resolve(".next/static")).isDirectory();
    for (String f :
        new String[] {
          "package.json", "package-lock.json", "next.config.mjs", "public/robots.txt",
          "app/page.js", "app/greeting/page.js", "app/api/health/route.js", ".env.example"
        }) {
      assertThat(copy.resolve(f)).isRegularFile();
    }
    assertThat(copy.resolve("node_modules")).doesNotExist();
    assertThat(copy.resolve(CachedBuild.STAMP)).as("testkit bookkeeping").doesNotExist();
  }

  @Test
  void changingAFreshCopyLeavesTheSharedBuildAlone(@TempDir Path tmp) throws IOException {
    Path copy = ExampleApp.freshCopy(tmp.resolve("app"));
    String original = Files.readString(ExampleApp.built().resolve("package.json"));

    Files.writeString(copy.resolve("package.json"), original.replace("1.0.0", "9.9.9"));
    Files.writeString(copy.resolve(".next/BUILD_ID"), "tampered");

    assertThat(ExampleApp.built().resolve("package.json")).hasContent(original);
    assertThat(Files.readString(ExampleApp.built().resolve(".next/BUILD_ID")))
        .isNotEqualTo("tampered");
  }

  @Test
  void freshCopyRefusesADestinationThatIsNotEmpty(@TempDir Path tmp) throws IOException {
    Files.writeString(tmp.resolve("precious.txt"), "keep me");

    assertThatThrownBy(() -> ExampleApp.freshCopy(tmp))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(tmp.toString());
    assertThat(tmp.resolve("precious.txt")).hasContent("keep me");
  }

  /** Both tests only read the copy, and copying node_modules (~330 MB) is worth doing once. */
  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class CopyWithNodeModules {
    Path tmp;
    Path copy;

    @BeforeAll
    void copyOnce(@TempDir Path tmp) {
      this.tmp = tmp;
      copy = ExampleApp.freshCopyWithNodeModules(tmp.resolve("app"));
    }

    @Test
    void keepsBinLinksAsRelativeLinksToRealCopies() throws IOException {
      Path bin = copy.resolve("node_modules/.bin/next");
      assertThat(Files.isSymbolicLink(bin)).isTrue();
      assertThat(Files.readSymbolicLink(bin)).isRelative();
      assertThat(bin.toRealPath()).startsWith(copy.toRealPath()).isExecutable();
      Path pkg = copy.resolve("node_modules/next/package.json");
      assertThat(pkg).isRegularFile();
      assertThat(
              Files.isSameFile(pkg, ExampleApp.built().resolve("node_modules/next/package.json")))
          .as("a real copy, not a hard link into the shared build")
          .isFalse();
      assertThat(copy.resolve(CachedBuild.STAMP)).doesNotExist();
    }

    @Test
    void servesTheAppWithNextStart() throws Exception {
      // Proves that a copy of the build, made elsewhere than where it was built, runs: the
      // pages, the run-time env, public/ and the shipped next.config.mjs.
      int port = Http.freePort();
      ProcessBuilder pb =
          new ProcessBuilder(
                  copy.resolve("node_modules/.bin/next").toString(),
                  "start",
                  "-p",
                  Integer.toString(port),
                  "-H",
                  "127.0.0.1")
              .directory(copy.toFile())
              .redirectErrorStream(true)
              .redirectOutput(tmp.resolve("server.log").toFile());
      Map<String, String> env = pb.environment();
      env.put("NEXT_TELEMETRY_DISABLED", "1");
      env.put("GREETING", "hello from the test");
      env.remove("APP_VERSION");
      Process server = pb.start();
      try {
        String base = "http://127.0.0.1:" + port;
        HttpResult home = Http.awaitStatus(base + "/", 200, Duration.ofSeconds(60));
        assertThat(home.body()).contains("Hello from Slipway");
        assertThat(home.header("X-Powered-By")).as("poweredByHeader: false shipped").isEmpty();
        assertThat(Http.get(base + "/greeting", Duration.ofSeconds(10)).body())
            .contains("hello from the test");
        HttpResult health = Http.get(base + "/api/health", Duration.ofSeconds(10));
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("{\"ok\":true,\"version\":\"1.0.0\"}");
        assertThat(Http.get(base + "/robots.txt", Duration.ofSeconds(10)).body())
            .startsWith("User-agent: *");
      } finally {
        Processes.destroyTree(server.toHandle(), Duration.ofSeconds(10));
      }
      assertThat(server.isAlive()).isFalse();
    }
  }

  private static Object identity(Path p) throws IOException {
    BasicFileAttributes a =
        Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    return a.fileKey() + "@" + a.lastModifiedTime();
  }
}
