package dev.slipway.installer.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.slipway.format.FailureKind;
import dev.slipway.format.Manifest;
import dev.slipway.format.ShippedDependencies;
import dev.slipway.format.SlipwayException;
import dev.slipway.installer.preflight.NodeRuntime;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Issue #18, item 3: a shipped node_modules runs only on the build's OS, CPU, C library and (with addons) Node ABI. */
class PlatformCheckTest {
  private static final NodeRuntime LINUX_X64_GLIBC = new NodeRuntime("20.20.2", 20, "115", "linux", "x64", "glibc");
  private static final String SHARP = "node_modules/@img/sharp-linux-x64/lib/sharp-linux-x64.node";

  @Test
  void aReleaseBuiltOnThisPlatformPasses() {
    assertThatCode(() -> PlatformCheck.check(header("linux", "x64", "115", shipped("glibc", SHARP)), LINUX_X64_GLIBC, "x"))
        .doesNotThrowAnyException();
  }

  @Test
  void aReleaseThatNpmCiInstallsIsNeverRefusedHere() {
    assertThatCode(() -> PlatformCheck.check(header("darwin", "arm64", "131", null), LINUX_X64_GLIBC, "x"))
        .doesNotThrowAnyException();
  }

  @Test
  void anotherNodeAbiMattersOnlyWithNativeAddons() {
    assertThatCode(() -> PlatformCheck.check(header("linux", "x64", "127", shipped("glibc")), LINUX_X64_GLIBC, "x"))
        .doesNotThrowAnyException();

    SlipwayException refused = refuse(header("linux", "x64", "127", shipped("glibc", SHARP)), LINUX_X64_GLIBC);

    assertThat(refused.kind()).isEqualTo(FailureKind.NODE_PREFLIGHT);
    assertThat(refused.causeCode()).isEqualTo("PLATFORM_MISMATCH");
    assertThat(refused.getMessage()).contains("Node ABI 127 (build) vs 115 (this host)").doesNotContain("CPU");
    assertThat(refused.evidence()).contains("native addons (1):\n  " + SHARP);
  }

  @Test
  void aMuslBuildIsRefusedOnGlibcEvenWithoutAddons() {
    SlipwayException refused = refuse(header("linux", "x64", "115", shipped("musl")), LINUX_X64_GLIBC);

    assertThat(refused.getMessage()).startsWith("this host does not match the platform the release's standalone node_modules"
        + " was built for: C library musl (build) vs glibc (this host); nothing was unpacked");
    assertThat(refused.evidence()).contains("built on: linux-x64-musl", "this host: linux-x64-glibc", "native addons: none");
    assertThat(refused.fix()).isEqualTo("build on the target's platform (linux-x64-glibc, Node ABI 115), or package without"
        + " standalone/--bundle-deps so that npm ci installs the dependencies on this host");
  }

  @Test
  void everyDifferenceIsNamedOnTheFirstLine() {
    NodeRuntime alpineArm = new NodeRuntime("22.3.0", 22, "127", "linux", "arm64", "musl");

    SlipwayException refused = refuse(header("linux", "x64", "115", shipped("glibc", SHARP)), alpineArm);

    assertThat(refused.getMessage().lines().findFirst().orElseThrow()).contains("CPU x64 (build) vs arm64 (this host)",
        "C library glibc (build) vs musl (this host)", "Node ABI 115 (build) vs 127 (this host)").doesNotContain("OS ");
  }

  @Test
  void aHostWhoseCLibraryIsUnknownIsRefused() {
    NodeRuntime unknown = new NodeRuntime("20.20.2", 20, "115", "linux", "x64", NodeRuntime.UNKNOWN_LIBC);

    assertThat(refuse(header("linux", "x64", "115", shipped("glibc")), unknown).getMessage())
        .contains("C library glibc (build) vs unknown (this host)");
  }

  @Test
  void manyAddonsAreCountedNotAllListed() {
    String[] addons = IntStream.range(0, 14).mapToObj(i -> "node_modules/a" + (char) ('a' + i) + "/x.node").toArray(String[]::new);

    SlipwayException refused = refuse(header("win32", "x64", "115", shipped("none", addons)), LINUX_X64_GLIBC);

    assertThat(refused.getMessage()).contains("OS win32 (build) vs linux (this host)", "C library none (build) vs glibc");
    assertThat(refused.evidence()).contains("native addons (14):", "node_modules/aj/x.node", "(and 4 more)")
        .doesNotContain("node_modules/ak/x.node");
  }

  @Test
  void hostileTextFromTheManifestIsEscaped() {
    SlipwayException refused = refuse(header("linux\u001b[2J", "x64", "115", shipped("glibc")), LINUX_X64_GLIBC);

    assertThat(refused.getMessage()).doesNotContain("\u001b");
  }

  private static SlipwayException refuse(Manifest.Header header, NodeRuntime host) {
    return catchThrowableOfType(() -> PlatformCheck.check(header, host, "nothing was unpacked"), SlipwayException.class);
  }

  private static ShippedDependencies shipped(String libc, String... addons) {
    return new ShippedDependencies(ShippedDependencies.STANDALONE, libc, List.of(addons));
  }

  private static Manifest.Header header(String os, String arch, String abi, ShippedDependencies dependencies) {
    return new Manifest.Header(Manifest.formatVersionFor(dependencies, List.of()), new Manifest.App("app", "1.0.0"), "b1", null,
        new Manifest.BuiltWith("v20.11.1", "10.2.4", "16.0.0", os, arch, abi), null, new Manifest.Start("none", "server.js", null),
        new Manifest.Lockfile("package-lock.json", "0".repeat(64)), dependencies, List.of());
  }
}
