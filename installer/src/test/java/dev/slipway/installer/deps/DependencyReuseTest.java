package dev.slipway.installer.deps;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When may a new release reuse the live release's node_modules (issue #7)? Only when nothing npm ci would produce can differ. */
class DependencyReuseTest {
  private static final String LOCK = "a".repeat(64);
  private static final String DEPS = "b".repeat(64);

  @TempDir Path tmp;
  Path previous;

  @BeforeEach
  void previousRelease() throws IOException {
    previous = Files.createDirectories(tmp.resolve("releases/20260101T000000Z-old"));
    Files.createDirectories(previous.resolve("node_modules/next"));
    info(LOCK, DEPS, "115", "linux", "x64", false).write(previous);
  }

  private static InstallInfo info(String lock, String deps, String abi, String platform, String arch, boolean scripts) {
    return new InstallInfo(lock, deps, "v20.20.2", abi, platform, arch, scripts, "npm ci");
  }

  private DependencyReuse.Decision decide(InstallInfo wanted) {
    return DependencyReuse.decide(wanted, Optional.of("20260101T000000Z-old"), previous);
  }

  @Test
  void reusesWhenLockfileDependenciesAbiAndPlatformMatch() {
    assertThat(decide(info(LOCK, DEPS, "115", "linux", "x64", false)).source()).contains(previous);
  }

  @Test
  void doesNotReuseATreeThatCameWithItsArchive() throws IOException {
    InstallInfo had = info(LOCK, DEPS, "115", "linux", "x64", false);
    new InstallInfo(had.lockfileSha256(), had.dependenciesSha256(), had.nodeVersion(), had.nodeAbi(), had.platform(),
        had.arch(), false, "shipped (standalone)").write(previous);

    DependencyReuse.Decision decision = decide(info(LOCK, DEPS, "115", "linux", "x64", false));

    assertThat(decision.source()).as("a standalone tree holds only traced files").isEmpty();
    assertThat(decision.reason()).contains("node_modules came with its archive");
  }

  @Test
  void doesNotReuseWhenTheLockfileDiffers() {
    DependencyReuse.Decision decision = decide(info("c".repeat(64), DEPS, "115", "linux", "x64", false));
    assertThat(decision.source()).isEmpty();
    assertThat(decision.reason()).contains("lockfile changed");
  }

  @Test
  void doesNotReuseWhenPackageJsonDependenciesDiffer() {
    assertThat(decide(info(LOCK, "d".repeat(64), "115", "linux", "x64", false)).source()).isEmpty();
  }

  @Test
  void doesNotReuseAcrossNodeAbis() {
    DependencyReuse.Decision decision = decide(info(LOCK, DEPS, "127", "linux", "x64", false));
    assertThat(decision.source()).isEmpty();
    assertThat(decision.reason()).contains("ABI 127");
  }

  @Test
  void doesNotReuseAcrossPlatformsOrArchitectures() {
    assertThat(decide(info(LOCK, DEPS, "115", "win32", "x64", false)).source()).isEmpty();
    assertThat(decide(info(LOCK, DEPS, "115", "linux", "arm64", false)).source()).isEmpty();
  }

  @Test
  void doesNotReuseWhenPackagesHaveInstallScripts() {
    assertThat(decide(info(LOCK, DEPS, "115", "linux", "x64", true)).source()).isEmpty();
  }

  @Test
  void doesNotReuseWithoutAnInstallRecordOrWithoutALiveRelease() throws IOException {
    Files.delete(previous.resolve(InstallInfo.FILE));
    assertThat(decide(info(LOCK, DEPS, "115", "linux", "x64", false)).source()).isEmpty();
    assertThat(DependencyReuse.decide(info(LOCK, DEPS, "115", "linux", "x64", false), Optional.empty(), previous).source()).isEmpty();
  }

  @Test
  void productionPackagesWithInstallScriptsAreDetectedInTheLockfile() throws IOException {
    Path lock = Files.writeString(tmp.resolve("package-lock.json"), """
        {"lockfileVersion":3,"packages":{"":{},"node_modules/sharp":{"version":"0.33.0","hasInstallScript":true},
         "node_modules/husky":{"version":"9.0.0","dev":true,"hasInstallScript":true}}}
        """);
    Path devOnly = Files.writeString(tmp.resolve("dev-only.json"), """
        {"lockfileVersion":3,"packages":{"":{},"node_modules/husky":{"version":"9.0.0","dev":true,"hasInstallScript":true}}}
        """);
    assertThat(DependencyReuse.hasInstallScripts(lock)).isTrue();
    assertThat(DependencyReuse.hasInstallScripts(devOnly)).isFalse();
  }

  @Test
  void aLockfileWithoutPackagesOrNotJsonCountsAsHavingInstallScripts() throws IOException {
    assertThat(DependencyReuse.hasInstallScripts(Files.writeString(tmp.resolve("v1.json"), "{\"lockfileVersion\":1,\"dependencies\":{}}")))
        .isTrue();
    assertThat(DependencyReuse.hasInstallScripts(Files.writeString(tmp.resolve("broken.json"), "{\"packages\":{\"\":"))).isTrue();
  }

  /**
   * Issue #20: a lockfile of 1.5M keys (a crafted archive's) was read into a tree, which ran the
   * installer's heap out. Checked in a JVM with a 32 MiB heap, an eighth of bin/installer's.
   */
  @Test
  void aLockfileOfOnePointFiveMillionKeysIsReadInBoundedMemory() throws Exception {
    Path lock = tmp.resolve("huge-lock.json");
    try (java.io.Writer out = Files.newBufferedWriter(lock)) {
      out.write("{\"lockfileVersion\":3,\"packages\":{\"\":{}");
      for (int i = 0; i < 1_500_000; i++) {
        out.write(",\"node_modules/p" + i + "\":{\"version\":\"1.0.0\"}");
      }
      out.write(",\"node_modules/sharp\":{\"hasInstallScript\":true}}}");
    }
    Process probe = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx32m",
        "-cp", System.getProperty("java.class.path"), Probe.class.getName(), lock.toString())
        .redirectErrorStream(true).start();
    String output = new String(probe.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);

    assertThat(probe.waitFor()).as(output).isZero();
    assertThat(output.strip()).isEqualTo("true");
  }

  /** Runs {@link DependencyReuse#hasInstallScripts} on the file named, in a JVM of its own. */
  static final class Probe {
    public static void main(String[] args) throws IOException {
      System.out.println(DependencyReuse.hasInstallScripts(Path.of(args[0])));
    }
  }

  @Test
  void linkTreeHardLinksFilesAndKeepsSymlinks() throws IOException {
    Path from = Files.createDirectories(tmp.resolve("from/node_modules/pkg"));
    Files.writeString(from.resolve("index.js"), "module.exports = 1");
    Files.createDirectories(tmp.resolve("from/node_modules/.bin"));
    Files.createSymbolicLink(tmp.resolve("from/node_modules/.bin/pkg"), Path.of("../pkg/index.js"));

    long files = DependencyReuse.linkTree(tmp.resolve("from/node_modules"), tmp.resolve("to/node_modules"));

    assertThat(files).isEqualTo(2);
    assertThat(Files.isSameFile(from.resolve("index.js"), tmp.resolve("to/node_modules/pkg/index.js"))).isTrue();
    assertThat(Files.readSymbolicLink(tmp.resolve("to/node_modules/.bin/pkg"))).isEqualTo(Path.of("../pkg/index.js"));
  }
}
