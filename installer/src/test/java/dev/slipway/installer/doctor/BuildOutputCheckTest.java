package dev.slipway.installer.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.format.Manifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildOutputCheckTest {
  @TempDir Path tmp;

  private FakeRelease complete() throws Exception {
    return FakeRelease.create(tmp).build().file("server.js", "//").file("public/robots.txt", "x").manifest(null, "v20.0.0", "server.js");
  }

  @Test
  void completeBuildIsOk() throws Exception {
    CheckResult result = new BuildOutputCheck().run(complete().open());

    assertThat(result.verdict()).as(result.detail()).isEqualTo(Verdict.OK);
    assertThat(result.detail()).contains("build1").contains("all 4 files of the manifest present");
  }

  @Test
  void missingBuildIdFailsWithTheReinstallFix() throws Exception {
    FakeRelease release = complete();
    Files.delete(release.dir.resolve(".next/BUILD_ID"));

    CheckResult result = new BuildOutputCheck().run(release.open());

    assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(result.detail()).contains(".next/BUILD_ID is missing").doesNotContain("of the manifest");
    assertThat(result.fix()).isEqualTo("reinstall the archive (installer install) — never patch a release by hand");
  }

  @Test
  void missingStaticFolderFails() throws Exception {
    FakeRelease release = complete();
    Files.delete(release.dir.resolve(".next/static/chunks/main.js"));
    Files.delete(release.dir.resolve(".next/static/chunks"));
    Files.delete(release.dir.resolve(".next/static"));

    CheckResult result = new BuildOutputCheck().run(release.open());

    assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(result.detail()).contains(".next/static is missing");
  }

  @Test
  void buildIdOtherThanTheInstalledBuildFails() throws Exception {
    FakeRelease release = complete();
    Files.writeString(release.dir.resolve(".next/BUILD_ID"), "rebuilt-by-hand");

    CheckResult result = new BuildOutputCheck().run(release.open());

    assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(result.detail()).contains("rebuilt-by-hand").contains("installed as build build1");
  }

  @Test
  void fileOfTheManifestThatIsGoneFailsNamingIt() throws Exception {
    FakeRelease release = complete();
    Files.delete(release.dir.resolve("public/robots.txt"));

    CheckResult result = new BuildOutputCheck().run(release.open());

    assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(result.detail()).contains("1 file of the manifest is missing: public/robots.txt");
  }

  @Test
  void releaseWithoutManifestIsCheckedForTheBuildOnly() throws Exception {
    FakeRelease release = FakeRelease.create(tmp).build();

    CheckResult result = new BuildOutputCheck().run(release.open());

    assertThat(result.verdict()).isEqualTo(Verdict.OK);
    assertThat(result.detail()).contains("no manifest to compare with");
  }

  private static final Manifest.Link CRON =
      new Manifest.Link(".next/node_modules/node-cron-850d997d12dc4759", "../../node_modules/node-cron");

  private FakeRelease linked() throws Exception {
    return FakeRelease.create(tmp).build().file("server.js", "//")
        .manifest(null, "v20.0.0", new Manifest.Start("iisnode", "server.js", null), List.of(CRON));
  }

  @Test
  void turbopackLinksThatResolveToInstalledPackagesAreOk() throws Exception {
    FakeRelease release = linked();
    Files.createDirectories(release.dir.resolve("node_modules/node-cron"));
    Files.createDirectories(release.dir.resolve(".next/node_modules"));
    Files.createSymbolicLink(release.dir.resolve(CRON.path()), Path.of(CRON.target()));

    CheckResult result = new BuildOutputCheck().run(release.open());

    assertThat(result.verdict()).as(result.detail()).isEqualTo(Verdict.OK);
    assertThat(result.detail()).endsWith("its link resolves to an installed package");
  }

  @Test
  void aMissingOrDanglingTurbopackLinkFails() throws Exception {
    FakeRelease release = linked();

    CheckResult missing = new BuildOutputCheck().run(release.open());

    assertThat(missing.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(missing.detail()).contains("link .next/node_modules/node-cron-850d997d12dc4759 -> ../../node_modules/node-cron:"
        + " the link is missing");

    Files.createDirectories(release.dir.resolve(".next/node_modules"));
    Files.createSymbolicLink(release.dir.resolve(CRON.path()), Path.of(CRON.target()));

    CheckResult dangling = new BuildOutputCheck().run(release.open());

    assertThat(dangling.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(dangling.detail()).contains("node_modules/node-cron does not exist: package node-cron is not installed");
  }
}
