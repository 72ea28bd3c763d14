package dev.slipway.packager;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.format.FailureKind;
import dev.slipway.format.Manifest;
import dev.slipway.format.ShippedDependencies;
import dev.slipway.format.SlipwayException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code --bundle-deps} (issue #18) with a stand-in for npm that installs a tiny tree: what it
 * installs in its staging folder ships as {@code node_modules/} (no .bin links, never the
 * project's own node_modules), the manifest says so, and a failing {@code npm ci} is refused with
 * its output. The real npm is in {@code BundleDepsIT}.
 */
class BundledDependenciesTest extends SyntheticProjectTestBase {
  private Path npm;
  private Path calls;

  @BeforeEach
  void fakeNpm() throws IOException {
    calls = tmp.resolve("npm-calls.txt");
    npm = tmp.resolve("fake-npm");
    Files.writeString(npm, """
        #!/bin/sh
        if [ "$1" = "--version" ]; then echo 11.0.0; exit 0; fi
        echo "$PWD $*" >> %s
        ls -A >> %s
        if [ -n "${FAKE_NPM_FAIL:-}" ] || [ -f fail ]; then echo "npm error code E404" >&2; exit 1; fi
        mkdir -p node_modules/next/dist node_modules/.bin node_modules/@img/sharp-linux-x64/lib
        echo 'module.exports = 1' > node_modules/next/dist/index.js
        echo '{"name":"next"}' > node_modules/next/package.json
        printf 'ELF' > node_modules/@img/sharp-linux-x64/lib/sharp.node
        ln -s ../next/dist/index.js node_modules/.bin/next
        """.formatted(calls, calls));
    Files.setPosixFilePermissions(npm, PosixFilePermissions.fromString("rwxr-xr-x"));
    SyntheticProject.write(project, ".npmrc", "legacy-peer-deps=true\n");
  }

  @Test
  void npmCiOmitDevRunsInAStagingFolderAndItsTreeShipsWithoutBinLinks() throws IOException {
    PackageResult result = packing.pack(request());

    List<String> files = ArchiveListing.files(result.archive());
    assertThat(files).contains("node_modules/next/dist/index.js", "node_modules/next/package.json",
        "node_modules/@img/sharp-linux-x64/lib/sharp.node", ".next/BUILD_ID", "next.config.mjs", "public/robots.txt");
    assertThat(files).as("links, the .npmrc no npm ci reads")
        .noneMatch(f -> f.startsWith("node_modules/.bin") || f.equals(".npmrc"));
    assertThat(ArchiveListing.fileBytes(result.archive(), "node_modules/next/package.json"))
        .as("npm ci's file, not the project's own node_modules/next/package.json").isEqualTo("{\"name\":\"next\"}\n".length());
    String call = Files.readString(calls);
    assertThat(call).contains("ci --omit=dev").contains(".npmrc", "package.json", "package-lock.json")
        .doesNotContain("public", ".next");
    Path staging = Path.of(call.substring(0, call.indexOf(' ')));
    assertThat(staging).as("the staging folder is removed").doesNotExist();
  }

  @Test
  void theManifestSaysBundledAndNamesTheAddons() throws IOException {
    Manifest.Header manifest = packing.pack(request()).manifest();

    assertThat(manifest.formatVersion()).isEqualTo(Manifest.DEPENDENCIES_FORMAT_VERSION);
    assertThat(manifest.dependencies().source()).isEqualTo(ShippedDependencies.BUNDLED);
    assertThat(manifest.dependencies().nativeAddons()).containsExactly("node_modules/@img/sharp-linux-x64/lib/sharp.node");
  }

  @Test
  void aFailingNpmCiIsRefusedWithItsOutputAndNoArchive() throws IOException {
    Files.writeString(npm, Files.readString(npm).replace("[ -f fail ]", "true"));

    SlipwayException e = packing.refused(request(), FailureKind.BUILD_FAILED, "BUNDLE_DEPS_FAILED");

    assertThat(e.getMessage()).contains("--bundle-deps", "npm", "ci --omit=dev");
    assertThat(e.evidence()).contains("npm error code E404");
  }

  @Test
  void withoutTheFlagNothingIsInstalledAndNoDependenciesAreShipped() throws IOException {
    PackageResult result = packing.pack(request().withBundleDeps(false));

    assertThat(calls).doesNotExist();
    assertThat(result.manifest().dependencies()).isNull();
    assertThat(ArchiveListing.files(result.archive())).contains(".npmrc").noneMatch(f -> f.startsWith("node_modules/"));
  }

  private PackageRequest request() {
    PackageRequest defaults = packing.request();
    return new PackageRequest(defaults.projectDir(), defaults.outDir(), defaults.webConfig(), List.of(), java.util.Set.of(),
        List.of(), List.of(), false, defaults.sourceDateEpoch(), "node", npm.toString(), true);
  }
}
