package dev.slipway.installer;

import dev.slipway.format.ArchiveLayout;
import dev.slipway.format.Reporter;
import dev.slipway.installer.doctor.CheckResult;
import dev.slipway.installer.doctor.Doctor;
import dev.slipway.installer.doctor.DoctorReport;
import dev.slipway.installer.doctor.DoctorRequest;
import dev.slipway.installer.doctor.Verdict;
import dev.slipway.installer.user.AppUser;
import dev.slipway.packager.PackageRequest;
import dev.slipway.packager.Packager;
import dev.slipway.testkit.ExampleApp;
import dev.slipway.testkit.HttpResult;
import dev.slipway.testkit.RunningServer;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import static org.assertj.core.api.Assertions.assertThat;


/**
 * Issue #16, "Done when": every app of the corpus packages with default flags, installs with
 * nothing but an env file, and its installed {@code current/server.js}, started as production
 * starts it, answers every route exactly as {@code next start} does in the project; then {@code
 * installer doctor} calls it healthy. Real builds (cached per run), real npm ci, node and HTTP.
 */
class CorpusEndToEndIT {
  static List<String> apps() {
    return ExampleApp.CORPUS;
  }

  private static final Duration START = Duration.ofSeconds(90);
  /** The value TestRoot's env file gives GREETING, which every corpus app shows on one page. */
  private static final String GREETING = "hello from the env file";

  /** A script or stylesheet of the build that a page references. */
  private static final Pattern STATIC_ASSET = Pattern.compile("/_next/static/[^\"'?\\s]+\\.(?:js|css)");

  @TempDir Path tmp;

  @AfterEach
  void nothingLeftRunning() {
    TestRoot.assertNoChildProcessesLeft();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("apps")
  void packagesInstallsAndServesEveryRouteAsNextStartDoes(String name) throws Exception {
    // The project as CI holds it after `next build` (node_modules included, since next start
    // runs there), then run: what a developer checking the build locally leaves in .next.
    Path project = ExampleApp.named(name).freshCopyWithNodeModules(tmp.resolve("project"));
    List<String> routes = new ArrayList<>(CorpusRoutes.of(project));
    routes.addAll(extraRoutes(name));
    Map<String, Integer> expected = new LinkedHashMap<>();
    try (RunningServer nextStart = RunningServer.start(
        List.of("node", "node_modules/next/dist/bin/next", "start", "-H", "127.0.0.1"),
        project, Map.of("GREETING", GREETING), tmp.resolve("next-start.log"))) {
      Matcher asset = STATIC_ASSET.matcher(nextStart.awaitStatus("/", 200, START).body());
      assertThat(asset.find()).as("/ references a /_next/static asset").isTrue();
      routes.add(asset.group());
      for (String route : routes) {
        expected.put(route, nextStart.get(route).status());
      }
    }
    System.err.printf("[corpus] %s under next start: %s%n", name, expected);

    Path archive = new Packager(Reporter.SILENT, new ByteArrayOutputStream())
        .pack(PackageRequest.defaults(project).withOutDir(tmp.resolve("out")))
        .archive();
    TestRoot root = TestRoot.create(tmp.resolve("root"));
    InstallResult installed = InstallerEndToEndIT.install(archive, root);
    Path current = root.path().resolve("current");
    if (Files.isDirectory(project.resolve(".next/server/route-cache"))) {
      // next start (Next 16) cached rendered pages in the project: a run-time cache, not the build.
      assertThat(Files.readString(current.resolve(ArchiveLayout.MANIFEST)))
          .as("the archive's manifest").doesNotContain("\".next/server/route-cache/");
    }
    assertThat(current.resolve("server.js")).as("the generated entry, for every --web-config").isRegularFile();

    Path elsewhere = Files.createDirectories(tmp.resolve("cwd-elsewhere"));
    SoftAssertions soft = new SoftAssertions();
    try (RunningServer production = RunningServer.start(
        List.of("node", current.resolve("server.js").toString()), elsewhere, Map.of(), tmp.resolve("current.log"))) {
      production.awaitStatus("/", 200, START);
      for (String route : routes) {
        HttpResult answer = production.get(route);
        soft.assertThat(answer.status())
            .as("GET %s from %s's installed release (next start answered %s); server log:%n%s",
                route, name, expected.get(route), production.log())
            .isEqualTo(expected.get(route));
      }
      markers(name).forEach((route, marker) ->
          soft.assertThat(production.get(route).body()).as("body of GET %s from %s", route, name).contains(marker));
      if (name.equals("pages-router-16")) {
        soft.assertThat(production.get("/").header("x-slipway-middleware")).as("middleware ran").contains("1");
      }
    }
    soft.assertAll();

    if (name.equals("app-router-16")) {
      assertTurbopackLinksResolveIntoTheRelease(root.path().resolve("releases").resolve(installed.releaseId()));
    }
    DoctorReport doctor = new Doctor(Reporter.SILENT, Map.of(), Clock.systemUTC()).examine(DoctorRequest.of(root.path()).withAppUser(AppUser.ROOT_ALLOWED));
    assertThat(doctor.checks()).as(String.join("\n", doctor.lines()))
        .extracting(CheckResult::verdict).doesNotContain(Verdict.FAIL);
  }

  /**
   * Routes no manifest lists: a public/ file, a URL that does not exist, a middleware redirect
   * (and, added as next start serves it, a /_next/static asset that / references).
   */
  private static List<String> extraRoutes(String name) {
    return switch (name) {
      case "pages-router-16" -> List.of("/robots.txt", "/no-such-page", "/old");
      case "standalone-starter" -> List.of("/hello.txt", "/no-such-page");
      default -> List.of("/robots.txt", "/no-such-page");
    };
  }

  /** Text each app's key pages must hold: run-time data files, externalised package, env, API. */
  private static Map<String, String> markers(String name) {
    return switch (name) {
      case "hello-next" -> Map.of(
          "/", "Hello from Slipway",
          "/greeting", GREETING,
          "/api/health", "\"ok\":true");
      case "app-router-16" -> Map.of(
          "/posts", "First post from the content folder",
          "/rss", "<title>Second post</title>",
          "/cron", "node-cron loaded",
          "/env", "GREETING=" + GREETING,
          "/api/time", "\"app\":\"app-router-16\"");
      case "pages-router-16" -> Map.of(
          "/ssr", "GREETING=" + GREETING,
          "/static", "Static props rendered at",
          "/api/hello", "\"hello\":\"pages-router-16\"");
      case "standalone-starter" -> Map.of(
          "/", "To get started, edit the",
          "/env", "GREETING=" + GREETING,
          "/hello.txt", "Hello from the public folder");
      default -> throw new IllegalArgumentException("no markers for " + name);
    };
  }

  /** Turbopack's .next/node_modules/node-cron-<hash> is a link into the release's node_modules. */
  private static void assertTurbopackLinksResolveIntoTheRelease(Path release) throws Exception {
    Path modules = release.resolve("node_modules").toRealPath();
    try (Stream<Path> links = Files.list(release.resolve(".next/node_modules"))) {
      List<Path> cron = links.filter(p -> p.getFileName().toString().startsWith("node-cron-")).toList();
      assertThat(cron).as("Turbopack's link for node-cron in the release").hasSize(1);
      assertThat(Files.isSymbolicLink(cron.get(0))).as(cron.get(0) + " is a link").isTrue();
      assertThat(cron.get(0).toRealPath()).startsWith(modules).isEqualTo(modules.resolve("node-cron"));
    }
  }
}
