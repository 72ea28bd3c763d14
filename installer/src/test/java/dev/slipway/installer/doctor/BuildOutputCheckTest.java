package dev.slipway.installer.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
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
}
