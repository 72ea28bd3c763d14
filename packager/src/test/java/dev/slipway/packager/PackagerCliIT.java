package dev.slipway.packager;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.format.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packager as CI runs it: the shaded jar, its stdout, stderr and exit codes. */
class PackagerCliIT {
  @TempDir Path tmp;

  @Test
  void lastLineOfPlainOutputIsTheArchivePath() throws Exception {
    Path project = SyntheticProject.create(tmp.resolve("shop"));
    CliRun run = CliRun.of(CliRun.packagerJar(), Map.of(), "package", project.toString(), "--out", tmp.resolve("out").toString());

    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(Path.of(run.lastStdoutLine())).isEqualTo(tmp.resolve("out/shop-2.0.0-abc123.tar.gz")).exists();
    assertThat(run.stderr()).contains("warning: the server code reads DATABASE_URL");
  }

  @Test
  void jsonPrintsOneObjectWithPathShaSizeCountAndWarnings() throws Exception {
    Path project = SyntheticProject.create(tmp.resolve("shop"));
    CliRun run = CliRun.of(CliRun.packagerJar(), Map.of(), "package", project.toString(), "--json");

    assertThat(run.exitCode()).as(run.stderr()).isZero();
    JsonNode json = Json.mapper().readTree(run.stdout());
    assertThat(json.get("path").asText()).isEqualTo(project.resolve("dist/shop-2.0.0-abc123.tar.gz").toString());
    assertThat(json.get("sha256").asText()).hasSize(64);
    assertThat(json.get("size").asLong()).isEqualTo(Files.size(Path.of(json.get("path").asText())));
    assertThat(json.get("fileCount").asInt()).isEqualTo(12); // the 13 files but the manifest
    assertThat(json.get("warnings").get(0).asText()).contains("DATABASE_URL");
  }

  @Test
  void packageAndInspectGiveTheSameCountsForOneArchiveAndSayWhatEachCounts() throws Exception {
    Path project = SyntheticProject.create(tmp.resolve("shop"));
    CliRun pack = CliRun.of(CliRun.packagerJar(), Map.of(), "package", project.toString());
    Path archive = Path.of(pack.lastStdoutLine());
    CliRun inspect = CliRun.of(CliRun.packagerJar(), Map.of(), "inspect", archive.toString());
    CliRun packJson = CliRun.of(CliRun.packagerJar(), Map.of(), "package", project.toString(), "--json");
    CliRun inspectJson = CliRun.of(CliRun.packagerJar(), Map.of(), "inspect", archive.toString(), "--json");

    List<String> files = ArchiveListing.files(archive);
    long unpacked = ArchiveListing.fileBytes(archive) - ArchiveListing.fileBytes(archive, ".deploy/manifest.json");
    String counts = (files.size() - 1) + " files and the manifest, " + unpacked + " bytes unpacked, "
        + Files.size(archive) + " bytes compressed";
    assertThat(pack.stdout()).contains("(build abc123): " + counts + ", sha256 ");
    assertThat(inspect.stdout()).contains("files:        " + counts + "\n");
    JsonNode packed = Json.mapper().readTree(packJson.stdout());
    JsonNode inspected = Json.mapper().readTree(inspectJson.stdout());
    for (String key : List.of("fileCount", "unpackedSize", "size")) {
      assertThat(inspected.get(key).asLong()).as(key).isEqualTo(packed.get(key).asLong());
    }
    assertThat(packed.get("fileCount").asLong()).isEqualTo(files.size() - 1);
    assertThat(packed.get("unpackedSize").asLong()).isEqualTo(unpacked);
  }

