package dev.slipway.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build cache, on a fake npm project that builds in about a second. */
class CachedBuildTest {
  @TempDir Path tmp;
  Path source;
  Path cacheRoot;
  Path log;
  Path pidFile;

  @BeforeEach
  void fakeProject() throws IOException {
    log = tmp.resolve("builds.log");
    pidFile = tmp.resolve("build.pid");
    source = FakeProject.create(tmp.resolve("src"), log, pidFile, 0, false);
    cacheRoot = tmp.resolve("cache");
  }

  private CachedBuild cache(Duration stepTimeout) {
    return new CachedBuild(source, cacheRoot, "fake-built", stepTimeout);
  }

  private CachedBuild cache() {
    return cache(Duration.ofMinutes(2));
  }

  @Test
  void buildsIntoTheTargetAndStampsIt() throws IOException {
    CachedBuild cache = cache();
    Path target = cache.ensureBuilt();

    assertThat(target).isEqualTo(cacheRoot.resolve("fake-built"));
    assertThat(target.resolve(".next/BUILD_ID")).isRegularFile();
    assertThat(cache.logFile()).content().contains("$ npm ci\n").contains("$ npm run build\n");
    assertThat(target.resolve("build.js")).hasSameTextualContentAs(source.resolve("build.js"));
    assertThat(CachedBuild.stampOf(target)).hasSize(64);
    assertThat(builds()).isEqualTo(1);
  }

  @Test
  void reusesTheBuildWhileTheSourcesAreUnchanged() throws IOException {
    Path first = cache().ensureBuilt();
    String buildId = buildId(first);

    // A new instance, as another JVM would have: nothing memoized, only the stamp on disk.
    Path second = cache().ensureBuilt();

    assertThat(second).isEqualTo(first);
    assertThat(buildId(second)).isEqualTo(buildId);
    assertThat(builds()).isEqualTo(1);
  }

  @Test
  void rebuildsWhenASourceFileChanges() throws IOException {
    String firstId = buildId(cache().ensureBuilt());
    Files.writeString(source.resolve("README.md"), "changed\n");

    Path target = cache().ensureBuilt();

    assertThat(buildId(target)).isNotEqualTo(firstId);
    assertThat(target.resolve("README.md")).hasContent("changed");
    assertThat(builds()).isEqualTo(2);
    assertThat(siblingsOfTarget()).containsExactly("fake-built");
  }

  @Test
  void doesNotCopyInstalledPackagesOrBuildOutputFromTheSourceTree() throws IOException {
    Files.createDirectories(source.resolve(".next"));
    Files.writeString(source.resolve(".next/stale-from-a-dev-build"), "x");
    Files.createDirectories(source.resolve("node_modules/left-pad"));
    Files.writeString(source.resolve("node_modules/left-pad/index.js"), "x");

    Path target = cache().ensureBuilt();

    assertThat(target.resolve(".next/stale-from-a-dev-build")).doesNotExist();
    assertThat(target.resolve("node_modules/left-pad")).doesNotExist();
  }

  @Test
  void aFailedBuildThrowsWithTheTailOfItsOutputAndLeavesNoCache() throws IOException {
    FakeProject.configure(source, log, pidFile, 0, true);
    CachedBuild cache = cache();

    assertThatThrownBy(cache::ensureBuilt)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("`npm run build` failed with exit code")
        .hasMessageContaining("boom: the fake build failed on purpose")
        .hasMessageContaining(cache.logFile().toString());
    assertThat(cache.target()).doesNotExist();
    assertThat(siblingsOfTarget()).isEmpty(); // the temporary build directory is gone too
    assertThat(cache.logFile()).content().contains("boom: the fake build failed on purpose");
  }

