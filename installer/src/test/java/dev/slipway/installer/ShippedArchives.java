package dev.slipway.installer;

import dev.slipway.format.ArchiveSource;
import dev.slipway.format.Manifest;
import dev.slipway.format.Sha256;
import dev.slipway.format.ShippedDependencies;
import dev.slipway.installer.preflight.NodeRuntime;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Crafted archives for issue #18, written by the format's own writer: a tiny app whose server.js
 * requires a package from {@code node_modules/} and answers HTTP with it and the env's GREETING. No
 * Next.js: what is tested is how the installer treats shipped dependencies, not Next's tree.
 */
final class ShippedArchives {
  /** What the server answers: the shipped package's text, then GREETING. */
  static final String ANSWER_PREFIX = "tiny says hi";

  /** The platform a manifest claims. */
  record Platform(String os, String arch, String libc, String nodeAbi) {
    static Platform of(NodeRuntime node) {
      return new Platform(node.platform(), node.arch(), node.libc(), node.modulesAbi());
    }
  }

  private ShippedArchives() {}

  /** A release that ships {@code node_modules/tiny} (format version 3). */
  static Path shipped(Path dir, String buildId, String source, Platform platform, List<String> addons) throws IOException {
    return shipped(dir, buildId, source, platform, addons, List.of());
  }

  /** With Turbopack's links (issue #16), which the installer creates after the shipped tree is checked. */
  static Path shipped(Path dir, String buildId, String source, Platform platform, List<String> addons,
      List<Manifest.Link> links) throws IOException {
    SortedMap<String, ArchiveSource> files = app(buildId, "\"tiny\":\"1.0.0\"", "\"node_modules/tiny\":{\"version\":\"1.0.0\"}");
    text(files, "node_modules/tiny/package.json", "{\"name\":\"tiny\",\"version\":\"1.0.0\",\"main\":\"index.js\"}\n");
    text(files, "node_modules/tiny/index.js", "module.exports = () => '" + ANSWER_PREFIX + "';\n");
    for (String addon : addons) {
      text(files, addon, "not really an addon: never loaded\n");
    }
    return write(dir, buildId, files, new ShippedDependencies(source, platform.libc(), addons), platform, links);
  }

  /** Like {@link #shipped}, the manifest saying it ships dependencies, but without any node_modules/ file. */
  static Path shippedWithoutModules(Path dir, String buildId, Platform platform) throws IOException {
    SortedMap<String, ArchiveSource> files = app(buildId, "\"tiny\":\"1.0.0\"", "\"node_modules/tiny\":{\"version\":\"1.0.0\"}");
    return write(dir, buildId, files, new ShippedDependencies(ShippedDependencies.STANDALONE, platform.libc(), List.of()),
        platform);
  }

  /**
   * A release of the same app whose dependency npm ci must fetch from the registry: {@code
   * is-number}, resolved to registry.npmjs.org as any lockfile records it; with a Turbopack link to
   * it, so format version 2, the newest before releases shipped their dependencies.
   */
  static Path fromRegistry(Path dir, String buildId, Platform platform) throws IOException {
    SortedMap<String, ArchiveSource> files = app(buildId, "\"is-number\":\"7.0.0\"", "\"node_modules/is-number\":{"
        + "\"version\":\"7.0.0\",\"resolved\":\"https://registry.npmjs.org/is-number/-/is-number-7.0.0.tgz\","
        + "\"integrity\":\"sha512-41Cifkg6e8TylSpdtTpeLVMqvSBEVzTttHvERD741+pnZ8ANv0004MRL43QKPDlK9cGvNp6NZWZUBlbGXYxxng==\","
        + "\"license\":\"MIT\",\"engines\":{\"node\":\">=0.12.0\"}}");
    return write(dir, buildId, files, null, platform,
        List.of(new Manifest.Link(".next/node_modules/is-number-850d997d12dc4759", "../../node_modules/is-number")));
  }

