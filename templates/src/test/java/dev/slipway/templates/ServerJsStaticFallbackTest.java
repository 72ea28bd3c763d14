package dev.slipway.templates;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #21, skew protection without nginx: the generated server.js, run by the real node in a
 * release folder ROOT/releases/ID, serves a {@code /_next/static} file its own build lacks from
 * ROOT/shared/static, and leaves every other request to Next.
 */
class ServerJsStaticFallbackTest {
  /** A fake next that answers every request it gets with "next <url>", 404 for static files. */
  private static final String FAKE_NEXT =
      "module.exports = function next(opts) {\n"
          + "  return {\n"
          + "    prepare: async () => {},\n"
          + "    getRequestHandler: () => (req, res) => {\n"
          + "      res.statusCode = req.url.startsWith('/_next/static/') ? 404 : 200;\n"
          + "      res.end('next ' + req.url);\n"
          + "    },\n"
          + "  };\n"
          + "};\n";

  @TempDir Path tmp;

  @Test
  void servesAnOlderBuildsChunkFromTheSharedTreeAndLeavesTheRestToNext() throws Exception {
    Path root = tmp.resolve("root");
    Path release = ServerJsTest.writeApp(root.resolve("releases/b2"), FAKE_NEXT);
    write(release.resolve(".next/static/chunks/new-222.js"), "new chunk");
    write(root.resolve("shared/static/chunks/old-111.js"), "old chunk");
    write(root.resolve("shared/static/chunks/new-222.js"), "the tree's copy, never served over the build's own");
    write(root.resolve("shared/secret.txt"), "outside the tree");
    Path socket = ServerJsTest.socketPath(release);
    ServerJsTest.NodeRun run = ServerJsTest.NodeRun.start(release, Map.of("PORT", socket.toString()), "server.js");
    try {
      ServerJsTest.Response old = ServerJsTest.httpGet(run, socket, "/_next/static/chunks/old-111.js");
      assertThat(old.status()).isEqualTo(200);
      assertThat(old.body()).isEqualTo("old chunk");

      assertThat(ServerJsTest.httpGet(run, socket, "/_next/static/chunks/new-222.js").body())
          .as("a file the build has is Next's to serve").isEqualTo("next /_next/static/chunks/new-222.js");
      assertThat(ServerJsTest.httpGet(run, socket, "/_next/static/chunks/gone-333.js").status())
          .as("a file neither has: Next's 404").isEqualTo(404);
      assertThat(ServerJsTest.httpGet(run, socket, "/_next/static/%2e%2e/secret.txt").body())
          .as("an encoded .. never leaves the tree").doesNotContain("outside the tree");
      assertThat(ServerJsTest.httpGet(run, socket, "/_next/static/chunks/..%2f..%2fsecret.txt").body())
          .doesNotContain("outside the tree");
      assertThat(ServerJsTest.httpGet(run, socket, "/page").body()).isEqualTo("next /page");
    } finally {
      run.destroyAndAssertGone();
    }
  }

  @Test
  void theResponseOfAnOlderChunkIsCachedForever() throws Exception {
    Path root = tmp.resolve("root");
    Path release = ServerJsTest.writeApp(root.resolve("releases/b2"), FAKE_NEXT);
    write(root.resolve("elsewhere/css/old.css"), "body{}");
    Path socket = ServerJsTest.socketPath(release);
    ServerJsTest.NodeRun run = ServerJsTest.NodeRun.start(release,
        Map.of("PORT", socket.toString(), "SLIPWAY_STATIC_DIR", root.resolve("elsewhere").toString()), "server.js");
    try {
      String raw = ServerJsTest.httpGetRaw(run, socket, "/_next/static/css/old.css");
      assertThat(raw).startsWith("HTTP/1.1 200").containsIgnoringCase("cache-control: public, max-age=31536000, immutable")
          .containsIgnoringCase("content-type: text/css").endsWith("body{}");
    } finally {
      run.destroyAndAssertGone();
    }
  }

  private static void write(Path file, String text) throws Exception {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, UTF_8);
  }
}
