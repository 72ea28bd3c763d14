package dev.slipway.templates;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #16: the generated server.js starts Next with the configuration the build resolved
 * ({@code .next/required-server-files.json}), moved from the build folder into the release, so no
 * {@code next.config.*} (and no typescript or devDependency it imports) is loaded on the server.
 * Real node, a fake {@code next} and {@code @next/env} that report what they were given.
 */
class ServerJsConfigTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Answers every request with what next() was given and what the process looked like then. */
  private static final String FAKE_NEXT =
      "module.exports = function next(opts) {\n"
          + "  const seen = {\n"
          + "    dev: opts.dev, dir: opts.dir, conf: opts.conf === undefined ? null : opts.conf,\n"
          + "    standalone: process.env.__NEXT_PRIVATE_STANDALONE_CONFIG || null,\n"
          + "    envLoaded: process.env.FAKE_ENV_LOADED || null, cwd: process.cwd(),\n"
          + "  };\n"
          + "  return {\n"
          + "    prepare: async () => {},\n"
          + "    getRequestHandler: () => (req, res) => res.end(JSON.stringify(seen)),\n"
          + "  };\n"
          + "};\n";

  /** Records its call, and whether the standalone configuration was already set by then. */
  private static final String FAKE_NEXT_ENV =
      "exports.loadEnvConfig = function (dir, dev) {\n"
          + "  process.env.FAKE_ENV_LOADED = JSON.stringify({ dir, dev,\n"
          + "    standaloneAlreadySet: process.env.__NEXT_PRIVATE_STANDALONE_CONFIG !== undefined });\n"
          + "};\n";

  @TempDir Path tmp;

  @Test
  void startsNextWithTheBuildsConfigWithEveryBuildPathMovedIntoTheRelease() throws Exception {
    Path app = app();
    writeRequiredServerFiles(app, "/ci/work/app", """
        {"distDir": ".next", "poweredByHeader": false, "compress": true,
         "outputFileTracingRoot": "/ci/work/app",
         "cacheHandler": "/ci/work/app/cache-handler.js",
         "images": {"loader": "custom", "loaderFile": "/ci/work/app/lib/loader.js", "sizes": [16, 32]},
         "turbopack": {"root": "/ci/work/app"},
         "experimental": {"paths": ["/ci/work/app/a", "/ci/work/application", "/elsewhere/x", "x/ci/work/app"]}}""");

    JsonNode seen = serve(app);

    String release = app.toRealPath().toString();
    JsonNode conf = seen.get("conf");
    assertThat(conf.get("outputFileTracingRoot").asText()).isEqualTo(release);
    assertThat(conf.get("cacheHandler").asText()).isEqualTo(release + "/cache-handler.js");
    assertThat(conf.at("/images/loaderFile").asText()).isEqualTo(release + "/lib/loader.js");
    assertThat(conf.at("/turbopack/root").asText()).isEqualTo(release);
    assertThat(conf.at("/experimental/paths").toString())
        .as("only the build folder itself and paths below it move")
        .isEqualTo(JSON.writeValueAsString(
            new String[] {release + "/a", "/ci/work/application", "/elsewhere/x", "x/ci/work/app"}));
    assertThat(conf.get("distDir").asText()).isEqualTo(".next");
    assertThat(conf.get("poweredByHeader").asBoolean()).isFalse();
    assertThat(conf.at("/images/sizes").toString()).isEqualTo("[16,32]");
    assertThat(seen.get("dev").asBoolean()).isFalse();
    assertThat(seen.get("dir").asText()).isEqualTo(release);
    assertThat(JSON.readTree(seen.get("standalone").asText()))
        .as("the standalone configuration Next's loadConfig returns, for its workers too")
        .isEqualTo(conf);
  }

  @Test
  void aBuildMadeOnWindowsMovesBackslashPathsToo() throws Exception {
    Path app = app();
    writeRequiredServerFiles(app, "C:\\\\ci\\\\app", """
        {"cacheHandler": "C:\\\\ci\\\\app\\\\cache.js", "outputFileTracingRoot": "C:\\\\ci\\\\app"}""");

    JsonNode conf = serve(app).get("conf");

    String release = app.toRealPath().toString();
    assertThat(conf.get("cacheHandler").asText()).isEqualTo(release + "\\cache.js");
    assertThat(conf.get("outputFileTracingRoot").asText()).isEqualTo(release);
  }

  @Test
  void loadsTheReleasesEnvFilesInProductionModeBeforeSettingTheStandaloneConfig() throws Exception {
    // Next skips loadEnvConfig once __NEXT_PRIVATE_STANDALONE_CONFIG is set: a release's
    // .env.production would silently stop reaching the app.
    Path app = app();
    writeRequiredServerFiles(app, "/ci/app", "{\"distDir\": \".next\"}");

    JsonNode envLoaded = JSON.readTree(serve(app).get("envLoaded").asText());

    assertThat(envLoaded.get("dir").asText()).isEqualTo(app.toRealPath().toString());
    assertThat(envLoaded.get("dev").asBoolean()).isFalse();
    assertThat(envLoaded.get("standaloneAlreadySet").asBoolean()).isFalse();
  }

  @Test
  void worksFromItsOwnFolderWhateverTheCallersWorkingDirectory() throws Exception {
    // Apps read their files relative to process.cwd() (path.join(process.cwd(), 'content')).
    Path app = app();
    Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
    Path socket = ServerJsTest.socketPath(app);
    ServerJsTest.NodeRun run =
        ServerJsTest.NodeRun.start(elsewhere, Map.of("PORT", socket.toString()), app.resolve("server.js").toString());
    try {
      JsonNode seen = JSON.readTree(ServerJsTest.httpGet(run, socket, "/").body());
      assertThat(seen.get("cwd").asText()).isEqualTo(app.toRealPath().toString());
    } finally {
      run.destroyAndAssertGone();
    }
  }

  @Test
  void withoutRequiredServerFilesNextLoadsItsOwnConfigAsBefore() throws Exception {
    JsonNode seen = serve(app());

    assertThat(seen.get("conf").isNull()).as("no conf: next reads next.config.* itself").isTrue();
    assertThat(seen.get("standalone").isNull()).isTrue();
    assertThat(seen.get("envLoaded").isNull()).as("next loads the env files itself").isTrue();
  }

  // ---------------------------------------------------------------------------------------------

  private Path app() throws IOException {
    Path app = ServerJsTest.writeApp(tmp.resolve("app"), FAKE_NEXT);
    Files.createDirectories(app.resolve("node_modules/@next/env"));
    Files.writeString(app.resolve("node_modules/@next/env/index.js"), FAKE_NEXT_ENV, UTF_8);
    return app;
  }

  /** What next build writes, with the fields server.js reads (appDir is the build folder). */
  private static void writeRequiredServerFiles(Path app, String appDirJson, String configJson) throws IOException {
    Files.createDirectories(app.resolve(".next"));
    Files.writeString(
        app.resolve(".next/required-server-files.json"),
        "{\"version\":1,\"config\":" + configJson + ",\"appDir\":\"" + appDirJson
            + "\",\"relativeAppDir\":\"\",\"files\":[],\"ignore\":[]}",
        UTF_8);
  }

  private static JsonNode serve(Path app) throws Exception {
    Path socket = ServerJsTest.socketPath(app);
    ServerJsTest.NodeRun run = ServerJsTest.NodeRun.start(app, Map.of("PORT", socket.toString()), "server.js");
    try {
      ServerJsTest.Response response = ServerJsTest.httpGet(run, socket, "/");
      assertThat(response.status()).as(run.stderr()).isEqualTo(200);
      return JSON.readTree(response.body());
    } finally {
      run.destroyAndAssertGone();
    }
  }
}
