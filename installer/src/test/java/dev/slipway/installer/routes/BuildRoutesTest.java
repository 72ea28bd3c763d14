package dev.slipway.installer.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Route discovery from fixture manifests shaped like next@16's (see CONTEXT of issue #16). */
class BuildRoutesTest {
  @TempDir Path release;

  /** routes-manifest.json of the create-next-app starter plus a route handler and a page. */
  private static final String ROUTES = """
      {"version":3,"pages404":true,"basePath":"","redirects":[],"dynamicRoutes":[
        {"page":"/blog/[slug]","regex":"^/blog/([^/]+?)(?:/)?$"}],
       "staticRoutes":[
        {"page":"/","regex":"^/(?:/)?$"},{"page":"/_global-error","regex":"x"},
        {"page":"/_not-found","regex":"x"},{"page":"/cron","regex":"x"},
        {"page":"/favicon.ico","regex":"x"},{"page":"/api/hello","regex":"x"},{"page":"/404","regex":"x"}]}
      """;

  private static final String PRERENDER = """
      {"version":4,"routes":{"/":{},"/_global-error":{},"/_not-found":{},"/favicon.ico":{},
        "/blog/first-post":{},"/blog/second-post":{},"/500":{}},"dynamicRoutes":{},"notFoundRoutes":[],"preview":{}}
      """;

  private void write(String name, String json) throws IOException {
    Files.createDirectories(release.resolve(".next"));
    Files.writeString(release.resolve(".next").resolve(name), json);
  }

  @Test
  void listsStaticRoutesAndPrerenderedPathsWithoutInternalOnesIndexFirstThenSorted() throws IOException {
    write("routes-manifest.json", ROUTES);
    write("prerender-manifest.json", PRERENDER);

    RouteList routes = BuildRoutes.discover(release, 40);

    assertThat(routes.paths()).containsExactly(
        "/", "/api/hello", "/blog/first-post", "/blog/second-post", "/cron", "/favicon.ico");
    assertThat(routes.fromBuild()).isTrue();
    assertThat(routes.skipped()).isZero();
    assertThat(routes.warning()).isEmpty();
    assertThat(routes.summary()).isEqualTo("6 routes from the build and one /_next/static asset that / references");
  }

  @Test
  void capKeepsTheIndexAndCountsTheRestAsSkipped() throws IOException {
    write("routes-manifest.json", ROUTES);
    write("prerender-manifest.json", PRERENDER);

    RouteList routes = BuildRoutes.discover(release, 3);

    assertThat(routes.paths()).containsExactly("/", "/api/hello", "/blog/first-post");
    assertThat(routes.skipped()).isEqualTo(3);
    assertThat(routes.summary()).startsWith("3 of the build's 6 routes (the other 3 are skipped");
  }

  @Test
  void basePathPrefixesEveryRouteAndTheIndexIsTheBasePath() throws IOException {
    write("routes-manifest.json", ROUTES.replace("\"basePath\":\"\"", "\"basePath\":\"/docs\""));

    RouteList routes = BuildRoutes.discover(release, 40);

    assertThat(routes.paths()).containsExactly("/docs", "/docs/api/hello", "/docs/cron", "/docs/favicon.ico");
    assertThat(routes.index()).isEqualTo("/docs");
  }

  @Test
  void routeHandlersAndPagesApiRoutesOfNext15ComeFromTheAppPathsAndPagesManifests() throws IOException {
    // next@15 leaves /api/* out of staticRoutes; hello-next's build has exactly these files.
    write("routes-manifest.json", "{\"basePath\":\"\",\"staticRoutes\":[{\"page\":\"/\"},"
        + "{\"page\":\"/_not-found\"},{\"page\":\"/greeting\"}]}");
    write("app-path-routes-manifest.json", "{\"/_not-found/page\":\"/_not-found\",\"/api/health/route\":\"/api/health\","
        + "\"/page\":\"/\",\"/greeting/page\":\"/greeting\",\"/blog/[slug]/page\":\"/blog/[slug]\","
        + "\"/@modal/(.)photo/page\":\"/(.)photo\"}");
    Files.createDirectories(release.resolve(".next/server"));
    Files.writeString(release.resolve(".next/server/pages-manifest.json"), "{\"/_app\":\"pages/_app.js\","
        + "\"/_error\":\"pages/_error.js\",\"/api/hello\":\"pages/api/hello.js\",\"/posts/[id]\":\"pages/posts/[id].js\"}");

    assertThat(BuildRoutes.discover(release, 40).paths())
        .containsExactly("/", "/api/health", "/api/hello", "/greeting");
  }

  @Test
  void prerenderManifestAloneIsEnough() throws IOException {
    write("prerender-manifest.json", PRERENDER);

    assertThat(BuildRoutes.discover(release, 40).paths())
        .containsExactly("/", "/blog/first-post", "/blog/second-post", "/favicon.ico");
  }

  @Test
  void aBuildWithoutManifestsFallsBackToTheIndexWithoutWarning() {
    RouteList routes = BuildRoutes.discover(release, 40);

    assertThat(routes).isEqualTo(new RouteList(List.of("/"), false, 0, Optional.empty()));
  }

  @Test
  void malformedManifestsFallBackToTheIndexWithAWarning() throws IOException {
    for (String bad : List.of("not json", "[]", "{\"staticRoutes\":{}}", "{\"staticRoutes\":[{\"page\":7}]}",
        "{\"basePath\":\"docs\",\"staticRoutes\":[]}")) {
      write("routes-manifest.json", bad);

      RouteList routes = BuildRoutes.discover(release, 40);

      assertThat(routes.paths()).as(bad).containsExactly("/");
      assertThat(routes.fromBuild()).as(bad).isFalse();
      assertThat(routes.warning()).as(bad).hasValueSatisfying(w -> assertThat(w)
          .startsWith("cannot read the build's route list (").endsWith("; the smoke start checks / only"));
    }
  }

  @Test
  void aPrerenderManifestWithoutRoutesObjectFallsBackWithAWarning() throws IOException {
    write("prerender-manifest.json", "{\"routes\":[\"/\"]}");

    assertThat(BuildRoutes.discover(release, 40).warning()).isPresent();
  }

  @Test
  void aManifestThatIsALinkIsNotFollowed() throws IOException {
    Path outside = Files.writeString(release.resolve("elsewhere.json"), ROUTES);
    Files.createDirectories(release.resolve(".next"));
    Files.createSymbolicLink(release.resolve(".next/routes-manifest.json"), outside);

    RouteList routes = BuildRoutes.discover(release, 40);

    assertThat(routes.paths()).containsExactly("/");
    assertThat(routes.warning()).hasValueSatisfying(w -> assertThat(w).contains("not a regular file"));
  }

  @Test
  void pathsThatAreNotPlainPathsAreDroppedAndOthersEncoded() throws IOException {
    write("prerender-manifest.json", """
        {"routes":{"/ok":{},"//evil.example/x":{},"relative":{},"/q?x=1":{},"/a\\u0000b":{},
          "/caf\\u00e9 menu":{},"/already%20encoded":{},"/back\\\\slash":{}}}
        """);

    assertThat(BuildRoutes.discover(release, 40).paths())
        .containsExactly("/", "/already%20encoded", "/caf%C3%A9%20menu", "/ok");
  }

  @Test
  void internalRoutesAreNextsOwn() {
    assertThat(List.of("/_not-found", "/_global-error", "/_app", "/_error", "/_document", "/404", "/500"))
        .allMatch(BuildRoutes::internal);
    assertThat(List.of("/", "/blog", "/404-page", "/api/_x")).noneMatch(BuildRoutes::internal);
  }
}
