package dev.slipway.installer.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.format.ShippedDependencies;
import dev.slipway.installer.deps.NodeTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With the real npm, offline: npm ls reads only package.json files. */
class DependenciesCheckTest {
  @TempDir Path tmp;

  private FakeRelease installed() throws Exception {
    return FakeRelease.create(tmp)
        .file("package.json", "{\"name\":\"fake-app\",\"version\":\"1.0.0\",\"dependencies\":{\"left-pad\":\"1.3.0\"},"
            + "\"devDependencies\":{\"is-number\":\"7.0.0\"}}")
        .file("node_modules/left-pad/package.json", "{\"name\":\"left-pad\",\"version\":\"1.3.0\"}");
  }

  private static CheckResult check(FakeRelease release) throws Exception {
    return new DependenciesCheck(NodeTools.defaultNpm(), dev.slipway.installer.user.AppUser.ROOT_ALLOWED).run(release.open());
  }

  @Test
  void everyProductionDependencyInstalledIsOkWithoutDevDependencies() throws Exception {
    CheckResult result = check(installed());

    assertThat(result.verdict()).as(result.detail()).isEqualTo(Verdict.OK);
  }

  @Test
  void shippedDependenciesAreComparedWithTheManifestInsteadOfNpmLs() throws Exception {
    // npm ls would call this tree broken: the package.json requires a package Next's traces left out.
    FakeRelease release = installed().file("server.js", "//")
        .shippedManifest(new ShippedDependencies(ShippedDependencies.STANDALONE, "glibc", List.of()));

    CheckResult result = check(release);

    assertThat(result.verdict()).as(result.detail()).isEqualTo(Verdict.OK);
    assertThat(result.detail()).contains("came with the archive (standalone)", "1 files match the manifest's SHA-256",
        "npm ls is not run");
  }

  @Test
  void aShippedFileChangedOrRemovedSinceTheInstallFails() throws Exception {
    FakeRelease release = installed().file("node_modules/left-pad/index.js", "module.exports = 1;\n")
        .shippedManifest(new ShippedDependencies(ShippedDependencies.STANDALONE, "glibc", List.of()));
    release.file("node_modules/left-pad/index.js", "module.exports = 2;\n");
    Files.delete(release.dir.resolve("node_modules/left-pad/package.json"));

    CheckResult result = check(release);

    assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(result.detail()).contains("no longer matches the manifest: node_modules/left-pad/index.js differs from the"
        + " manifest's SHA-256", "(and 1 more)");
    assertThat(result.evidence()).contains("node_modules/left-pad/package.json is missing");
    assertThat(result.fix()).contains("install the archive again");
  }

  @Test
  void removedDependencyFailsQuotingNpm() throws Exception {
    FakeRelease release = installed();
    Files.delete(release.dir.resolve("node_modules/left-pad/package.json"));
    Files.delete(release.dir.resolve("node_modules/left-pad"));

    CheckResult result = check(release);

    assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(result.detail()).startsWith("npm ls --omit=dev --all: missing: left-pad@1.3.0, required by fake-app@1.0.0");
    assertThat(result.evidence()).contains("missing: left-pad@1.3.0").doesNotContain("ELSPROBLEMS").doesNotContain("complete log");
    assertThat(result.fix()).contains("install the archive again");
  }

  @Test
  void dependencyAtAnotherVersionFails() throws Exception {
    FakeRelease release = installed().file("node_modules/left-pad/package.json", "{\"name\":\"left-pad\",\"version\":\"1.1.0\"}");

    CheckResult result = check(release);

    assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(result.detail()).contains("invalid: left-pad@1.1.0 is outside package.json's range \"1.3.0\"");
    assertThat(result.fix()).contains("install the archive again");
  }

  @Test
  void aPeerRangeThatNpmCiAcceptedOnlyWarnsAndDoesNotAskForAReinstall() throws Exception {
    // legacy-peer-deps: react-dom 19 under a library whose peer range stops at 18 (issue #17).
    FakeRelease release = FakeRelease.create(tmp)
        .file("package.json", "{\"name\":\"shop\",\"version\":\"1.0.0\",\"dependencies\":"
            + "{\"react-dom\":\"19.0.0\",\"old-carousel\":\"2.1.0\"}}")
        .file("node_modules/react-dom/package.json", "{\"name\":\"react-dom\",\"version\":\"19.0.0\"}")
        .file("node_modules/old-carousel/package.json", "{\"name\":\"old-carousel\",\"version\":\"2.1.0\","
            + "\"peerDependencies\":{\"react-dom\":\"^16.8.0 || ^17 || ^18\"}}");

    CheckResult result = check(release);

    assertThat(result.verdict()).as(result.detail()).isEqualTo(Verdict.WARN);
    assertThat(result.detail()).contains("react-dom@19.0.0 does not satisfy \"^16.8.0 || ^17 || ^18\" of old-carousel@2.1.0");
    assertThat(result.fix()).doesNotContain("install the archive again");
  }

  @Test
  void releaseWithoutNodeModulesFails() throws Exception {
    FakeRelease release = FakeRelease.create(tmp).file("package.json", "{\"name\":\"fake-app\",\"version\":\"1.0.0\"}");

    CheckResult result = check(release);

    assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(result.detail()).contains("no node_modules");
  }
}
