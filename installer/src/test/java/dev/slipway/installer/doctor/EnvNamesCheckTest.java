package dev.slipway.installer.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.installer.env.ReleaseEnvironment;
import dev.slipway.installer.layout.ReleaseRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvNamesCheckTest {
  @TempDir Path tmp;

  private CheckResult check(FakeRelease release, Map<String, String> environment) throws Exception {
    return new EnvNamesCheck(environment, ReleaseEnvironment.source(ReleaseRoot.open(release.root, false), Optional.empty()))
        .run(release.open());
  }

  @Test
  void requiredNameSetNowhereFailsListingEveryMissingName() throws Exception {
    FakeRelease release = FakeRelease.create(tmp).envManifest(List.of("API_KEY", "GREETING", "DB_URL"), List.of(), List.of())
        .file(".env.production", "DB_URL=postgres://x\nGREETING=\n");
    Files.writeString(release.root.resolve("shared/.env.production"), "DB_URL=postgres://x\nGREETING=\n");

    CheckResult result = check(release, Map.of());

    assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(result.detail()).contains("required API_KEY, GREETING are not set").doesNotContain("DB_URL");
    assertThat(result.fix()).contains("add API_KEY, GREETING to " + release.root.resolve("shared/.env.production"))
        .contains("install the archive again");
  }

  @Test
  void nameSetInTheEnvironmentOrTheReleasesEnvFileCounts() throws Exception {
    FakeRelease release = FakeRelease.create(tmp).envManifest(List.of("A", "B"), List.of(), List.of())
        .file(".env.production", "B=from-release\n");
    Files.writeString(release.root.resolve("shared/.env.production"), "B=from-shared\n");

    CheckResult result = check(release, Map.of("A", "from-env"));

    assertThat(result.verdict()).as(result.detail()).isEqualTo(Verdict.OK);
    assertThat(result.detail()).isEqualTo("2 required and 0 optional names set (A, B)");
  }

  @Test
  void nameOnlyInTheSharedFileWarnsThatTheRunningAppDoesNotSeeIt() throws Exception {
    FakeRelease release = FakeRelease.create(tmp).envManifest(List.of("GREETING"), List.of(), List.of())
        .file(".env.production", "OTHER=1\n");
    Files.writeString(release.root.resolve("shared/.env.production"), "GREETING=rotated\n");

    CheckResult result = check(release, Map.of());

    assertThat(result.verdict()).isEqualTo(Verdict.WARN);
    assertThat(result.detail()).contains("GREETING is set in").contains("but not in the release's .env.production");
  }

  @Test
  void requiredNameOnlyInTheReleasesOwnCopyWarnsThatTheNextInstallWouldBeRefused() throws Exception {
    FakeRelease release = FakeRelease.create(tmp).envManifest(List.of("GREETING"), List.of(), List.of())
        .file(".env.production", "GREETING=kept-from-install\n");
    Path shared = release.root.resolve("shared/.env.production");

    CheckResult result = check(release, Map.of());

    assertThat(result.verdict()).as(result.detail()).isEqualTo(Verdict.WARN);
    assertThat(result.detail()).contains("GREETING is set only in the release's .env.production")
        .contains("the next install reads " + shared + ", which does not exist").contains("ENV_MISSING");
    assertThat(result.fix()).isEqualTo("add GREETING=... to " + shared + " (mode 0600), or pass --env-file FILE to the next install");
  }

  @Test
  void missingOptionalNameWarns() throws Exception {
    FakeRelease release = FakeRelease.create(tmp).envManifest(List.of(), List.of("SENTRY_DSN"), List.of());

    CheckResult result = check(release, Map.of());

    assertThat(result.verdict()).isEqualTo(Verdict.WARN);
    assertThat(result.detail()).startsWith("optional SENTRY_DSN is not set");
  }

  @Test
  void namesTheCodeReadsWithoutDeclaringThemAreNotJudgedAsInstallDoesNot() throws Exception {
    FakeRelease release = FakeRelease.create(tmp).envManifest(List.of(), List.of(), List.of("APP_VERSION"));

    CheckResult result = check(release, Map.of());

    assertThat(result.verdict()).isEqualTo(Verdict.OK);
    assertThat(result.detail()).isEqualTo("the release declares no environment variables");
  }

  @Test
  void valuesAreNeverPrinted() throws Exception {
    FakeRelease release = FakeRelease.create(tmp).envManifest(List.of("SECRET", "MISSING"), List.of("OPT"), List.of())
        .file(".env.production", "SECRET=hunter2-in-release\n");
    Files.writeString(release.root.resolve("shared/.env.production"), "OPT=hunter2-in-shared\n");

    CheckResult result = check(release, Map.of("OPT", "hunter2-in-env"));

    assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(String.join(" ", result.detail(), String.valueOf(result.fix()), String.valueOf(result.evidence())))
        .doesNotContain("hunter2");
  }

  @Test
  void releaseWithoutEnvManifestWarns() throws Exception {
    CheckResult result = check(FakeRelease.create(tmp), Map.of());

    assertThat(result.verdict()).isEqualTo(Verdict.WARN);
    assertThat(result.detail()).contains("no readable env manifest");
  }
}