  @Test
  void aStepThatTimesOutIsKilledWithItsChildProcesses() throws Exception {
    FakeProject.configure(source, log, pidFile, 300_000, false);

    assertThatThrownBy(() -> cache(Duration.ofSeconds(8)).ensureBuilt())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("`npm run build` timed out");

    // build.js runs as a grandchild of npm (npm -> sh -> node); it must not outlive the timeout.
    long buildPid = Long.parseLong(Files.readString(pidFile).strip());
    assertThat(ProcessHandle.of(buildPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    assertThat(cache(Duration.ofSeconds(8)).target()).doesNotExist();
  }

  @Test
  void leftoversOfAKilledBuildAreNeitherTrustedNorKept() throws IOException {
    // What a build killed just before its rename leaves: a complete-looking temp directory,
    // even with the right stamp. Only the final name counts.
    String key = SourceFingerprint.of(source, nodeVersion());
    Path leftover = cacheRoot.resolve("fake-built.tmp-killed");
    Files.createDirectories(leftover.resolve(".next"));
    Files.writeString(leftover.resolve(".next/BUILD_ID"), "half-built");
    Files.writeString(leftover.resolve(CachedBuild.STAMP), key);

    Path target = cache().ensureBuilt();

    assertThat(buildId(target)).isNotEqualTo("half-built");
    assertThat(builds()).isEqualTo(1);
    assertThat(siblingsOfTarget()).containsExactly("fake-built");
  }

  @Test
  void aTargetWithoutAStampIsRebuilt() throws IOException {
    Path target = cacheRoot.resolve("fake-built");
    Files.createDirectories(target.resolve(".next"));
    Files.writeString(target.resolve(".next/BUILD_ID"), "unstamped");

    cache().ensureBuilt();

    assertThat(buildId(target)).isNotEqualTo("unstamped");
    assertThat(builds()).isEqualTo(1);
  }

  @Test
  void twoJvmsBuildOneAtATimeAndShareTheResult() throws Exception {
    FakeProject.configure(source, log, pidFile, 1500, false);

    Process a = startJvm();
    Process b = startJvm();
    String outA = finish(a);
    String outB = finish(b);

    assertThat(a.exitValue()).as(outA).isZero();
    assertThat(b.exitValue()).as(outB).isZero();
    // Without the lock both would build (two "start" lines, overlapping).
    assertThat(Files.readAllLines(log)).hasSize(2).first().asString().startsWith("start");
    assertThat(builds()).isEqualTo(1);
    String id = buildId(cacheRoot.resolve("fake-built"));
    assertThat(outA).contains("BUILD_ID=" + id);
    assertThat(outB).contains("BUILD_ID=" + id);
  }

  private Process startJvm() throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return new ProcessBuilder(
            java.toString(),
            "-cp",
            System.getProperty("java.class.path"),
            FakeProject.class.getName(),
            source.toString(),
            cacheRoot.toString())
        .redirectErrorStream(true)
        .start();
  }

  private static String finish(Process p) throws Exception {
    if (!p.waitFor(2, TimeUnit.MINUTES)) {
      p.destroyForcibly();
    }
    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  /** How many builds have started (each fake build appends one "start" line). */
  private long builds() throws IOException {
    if (!Files.exists(log)) {
      return 0;
    }
    return Files.readAllLines(log).stream().filter(l -> l.startsWith("start")).count();
  }

  private static String buildId(Path target) throws IOException {
    return Files.readString(target.resolve(".next/BUILD_ID"));
  }

  /** Directories in the cache root that belong to this build (final, tmp-*, old-*). */
  private List<String> siblingsOfTarget() throws IOException {
    if (!Files.exists(cacheRoot)) {
      return new ArrayList<>();
    }
    try (Stream<Path> s = Files.list(cacheRoot)) {
      return s.filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("fake-built"))
          .collect(Collectors.toList());
    }
  }

  private static String nodeVersion() throws IOException {
    try {
      Process p = new ProcessBuilder("node", "-v").redirectErrorStream(true).start();
      String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor(30, TimeUnit.SECONDS);
      return v.strip();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }
}