  /** The same app with a {@code file:} dependency, installed by npm ci with no registry (format version 1). */
  static Path withFileDependency(Path dir, String buildId, Platform platform) throws IOException {
    SortedMap<String, ArchiveSource> files = app(buildId, "\"tiny\":\"file:vendor/tiny\"",
        "\"node_modules/tiny\":{\"resolved\":\"vendor/tiny\",\"link\":true},\"vendor/tiny\":{\"version\":\"1.0.0\"}");
    text(files, "vendor/tiny/package.json", "{\"name\":\"tiny\",\"version\":\"1.0.0\",\"main\":\"index.js\"}\n");
    text(files, "vendor/tiny/index.js", "module.exports = () => '" + ANSWER_PREFIX + "';\n");
    return write(dir, buildId, files, null, platform);
  }

  private static SortedMap<String, ArchiveSource> app(String buildId, String dependency, String lockedPackage) {
    SortedMap<String, ArchiveSource> files = new TreeMap<>();
    String deps = "\"dependencies\":{" + dependency + "}";
    text(files, "package.json", "{\"name\":\"shipped\",\"version\":\"1.0.0\"," + deps + "}\n");
    text(files, "package-lock.json", lock(deps, lockedPackage));
    text(files, ".next/BUILD_ID", buildId);
    text(files, ".next/static/chunks/main.js", "console.log('main');\n");
    // Loads the release's env file itself, as the packager's generated entry does for Next.
    text(files, "server.js", """
        const fs = require('fs'), path = require('path');
        const envFile = path.join(__dirname, '.env.production');
        if (fs.existsSync(envFile)) {
          for (const line of fs.readFileSync(envFile, 'utf8').split('\\n')) {
            const eq = line.indexOf('=');
            if (eq > 0 && process.env[line.slice(0, eq)] === undefined) process.env[line.slice(0, eq)] = line.slice(eq + 1);
          }
        }
        const dependency = require('%s');
        const answer = typeof dependency === 'function' ? dependency() : 'is-number ' + dependency(5);
        require('http').createServer((req, res) => res.end(answer + ' ' + (process.env.GREETING || '')))
          .listen(Number(process.env.PORT), process.env.HOSTNAME);
        """.formatted(dependency.substring(1, dependency.indexOf('"', 1))));
    return files;
  }

  private static String lock(String deps, String lockedPackage) {
    return "{\"name\":\"shipped\",\"version\":\"1.0.0\",\"lockfileVersion\":3,\"requires\":true,\"packages\":{"
        + "\"\":{\"name\":\"shipped\",\"version\":\"1.0.0\"," + deps + "}," + lockedPackage + "}}\n";
  }

  private static Path write(Path dir, String buildId, SortedMap<String, ArchiveSource> files,
      ShippedDependencies dependencies, Platform platform) throws IOException {
    return write(dir, buildId, files, dependencies, platform, List.of());
  }

  private static Path write(Path dir, String buildId, SortedMap<String, ArchiveSource> files,
      ShippedDependencies dependencies, Platform platform, List<Manifest.Link> links) throws IOException {
    byte[] lock;
    try (var in = files.get("package-lock.json").open()) {
      lock = in.readAllBytes();
    }
    Manifest.Header header = new Manifest.Header(Manifest.formatVersionFor(dependencies, links),
        new Manifest.App("shipped", "1.0.0"), buildId, null,
        new Manifest.BuiltWith("v20.11.1", "10.2.4", "16.4.6", platform.os(), platform.arch(), platform.nodeAbi()), ">=20",
        new Manifest.Start("none", "server.js", null), new Manifest.Lockfile("package-lock.json", Sha256.of(lock)),
        dependencies, links);
    return CraftedArchive.write(dir.resolve(buildId + "-" + System.nanoTime() + ".tar.gz"), files, header);
  }

  private static void text(SortedMap<String, ArchiveSource> files, String path, String content) {
    CraftedArchive.text(files, path, content);
  }
}
