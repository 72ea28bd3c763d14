package dev.slipway.packager;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.format.FailureKind;
import dev.slipway.format.SlipwayException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** package.json without name or version is packaged, never refused (issue #16, item 5). */
class AppIdentityTest {
  @TempDir Path tmp;

  private Path project(String folder) throws IOException {
    Path project = SyntheticProject.create(tmp.resolve(folder));
    SyntheticProject.write(project, "package.json", Files.readString(project.resolve("package.json"))
        .replace("\"name\": \"shop\",", "").replace("\"version\": \"2.0.0\",", ""));
    return project;
  }

  @Test
  void fallsBackToTheFolderNameAndZeroVersionPlusBuildIdWithWarnings() throws IOException {
    Packing packing = new Packing(project("My Shop_App"), tmp.resolve("out"));

    PackageResult result = packing.pack();

    assertThat(result.manifest().app().name()).isEqualTo("my-shop_app");
    assertThat(result.manifest().app().version()).isEqualTo("0.0.0+abc123");
    assertThat(result.archive().getFileName()).hasToString("my-shop_app-0.0.0_abc123-abc123.tar.gz");
    assertThat(packing.warnings)
        .anySatisfy(w -> assertThat(w).contains("no \"name\"", "\"my-shop_app\"", "set \"name\" in package.json"))
        .anySatisfy(w -> assertThat(w).contains("no \"version\"", "0.0.0+abc123", "set \"version\" in package.json"));
  }

  @Test
  void versionsFromGitDescribeInAGitWorkTree() throws Exception {
    Path project = project("blog");
    commitPackageJson(project);
    git(project, "-c", "user.name=t", "-c", "user.email=t@example.com", "tag", "-a", "v1.4.0", "-m", "v1.4.0");
    Packing packing = new Packing(project, tmp.resolve("out"));

    PackageResult result = packing.pack();

    assertThat(result.manifest().app().version()).isEqualTo("v1.4.0");
    assertThat(packing.warnings).anySatisfy(w -> assertThat(w).contains("versioned v1.4.0", "git describe"));
  }

  @Test
  void aDirtyWorkTreeSaysSo() throws Exception {
    Path project = project("blog");
    commitPackageJson(project);
    Files.writeString(project.resolve("package.json"), "\n", java.nio.file.StandardOpenOption.APPEND);

    String version = new Packing(project, tmp.resolve("out")).pack().manifest().app().version();

    assertThat(version).matches("[0-9a-f]{7,}-dirty");
  }

  @Test
  void aGitRepositoryWithoutCommitsFallsBackToTheBuildId() throws Exception {
    Path project = project("blog");
    git(project, "init", "-q");

    assertThat(new Packing(project, tmp.resolve("out")).pack().manifest().app().version()).isEqualTo("0.0.0+abc123");
  }

  @Test
  void aTagWithASlashIsMadeAVersionTheManifestAccepts() throws Exception {
    Path project = project("blog");
    commitPackageJson(project);
    git(project, "-c", "user.name=t", "-c", "user.email=t@example.com", "tag", "-a", "release/1.4", "-m", "r");

    assertThat(new Packing(project, tmp.resolve("out")).pack().manifest().app().version()).isEqualTo("release-1.4");
  }

  @Test
  void aNameOrVersionHoldingEscapeSequencesIsRefusedWithoutEchoingThem() throws IOException {
    // Issue #20: every command prints these; the manifest refuses them, so the packager says why first.
    Path project = SyntheticProject.create(tmp.resolve("evil"));
    SyntheticProject.write(project, "package.json", Files.readString(project.resolve("package.json"))
        .replace("\"name\": \"shop\"", "\"name\": \"shop\\u001b]0;pwned\\u0007\""));
    SlipwayException refused = new Packing(project, tmp.resolve("out")).refused(FailureKind.PROJECT, "BAD_PACKAGE_JSON");
    assertThat(refused.getMessage()).contains("\"name\"", "shop\\x1b]0;pwned\\x07").doesNotContain("\u001b");

    SyntheticProject.write(project, "package.json", Files.readString(project.resolve("package.json"))
        .replace("\"name\": \"shop\\u001b]0;pwned\\u0007\"", "\"name\": \"shop\"")
        .replace("\"version\": \"2.0.0\"", "\"version\": \"2.0.0\\nok: forged line\""));
    refused = new Packing(project, tmp.resolve("out")).refused(FailureKind.PROJECT, "BAD_PACKAGE_JSON");
    assertThat(refused.getMessage()).contains("\"version\"", "2.0.0\\x0aok: forged line");
  }

  @Test
  void aBuildIdOutsideTheSafeSetIsRefused() throws IOException {
    Path project = SyntheticProject.create(tmp.resolve("shop"));
    SyntheticProject.write(project, ".next/BUILD_ID", "abc\u001b[2J123");
    SlipwayException refused = new Packing(project, tmp.resolve("out")).refused(FailureKind.BUILD_MISSING, "BAD_BUILD_ID");
    assertThat(refused.getMessage()).contains("abc\\x1b[2J123");
    assertThat(refused.fix()).contains("generateBuildId");
  }

  @Test
  void npmNameOfAFolderIsLowerCaseAndSafe() {
    assertThat(AppIdentity.npmName(Path.of("/x/.Hidden Folder!"))).isEqualTo("hidden-folder");
    assertThat(AppIdentity.npmName(Path.of("/x/___"))).isEqualTo("app");
    assertThat(AppIdentity.npmName(Path.of("/x/next-app.v2"))).isEqualTo("next-app.v2");
  }

  private static void commitPackageJson(Path project) throws Exception {
    git(project, "init", "-q");
    git(project, "add", "package.json");
    git(project, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "init");
  }

  private static void git(Path dir, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("git"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
  }
}
