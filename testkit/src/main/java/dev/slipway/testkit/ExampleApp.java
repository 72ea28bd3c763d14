package dev.slipway.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The corpus of example Next.js apps under {@code examples/}, each built once per run (see {@link
 * Example}), and shortcuts for {@code examples/hello-next}, the app most tests use.
 */
public final class ExampleApp {
  /** Folder of hello-next, relative to the repository root. */
  public static final String SOURCE_DIR = "examples/hello-next";

  /**
   * Every app of the corpus (issue #16): hello-next (Next 15, webpack, next.config.mjs, app
   * router), app-router-16 (Next 16, Turbopack, next.config.ts, TypeScript, run-time data files,
   * an externalised package, .npmrc), pages-router-16 (webpack, middleware, API routes, no
   * version in package.json) and standalone-starter (the create-next-app starter with {@code
   * output: 'standalone'} and next/image of a public/ PNG, so sharp's native addon is traced; issue #18).
   */
  public static final List<String> CORPUS =
      List.of("hello-next", "app-router-16", "pages-router-16", "standalone-starter");

  /** Per step ({@code npm ci}, {@code npm run build}): generous for 2 cores and a cold npm cache. */
  static final Duration STEP_TIMEOUT = Duration.ofMinutes(10);

  private static final Example HELLO_NEXT = new Example("hello-next");

  private ExampleApp() {}

  /** The example in {@code examples/<name>/}. */
  public static Example named(String name) {
    return name.equals(HELLO_NEXT.name()) ? HELLO_NEXT : new Example(name);
  }

  /**
   * The repository root: the system property {@code slipway.repoRoot} if set (failsafe sets it),
   * else the nearest directory at or above the working directory that contains {@code
   * examples/hello-next/package.json} (surefire runs in the module directory).
   */
  public static Path repoRoot() {
    String configured = System.getProperty("slipway.repoRoot");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured).toAbsolutePath().normalize();
    }
    Path start = Path.of("").toAbsolutePath().normalize();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(SOURCE_DIR).resolve("package.json"))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "no " + SOURCE_DIR + "/package.json at or above " + start
            + "; set -Dslipway.repoRoot=<repository root>");
  }

  /** hello-next's sources in the repository. */
  public static Path sourceDir() {
    return HELLO_NEXT.sourceDir();
  }

  /** hello-next built: {@code <repoRoot>/target/testkit/hello-next-built/} (see {@link Example#built}). */
  public static Path built() {
    return HELLO_NEXT.built();
  }

  /** The cache behind {@link #built()}, unmemoized: for tests of the cache itself. */
  static CachedBuild cachedBuild() {
    return HELLO_NEXT.cachedBuild();
  }

  /** A copy of hello-next built, without {@code node_modules} (see {@link Example#freshCopy}). */
  public static Path freshCopy(Path dest) {
    return HELLO_NEXT.freshCopy(dest);
  }

  /** A copy of hello-next built, with {@code node_modules} (see {@link Example#freshCopyWithNodeModules}). */
  public static Path freshCopyWithNodeModules(Path dest) {
    return HELLO_NEXT.freshCopyWithNodeModules(dest);
  }
}
