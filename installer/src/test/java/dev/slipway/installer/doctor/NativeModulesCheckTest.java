package dev.slipway.installer.doctor;

import dev.slipway.installer.user.AppUser;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.installer.diagnosis.Classifier;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeModulesCheckTest {
  @TempDir Path tmp;

  private CheckResult check(FakeRelease release) throws Exception {
    return new NativeModulesCheck("node", new Classifier(), AppUser.ROOT_ALLOWED).run(release.open());
  }

  @Test
  void releaseWithoutNativeModulesIsOk() throws Exception {
    FakeRelease release = FakeRelease.create(tmp).file("node_modules/left-pad/index.js", "module.exports = 1;");

    CheckResult result = check(release);

    assertThat(result.verdict()).isEqualTo(Verdict.OK);
    assertThat(result.detail()).isEqualTo("no native modules (*.node) in node_modules");
  }

  @Test
  void addonThatDoesNotLoadFailsWithTheClassifiersNativeModuleFix() throws Exception {
    FakeRelease release = FakeRelease.create(tmp)
        .file("node_modules/fake-addon/build/Release/fake.node", "this is not a shared library");

    CheckResult result = check(release);

    assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(result.detail()).startsWith("1 of 1 native module fail to load under Node.js v")
        .contains("fake-addon/build/Release/fake.node (exit 1)")
        .contains("NATIVE_MODULE_ABI");
    assertThat(result.fix()).contains("npm rebuild");
    assertThat(result.evidence()).contains("fake.node");
  }

  @Test
  void addonsBuiltForOtherPlatformsAreSkippedNotLoaded() throws Exception {
    FakeRelease release = FakeRelease.create(tmp)
        .file("node_modules/ws-addon/prebuilds/win32-x64/node.napi.node", "MZ not for linux")
        .file("node_modules/ws-addon/prebuilds/darwin-arm64/node.napi.node", "not for linux either");

    CheckResult result = check(release);

    assertThat(result.verdict()).as(result.detail()).isEqualTo(Verdict.OK);
    assertThat(result.detail()).contains("skipped 2 built for another platform");
  }

  @Test
  void pathsNamingAnotherPlatformCpuOrCLibraryAreForAnotherHost() {
    assertThat(NativeModulesCheck.builtForAnotherHost(Path.of("@next/swc-linux-x64-gnu/next-swc.linux-x64-gnu.node"), "linux", "x64", false)).isFalse();
    assertThat(NativeModulesCheck.builtForAnotherHost(Path.of("@next/swc-linux-x64-musl/next-swc.linux-x64-musl.node"), "linux", "x64", false)).isTrue();
    assertThat(NativeModulesCheck.builtForAnotherHost(Path.of("@next/swc-linux-x64-musl/next-swc.linux-x64-musl.node"), "linux", "x64", true)).isFalse();
    assertThat(NativeModulesCheck.builtForAnotherHost(Path.of("@img/sharp-linux-arm64/lib/sharp-linux-arm64.node"), "linux", "x64", false)).isTrue();
    assertThat(NativeModulesCheck.builtForAnotherHost(Path.of("x/prebuilds/darwin-x64+arm64/x.node"), "darwin", "arm64", false)).isFalse();
    assertThat(NativeModulesCheck.builtForAnotherHost(Path.of("bcrypt/lib/binding/napi-v3/bcrypt_lib.node"), "linux", "x64", false)).isFalse();
    assertThat(NativeModulesCheck.builtForAnotherHost(Path.of("x/bin/win32-x64-msvc/x.node"), "win32", "x64", false)).isFalse();
  }

  @Test
  void packagesAreNamedByTheirNearestNodeModulesFolder() {
    Path modules = Path.of("/r/node_modules");
    assertThat(NativeModulesCheck.packagesOf(modules, java.util.List.of(
        modules.resolve("@img/sharp-linux-x64/lib/a.node"),
        modules.resolve("a/node_modules/b/build/b.node"))))
        .containsExactly("@img/sharp-linux-x64", "b");
  }
}
