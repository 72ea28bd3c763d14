package dev.slipway.packager;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.format.FailureKind;
import dev.slipway.format.SlipwayException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The project's .npmrc is shipped unless it holds a literal credential (issue #16, item 4). */
class ProjectNpmrcTest extends SyntheticProjectTestBase {
  @Test
  void shipsTheProjectsNpmrcSoNpmCiOnTheServerUsesItsSettings() throws IOException {
    SyntheticProject.write(project, ".npmrc", "legacy-peer-deps=true\n");

    assertThat(ArchiveListing.files(packing.pack().archive())).contains(".npmrc");
  }

  @Test
  void refusesALiteralTokenNamingTheKeyButNeverTheValue() throws IOException {
    SyntheticProject.write(project, ".npmrc", "legacy-peer-deps=true\n//registry.npmjs.org/:_authToken=npm_s3cr3tvalue\n");

    SlipwayException e = packing.refused(FailureKind.SECRET_FILE, "NPMRC_CREDENTIAL");

    assertThat(e.evidence()).isEqualTo("key: //registry.npmjs.org/:_authToken");
    assertThat(e.fix()).contains("//registry.npmjs.org/:_authToken=${NPM_TOKEN}", "env file");
    assertThat(e.getMessage() + e.evidence() + e.fix()).doesNotContain("npm_s3cr3tvalue");
  }

  @Test
  void allowSecretFileDoesNotLetALiteralTokenThrough() throws IOException {
    SyntheticProject.write(project, ".npmrc", "_auth=dXNlcjpwYXNz\n");

    packing.refused(packing.request().withIncludes(List.of(), Set.of(".npmrc")), FailureKind.SECRET_FILE, "NPMRC_CREDENTIAL");
  }

  @Test
  void aReferencedTokenBecomesARequiredNameForTheInstall() throws IOException {
    SyntheticProject.write(project, ".npmrc", "//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n");

    PackageResult result = packing.pack();

    assertThat(result.envManifest().required()).contains("NPM_TOKEN");
    assertThat(ArchiveListing.files(result.archive())).contains(".npmrc");
  }

  @Test
  void anNpmrcElsewhereInTheProjectIsStillRefusedAsASecret() throws IOException {
    SyntheticProject.write(project, "public/.npmrc", "legacy-peer-deps=true\n");

    packing.refused(FailureKind.SECRET_FILE, "SECRET_FILE");
  }
}
