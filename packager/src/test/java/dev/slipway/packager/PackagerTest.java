package dev.slipway.packager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.format.FailureKind;
import dev.slipway.format.Reporter;
import dev.slipway.format.SlipwayException;
import dev.slipway.templates.WebConfigKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackagerTest {
  @TempDir Path tmp;
  Path project;
  Packing packing;
  List<String> warnings;

  @BeforeEach
  void createProject() throws IOException {
    project = SyntheticProject.create(tmp.resolve("shop"));
    packing = new Packing(project, tmp.resolve("out"));
    warnings = packing.warnings;
  }

  private PackageResult pack(PackageRequest request) throws IOException {
    return packing.pack(request);
  }

  private PackageRequest request() {
    return packing.request();
  }

  private void assertRefused(PackageRequest request, FailureKind kind, String cause) {
    packing.refused(request, kind, cause);
  }

  @Test
  void packagesExactlyTheProductionFilesPlusGeneratedOnes() throws IOException {
    PackageResult result = pack(request());

    assertThat(result.archive().getFileName()).hasToString("shop-2.0.0-abc123.tar.gz");
    assertThat(ArchiveListing.files(result.archive()))
        .containsExactly(
            ".deploy/manifest.json",
            ".deploy/env.json",
            ".next/BUILD_ID",
            ".next/package.json",
            ".next/required-server-files.json",
            ".next/server/app/page.js",
            ".next/static/chunks/main.js",
            "next.config.mjs",
            "package-lock.json",
            "package.json",
            "public/robots.txt",
            "server.js",
            "web.config");
    assertThat(result.manifest().start().entry()).isEqualTo("server.js");
    assertThat(result.manifest().buildId()).isEqualTo("abc123");
    assertThat(result.manifest().builtWith().next()).isEqualTo("15.5.29");
    assertThat(result.manifest().enginesNode()).isEqualTo(">=20");
    assertThat(result.manifest().builtWith().node()).startsWith("v");
  }

  @Test
  void envManifestDeclaresExampleKeysAndWarnsAboutUndeclaredServerReads() throws IOException {
    PackageResult result = pack(request().withEnv(List.of("API_KEY"), List.of("SENTRY_DSN")));

    assertThat(result.envManifest().required()).containsExactly("API_KEY", "GREETING");
    assertThat(result.envManifest().optional()).containsExactly("SENTRY_DSN");
    assertThat(result.envManifest().referencedUndeclared()).containsExactly("DATABASE_URL");
    assertThat(warnings).singleElement().asString().contains("DATABASE_URL").contains("--require-env DATABASE_URL");
    try (var in = new org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream(
        Files.newInputStream(result.archive()), true)) {
      assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("secret-value");
    }
  }

  @Test
  void anOptionalEnvFlagOutranksTheExampleFilesRequiredKey() throws IOException {
    // Issue #17: .env.example lists GREETING; --optional-env GREETING used to lose to it.
    PackageResult result = pack(request().withEnv(List.of(), List.of("GREETING")));

    assertThat(result.envManifest().required()).isEmpty();
    assertThat(result.envManifest().optional()).containsExactly("GREETING");
  }

  @Test
  void sameBuildPackagedTwiceAfterShufflingMtimesGivesIdenticalBytes() throws IOException {
    byte[] first = Files.readAllBytes(pack(request()).archive());
    long i = 0;
    try (var walk = Files.walk(project)) {
      for (Path p : walk.toList()) {
        Files.setLastModifiedTime(p, FileTime.from(Instant.parse("2030-01-01T00:00:00Z").plusSeconds(997 * i++)));
      }
    }
    byte[] second = Files.readAllBytes(pack(request().withOutDir(tmp.resolve("out2"))).archive());

    assertThat(second).isEqualTo(first);
  }

  @Test
  void sidecarPassesSha256sumCheck() throws Exception {
    PackageResult result = pack(request());

    Process check = new ProcessBuilder("sha256sum", "-c", result.sidecar().getFileName().toString())
        .directory(result.archive().getParent().toFile()).redirectErrorStream(true).start();
    assertThat(check.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(new String(check.getInputStream().readAllBytes())).contains(": OK");
    assertThat(check.exitValue()).isZero();
  }

  @Test
  void refusesAProjectWithoutPackageJson() throws IOException {
    Files.delete(project.resolve("package.json"));
    assertRefused(request(), FailureKind.PROJECT, "NO_PACKAGE_JSON");
  }

  @Test
  void refusesAProjectWithoutLockfile() throws IOException {
    Files.delete(project.resolve("package-lock.json"));
    assertRefused(request(), FailureKind.LOCKFILE, "NO_LOCKFILE");
  }

  @Test
  void refusesALockfileThatIsNotJsonByName() throws IOException {
    SyntheticProject.write(project, "package-lock.json", "{\"lockfileVersion\": 3,");
    assertRefused(request(), FailureKind.LOCKFILE, "BAD_LOCKFILE");
  }

  @Test
  void refusesALockfileWhoseVersionDoesNotSatisfyTheRange() throws IOException {
    SyntheticProject.write(project, "package-lock.json",
        Files.readString(project.resolve("package-lock.json")).replace("\"version\": \"15.5.29\"", "\"version\": \"14.2.3\""));
    assertRefused(request(), FailureKind.LOCKFILE, "LOCKFILE_OUT_OF_SYNC");
  }

  @Test
  void refusesWithoutBuildId() throws IOException {
    Files.delete(project.resolve(".next/BUILD_ID"));
    assertThatThrownBy(() -> pack(request()))
        .isInstanceOfSatisfying(SlipwayException.class, e -> {
          assertThat(e.causeCode()).isEqualTo("NO_BUILD_ID");
          assertThat(e.kind()).isEqualTo(FailureKind.BUILD_MISSING);
          assertThat(e.getMessage()).contains("run next build first, or pass --build");
        });
  }

  @Test
  void refusesTwoFilesWhoseNamesDifferOnlyInCaseBeforeWritingTheArchive() throws IOException {
    // Both exist on Linux; on Windows and macOS they would be one file, so the installer refuses them.
    Files.createDirectories(project.resolve("public"));
    Files.writeString(project.resolve("public/Logo.svg"), "<svg/>");
    Files.writeString(project.resolve("public/logo.svg"), "<svg></svg>");

    assertRefused(request(), FailureKind.PROJECT, "PATHS_COLLIDE");
  }

  @Test
  void refusesWithoutNextStatic() throws IOException {
    Files.delete(project.resolve(".next/static/chunks/main.js"));
    Files.delete(project.resolve(".next/static/chunks"));
    Files.delete(project.resolve(".next/static"));
    assertRefused(request(), FailureKind.BUILD_MISSING, "NO_STATIC");
  }

  @Test
  void refusesANextConfigThatImportsADevDependencyWhenTheProjectsOwnServerLoadsIt() throws IOException {
    SyntheticProject.write(project, "next.config.mjs", "import isNumber from 'is-number';\nexport default {};\n");
    SyntheticProject.write(project, "server.js", "require('next')({ dev: false });\n");
    assertRefused(request(), FailureKind.CONFIG_DEV_DEPENDENCY, "CONFIG_IMPORTS_DEV_DEPENDENCY");
  }

  @Test
  void refusesASecretLookingIncludeUnlessAllowed() throws IOException {
    SyntheticProject.write(project, "certs/server.pem", "-----BEGIN PRIVATE KEY-----");
    assertRefused(request().withIncludes(List.of("certs"), Set.of()), FailureKind.SECRET_FILE, "SECRET_FILE");

    PackageResult allowed = pack(request().withIncludes(List.of("certs"), Set.of("certs/server.pem")));
    assertThat(ArchiveListing.files(allowed.archive())).contains("certs/server.pem");
  }

  @Test
  void includesWhatIncludeNamesAndRefusesWhatDoesNotExist() throws IOException {
    SyntheticProject.write(project, "data/cities.json", "[]");
    assertThat(ArchiveListing.files(pack(request().withIncludes(List.of("data/"), Set.of())).archive()))
        .contains("data/cities.json");
    assertRefused(
        request().withOutDir(tmp.resolve("out2")).withIncludes(List.of("nope"), Set.of()),
        FailureKind.PROJECT, "INCLUDE_NOT_FOUND");
  }

  @Test
  void projectsOwnServerJsIsShippedInsteadOfTheGeneratedOne() throws IOException {
    SyntheticProject.write(project, "server.js", "// custom server\n");
    PackageResult result = pack(request());

    Path out = Files.createDirectory(tmp.resolve("unpacked"));
    try (var in = Files.newInputStream(result.archive())) {
      dev.slipway.format.SafeArchiveReader.extract(in, out, dev.slipway.format.SafeArchiveReader.Progress.NONE);
    }
    assertThat(out.resolve("server.js")).hasContent("// custom server\n");
  }
}
