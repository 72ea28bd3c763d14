package dev.slipway.installer;

import dev.slipway.format.FailureKind;
import dev.slipway.format.Reporter;
import dev.slipway.format.SlipwayException;
import dev.slipway.installer.user.AppUser;
import dev.slipway.packager.PackageRequest;
import dev.slipway.packager.Packager;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;


/**
 * Issue #16, item 8, with real parts: a tiny app whose build lists its routes the way next build
 * does (.next/routes-manifest.json, .next/prerender-manifest.json), packaged by the real packager,
 * installed with real npm ci and smoke-started with real node. Without --health-path every route
 * is asked, so a release whose / works but one page answers 500 no longer goes live.
 */
class SmokeEveryRouteIT {
  @TempDir Path tmp;

  @AfterEach
  void nothingLeftRunning() {
    TestRoot.assertNoChildProcessesLeft();
  }

  /** Answers / with HTML naming its script, serves the script, and fails /blog/second-post when told to. */
  private static final String SERVER_JS = """
      const http = require('http');
      const fs = require('fs');
      const broken = BROKEN;
      http.createServer((req, res) => {
        if (req.url === '/') {
          res.setHeader('content-type', 'text/html');
          return res.end('<html><head><script src="/_next/static/chunks/main.js"></script></head><body>home</body></html>');
        }
        if (req.url === '/_next/static/chunks/main.js') {
          return res.end(fs.readFileSync(__dirname + '/.next/static/chunks/main.js'));
        }
        if (req.url === '/blog/second-post' && broken) {
          console.error(new Error("ENOENT: no such file or directory, open 'posts/second-post.mdx'"));
          res.statusCode = 500;
          return res.end('Internal Server Error');
        }
        if (req.url === '/account') {
          res.writeHead(307, { location: '/login' });
          return res.end();
        }
        res.statusCode = req.url.startsWith('/blog/') ? 200 : 404;
        res.end('page ' + req.url);
      }).listen(Number(process.env.PORT), process.env.HOSTNAME);
      """;

  private Path archive(String name, boolean broken) throws IOException {
    Path app = tmp.resolve(name + "/app");
    write(app.resolve("package.json"), "{\"name\":\"routes\",\"version\":\"1.0.0\",\"private\":true,\"engines\":{\"node\":\">=20\"}}\n");
    write(app.resolve("package-lock.json"), "{\"name\":\"routes\",\"version\":\"1.0.0\",\"lockfileVersion\":3,\"requires\":true,"
        + "\"packages\":{\"\":{\"name\":\"routes\",\"version\":\"1.0.0\",\"engines\":{\"node\":\">=20\"}}}}\n");
    write(app.resolve(".next/BUILD_ID"), name);
    write(app.resolve(".next/static/chunks/main.js"), "console.log('main');\n");
    write(app.resolve(".next/routes-manifest.json"), "{\"version\":3,\"basePath\":\"\",\"staticRoutes\":["
        + "{\"page\":\"/\"},{\"page\":\"/_not-found\"},{\"page\":\"/account\"},{\"page\":\"/missing\"}],\"dynamicRoutes\":[]}\n");
    write(app.resolve(".next/prerender-manifest.json"), "{\"version\":4,\"routes\":{\"/\":{},\"/_not-found\":{},"
        + "\"/blog/first-post\":{},\"/blog/second-post\":{}},\"dynamicRoutes\":{}}\n");
    write(app.resolve("server.js"), SERVER_JS.replace("BROKEN", String.valueOf(broken)));
    return new Packager(Reporter.SILENT, new ByteArrayOutputStream())
        .pack(PackageRequest.defaults(app).withOutDir(tmp.resolve(name + "/out")))
        .archive();
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private static InstallResult install(Path archive, TestRoot root, Reporter reporter) throws IOException {
    return new Installer(reporter, InstallerEndToEndIT.ENV, Clock.systemUTC(), StepHook.NONE)
        .install(InstallRequest.of(archive, root.path()).withAppUser(AppUser.ROOT_ALLOWED));
  }

  @Test
  void everyRouteIsAskedAndOneAnswering500IsRefusedByNameWithTheLiveReleaseUntouched() throws Exception {
    TestRoot root = TestRoot.create(tmp.resolve("root"));
    List<String> steps = new ArrayList<>();
    Reporter collecting = new Reporter() {
      @Override
      public void step(String description) {
        steps.add(description);
      }

      @Override
      public void warn(String warning) {
        steps.add("warning: " + warning);
      }
    };
    InstallResult good = install(archive("good", false), root, collecting);
    assertThat(steps).contains("smoke-starting the release: checking 5 routes from the build and one"
        + " /_next/static asset that / references");
    // The route discovery warns of nothing; the one warning is the root run this test asks for (#20).
    assertThat(steps).noneMatch(s -> s.startsWith("warning:") && !s.contains("--allow-root-app"));
    List<String> releases = root.releases();

    SlipwayException refusal = catchThrowableOfType(
        () -> install(archive("broken", true), root, Reporter.SILENT), SlipwayException.class);

    assertThat(refusal.kind()).isEqualTo(FailureKind.SMOKE_FAILED);
    assertThat(refusal.causeCode()).isEqualTo("SMOKE_BAD_STATUS");
    assertThat(refusal.getMessage()).isEqualTo("smoke start failed: GET /blog/second-post answered 500");
    assertThat(refusal.evidence()).startsWith(
        "Error: ENOENT: no such file or directory, open 'posts/second-post.mdx'\n    at ");
    assertThat(root.live()).contains(good.releaseId());
    assertThat(root.releases()).isEqualTo(releases);
    root.assertNoStagingLeft();
  }
}
