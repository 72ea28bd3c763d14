package dev.slipway.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;

/**
 * One app of the corpus in {@code examples/<name>/}, built once and shared by every test that
 * needs it: by all test classes of a JVM, and through {@code <repoRoot>/target/testkit/<name>-built/}
 * by all JVMs and Maven modules of a run (and later runs, while its sources and {@code node -v}
 * stay the same). {@code npm ci} plus {@code next build} costs a minute or so per app.
 *
 * <p>The shared build must never be changed by a test: tests that package, mutate or install an
 * app take a {@link #freshCopy} of it. Get one with {@link ExampleApp#named}.
 */
public final class Example {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

  /**
   * The memoized build of each name. Each {@link Memo} is its own monitor, so building one app
   * does not hold up a thread that wants another (their cross-JVM file locks are per name too).
   */
  private static final ConcurrentMap<String, Memo> MEMOS = new ConcurrentHashMap<>();

  private final String name;

  Example(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not an example folder name: " + name);
    }
    this.name = name;
  }

  /** The folder name under {@code examples/}. */
  public String name() {
    return name;
  }

  /** The example's sources in the repository. */
  public Path sourceDir() {
    return ExampleApp.repoRoot().resolve("examples").resolve(name);
  }

  /**
   * The built example, holding the sources plus {@code node_modules} (from {@code npm ci}, dev
   * dependencies included, as in CI) and {@code .next} (from {@code npm run build}). Builds it on
   * first use unless a build for the same sources and {@code node -v} is already there.
   * Read-only for callers: use {@link #freshCopy}.
   *
   * @throws IllegalStateException if npm or the build fails or times out, with the output's tail
   */
  public Path built() {
    return MEMOS.computeIfAbsent(name, key -> new Memo()).get(this);
  }

  /** The cache behind {@link #built()}, unmemoized: for tests of the cache itself. */
  CachedBuild cachedBuild() {
    Path root = ExampleApp.repoRoot();
    return new CachedBuild(sourceDir(), root.resolve("target/testkit"), name + "-built", ExampleApp.STEP_TIMEOUT);
  }

  /**
   * Copies the built app, with {@code .next} but without {@code node_modules}, into {@code dest}
   * (which must be absent or empty) and returns {@code dest}. This is what CI hands the packager:
   * a checkout after {@code next build}. The copy is the caller's to change.
   */
  public Path freshCopy(Path dest) {
    return copyBuilt(dest, false);
  }

  /**
   * Like {@link #freshCopy}, but with {@code node_modules} too, for tests that run the app in
   * place. Files are real copies (a test may change one without touching the shared build) and
   * links stay links (those in {@code node_modules/.bin}, and Turbopack's in {@code
   * .next/node_modules}).
   */
  public Path freshCopyWithNodeModules(Path dest) {
    return copyBuilt(dest, true);
  }

  private Path copyBuilt(Path dest, boolean withNodeModules) {
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

  @Override
  public String toString() {
    return "examples/" + name;
  }

  /** One name's build, made at most once per JVM; synchronized because file locks are per process. */
  private static final class Memo {
    private Path built;

    synchronized Path get(Example example) {
      if (built == null) {
        built = example.cachedBuild().ensureBuilt();
      }
      return built;
    }
  }
}