  @Test
  void theJarsVersionNamesItsBuildAndAMistypedOptionTakesTwoLines() throws Exception {
    CliRun version = CliRun.of(CliRun.packagerJar(), Map.of(), "--version");
    CliRun typo = CliRun.of(CliRun.packagerJar(), Map.of(), "package", "--outt", "dist");

    // The build.properties filtered into the shaded jar, not the "dev" of a jar without a version.
    assertThat(version.stdout().strip())
        .matches("packager \\d+\\.\\d+\\.\\d+\\S* \\(commit ([0-9a-f]{7,40}|unknown)\\) on Java \\S+, \\S+ \\S+");
    assertThat(typo.exitCode()).isEqualTo(2);
    assertThat(typo.stderr().lines()).containsExactly(
        "error: Unknown option: '--outt' (did you mean --out?)", "Run 'packager package --help' for usage.");
  }

  @Test
  void eachRefusalHasItsExitCodeAndSaysWhatToDoOnTheFirstLine() throws Exception {
    Path noLock = SyntheticProject.create(tmp.resolve("a"));
    Files.delete(noLock.resolve("package-lock.json"));
    Path noBuild = SyntheticProject.create(tmp.resolve("b"));
    Files.delete(noBuild.resolve(".next/BUILD_ID"));
    Path empty = Files.createDirectories(tmp.resolve("c"));

    CliRun lock = CliRun.of(CliRun.packagerJar(), Map.of(), "package", noLock.toString());
    CliRun build = CliRun.of(CliRun.packagerJar(), Map.of(), "package", noBuild.toString());
    CliRun project = CliRun.of(CliRun.packagerJar(), Map.of(), "package", empty.toString());
    CliRun usage = CliRun.of(CliRun.packagerJar(), Map.of(), "package", "--web-config", "apache");

    assertThat(lock.exitCode()).isEqualTo(11);
    assertThat(lock.firstStderrLine()).startsWith("error: NO_LOCKFILE: ").contains("package-lock.json");
    assertThat(build.exitCode()).isEqualTo(12);
    assertThat(build.firstStderrLine()).contains("run next build first, or pass --build");
    assertThat(project.exitCode()).isEqualTo(10);
    assertThat(project.firstStderrLine()).startsWith("error: NO_PACKAGE_JSON: ");
    assertThat(usage.exitCode()).isEqualTo(2);
  }

  @Test
  void inspectPrintsTheSummaryAndTheEnvManifest() throws Exception {
    Path project = SyntheticProject.create(tmp.resolve("shop"));
    CliRun pack = CliRun.of(CliRun.packagerJar(), Map.of(), "package", project.toString());
    CliRun inspect = CliRun.of(CliRun.packagerJar(), Map.of(), "inspect", pack.lastStdoutLine());

    assertThat(inspect.exitCode()).as(inspect.stderr()).isZero();
    assertThat(inspect.stdout())
        .contains("app:          shop 2.0.0")
        .contains("build id:     abc123")
        .contains("env required: GREETING")
        .contains("env read but undeclared: DATABASE_URL");
  }

  /**
   * Issue #20: a lockfile of 1.5M keys (21 MB) ran the packager's 256 MiB heap out, an INTERNAL
   * error; the tree is now bounded and the lockfile refused by name.
   */
  @Test
  void aLockfileOfOnePointFiveMillionKeysIsRefusedWithinTheLaunchersHeap() throws Exception {
    Path project = SyntheticProject.create(tmp.resolve("huge-lock"));
    StringBuilder lock = new StringBuilder(24_000_000)
        .append("{\"name\":\"shop\",\"lockfileVersion\":3,\"packages\":{\"\":{\"dependencies\":{");
    for (int i = 0; i < 1_500_000; i++) {
      lock.append(i == 0 ? "" : ",").append("\"p").append(i).append("\":\"1\"");
    }
    Files.writeString(project.resolve("package-lock.json"), lock.append("}}}}"));

    CliRun run = CliRun.of(CliRun.packagerJar(), Map.of(), "package", project.toString());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(11);
    assertThat(run.firstStderrLine()).startsWith("error: LOCKFILE_TOO_LARGE: package-lock.json holds over 2000000 JSON tokens");
  }
}
