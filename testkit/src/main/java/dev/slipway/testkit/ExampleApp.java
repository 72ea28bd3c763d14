package dev.slipway.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The example Next.js app ({@code examples/hello-next}), built once and shared by every test
 * that needs a real build: by all test classes of a JVM, and through {@code
 * <repoRoot>/target/testkit/} by all JVMs and Maven modules of a run (and later runs, while the
 * sources and the Node.js version stay the same). {@code npm ci} plus {@code next build} costs
 * about a minute; paying it once per test class would make the end-to-end suite unbearable.
 *
 * <p>The shared build must never be changed by a test. Tests that want to package, mutate or
 * install the app take a {@link #freshCopy} of it.
 */
public final class ExampleApp {
  /** Folder of the example, relative to the repository root. */
  public static final String SOURCE_DIR = "examples/hello-next";

  /** Per step ({@code npm ci}, {@code npm run build}): generous for 2 cores and a cold npm cache. */
  static final Duration STEP_TIMEOUT = Duration.ofMinutes(10);

  /** The memoized result of {@link #built()}; guarded by {@code ExampleApp.class}. */
  private static Path built;

  private ExampleApp() {}

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

  /** The example's sources in the repository. */
  public static Path sourceDir() {
    return repoRoot().resolve(SOURCE_DIR);
  }

  /**
   * The built example: {@code <repoRoot>/target/testkit/hello-next-built/}, holding the sources
   * plus {@code node_modules} (from {@code npm ci}, dev dependencies included, as in CI) and
   * {@code .next} (from {@code next build}). Builds it on first use unless a build for the same
   * sources and {@code node -v} is already there. Read-only for callers: use {@link #freshCopy}.
   *
   * <p>Synchronized because the cross-JVM file lock cannot exclude threads of the same JVM.
   *
   * @throws IllegalStateException if npm or the build fails or times out, with the output's tail
   */
  public static synchronized Path built() {
    if (built == null) {
      built = cachedBuild().ensureBuilt();
    }
    return built;
  }

  /** The cache behind {@link #built()}, unmemoized: for tests of the cache itself. */
  static CachedBuild cachedBuild() {
    Path root = repoRoot();
    return new CachedBuild(
        root.resolve(SOURCE_DIR), root.resolve("target/testkit"), "hello-next-built", STEP_TIMEOUT);
  }

  /**
   * Copies the built app, with {@code .next} but without {@code node_modules}, into {@code dest}
   * (which must be absent or empty) and returns {@code dest}. This is what CI hands the packager:
   * a checkout after {@code next build}. The copy is the caller's to change.
   */
  public static Path freshCopy(Path dest) {
    return copyBuilt(dest, false);
  }

  /**
   * Like {@link #freshCopy}, but with {@code node_modules} too, for tests that run the app in
   * place. Files are real copies (a test may change one without touching the shared build) and
   * the links in {@code node_modules/.bin} stay links.
   */
  public static Path freshCopyWithNodeModules(Path dest) {
    return copyBuilt(dest, true);
  }

  private static Path copyBuilt(Path dest, boolean withNodeModules) {
    if (!Trees.isAbsentOrEmpty(dest)) {
      throw new IllegalArgumentException("not an empty directory: " + dest);
    }
    Path from = built();
    try {
      Files.createDirectories(dest);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Trees.copy(
        from,
        dest,
        rel ->
            rel.getNameCount() == 1
                && (rel.toString().equals(CachedBuild.STAMP)
                    || (!withNodeModules && rel.toString().equals("node_modules"))));
    return dest;
  }
}
