package dev.slipway.installer.reliability;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.format.Reporter;
import dev.slipway.installer.layout.FileTrees;
import dev.slipway.packager.PackageRequest;
import dev.slipway.packager.Packager;
import dev.slipway.testkit.ExampleApp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Archives of a tiny fake app, packaged by the real packager: a package.json with no dependencies,
 * a lockfile with no packages, a {@code .next/BUILD_ID}, one static file and a plain node HTTP
 * server as {@code server.js}. {@code npm ci} takes about a second and the smoke start is instant,
 * so a crash test can afford many installs. Each archive is built once per test JVM.
 *
 * <p>Two switches make a run slow on purpose, so that a test can kill it in the middle of a step.
 * They are files in ROOT, which the release sees as {@code ..} while it is a staging folder:
 *
 * <ul>
 *   <li>{@code ROOT/slow-npm}: the root package's {@code postinstall} starts {@code sleep 300}
 *       and waits 30 s, so {@code npm ci} runs a tree of npm, sh, node and sleep for 30 s;
 *   <li>{@code ROOT/slow-smoke}: {@code server.js} starts {@code sleep 300} and listens only
 *       after 30 s, so the smoke start runs a tree of node and sleep for 30 s.
 * </ul>
 *
 * Once installed, the release sees {@code ROOT/releases} as {@code ..}, so neither switch affects
 * a server started from {@code current}.
 */
final class TinyApps {
  static final String VERSION = "1.0.0";
  private static final Map<String, Path> BUILT = new ConcurrentHashMap<>();
  private static final ObjectMapper JSON = new ObjectMapper();

  static final String POSTINSTALL =
      "node -e \"if(require('fs').existsSync('../slow-npm')){"
          + "require('child_process').spawn('sleep',['300'],{stdio:'ignore'});setTimeout(()=>{},30000)}\"";

  static final String SERVER_JS = """
      // A tiny stand-in for a Next.js server: answers every request with its build id.
      const http = require('http');
      const fs = require('fs');
      const path = require('path');
      const buildId = fs.readFileSync(path.join(__dirname, '.next', 'BUILD_ID'), 'utf8').trim();
      const slow = fs.existsSync(path.join(__dirname, '..', 'slow-smoke'));
      if (slow) {
        require('child_process').spawn('sleep', ['300'], { stdio: 'ignore' });
      }
      const server = http.createServer((req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('tiny ' + buildId + '\\n');
      });
      setTimeout(() => server.listen(process.env.PORT, process.env.HOSTNAME), slow ? 30000 : 0);
      """;

  private TinyApps() {}

  /** The tiny app with {@code buildId} (also in its archive's name). */
  static Path archive(String buildId) {
    return archive(buildId, buildId, project -> {});
  }

  /**
   * A variant: {@code change} edits the project before it is packaged.
   *
   * @param key names the variant in the cache (and its folder under target/reliability-it)
   */
  static Path archive(String key, String buildId, ProjectChange change) {
    return archive(key, buildId, change, List.of());
  }

  /** A variant that also ships the project's files {@code includes} names ({@code --include}). */
  static Path archive(String key, String buildId, ProjectChange change, List<String> includes) {
    return BUILT.computeIfAbsent(key, k -> {
      try {
        Path dir = ExampleApp.repoRoot().resolve("target/reliability-it/archives/" + k);
        if (Files.exists(dir)) {
          FileTrees.deleteRecursively(dir);
        }
        Path project = create(dir.resolve("app"), buildId);
        change.apply(project);
        Path archive = new Packager(Reporter.SILENT, new ByteArrayOutputStream())
            .pack(PackageRequest.defaults(project).withOutDir(dir.resolve("out")).withIncludes(includes, Set.of()))
            .archive();
        FileTrees.deleteRecursively(project); // a large public/ must not stay on disk twice
        return archive;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  static Path create(Path dir, String buildId) throws IOException {
    ObjectNode pkg = JSON.createObjectNode();
    pkg.put("name", "tiny").put("version", VERSION).put("private", true);
    pkg.putObject("scripts").put("postinstall", POSTINSTALL);
    pkg.putObject("engines").put("node", ">=20");
    write(dir.resolve("package.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(pkg));

    ObjectNode lock = JSON.createObjectNode();
    lock.put("name", "tiny").put("version", VERSION).put("lockfileVersion", 3).put("requires", true);
    ObjectNode rootEntry = lock.putObject("packages").putObject("");
    rootEntry.put("name", "tiny").put("version", VERSION).put("hasInstallScript", true);
    rootEntry.putObject("engines").put("node", ">=20");
    write(dir.resolve("package-lock.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(lock));

    write(dir.resolve(".next/BUILD_ID"), buildId);
    write(dir.resolve(".next/static/x.js"), "console.log('x');\n");
    write(dir.resolve("server.js"), SERVER_JS);
    return dir;
  }

  static void write(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  @FunctionalInterface
  interface ProjectChange {
    void apply(Path project) throws IOException;
  }
}
