package dev.slipway.installer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.format.Json;
import dev.slipway.format.Sidecar;
import dev.slipway.testkit.ExampleApp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The installer as operators and scripts run it: the shaded jar, stdout, stderr, exit codes. */
class InstallerCliIT {
  @TempDir Path tmp;

  record Run(int exitCode, String stdout, String stderr) {
    String firstErrorLine() {
      return stderr.lines().filter(l -> l.startsWith("error: ")).findFirst().orElse("");
    }
  }

  private Run run(String... args) throws IOException, InterruptedException {
    return run(tmp, args);
  }

  /** The shaded jar as a process, its output in files under {@code tmp}; also for other ITs (IdempotentInstallIT). */
  static Run run(Path tmp, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-jar",
        ExampleApp.repoRoot().resolve("installer/target/slipway-installer.jar").toString()));
    command.addAll(List.of(args));
    Path out = tmp.resolve("out-" + System.nanoTime());
    Path err = tmp.resolve("err-" + System.nanoTime());
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().put("npm_config_prefer_offline", "true");
    Process process = builder.start();
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
    return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void installPrintsTheReleaseAndJsonAndListShowsItLive() throws Exception {
    TestRoot root = TestRoot.create(tmp.resolve("root"));

    Run install = run("install", TestArchives.v1().toString(), "--root", root.path().toString(), "--json",
        "--allow-root-app");

    assertThat(install.exitCode()).as(install.stderr()).isZero();
    JsonNode json = Json.mapper().readTree(install.stdout());
    assertThat(json.get("ok").asBoolean()).isTrue();
    String id = json.get("result").get("releaseId").asText();
    assertThat(root.live()).contains(id);
    assertThat(install.stderr()).contains("==> smoke-starting the release").doesNotContain("hello from the env file");

    Run list = run("list", "--root", root.path().toString(), "--json");
    assertThat(Json.mapper().readTree(list.stdout()).get(0).get("status").asText()).isEqualTo("live");
  }

  @Test
  void aMistypedOptionTakesTwoLinesAndVersionNamesTheBuild() throws Exception {
    Run typo = run("install", "x", "--rot", "/srv");
    Run version = run("--version");

    // Issue #17: it said "Missing required option '--root'" and printed 40 lines of usage.
    assertThat(typo.exitCode()).isEqualTo(2);
    assertThat(typo.stderr().lines()).containsExactly(
        "error: Unknown option: '--rot' (did you mean --root?)", "Run 'installer install --help' for usage.");
    assertThat(version.stdout().strip())
        .matches("installer \\d+\\.\\d+\\.\\d+\\S* \\(commit ([0-9a-f]{7,40}|unknown)\\) on Java \\S+, \\S+ \\S+");
  }

  @Test
  void refusalsExitWithTheirCodeAndNameTheCauseFirst() throws Exception {
    TestRoot root = TestRoot.create(tmp.resolve("root"));
    Path noSidecar = Files.copy(TestArchives.v1(), tmp.resolve("copy.tar.gz"));

    Run integrity = run("install", noSidecar.toString(), "--root", root.path().toString());
    Run usage = run("install", noSidecar.toString());
    Run nothing = run("rollback", "--root", root.path().toString(), "--json");

    assertThat(integrity.exitCode()).isEqualTo(20);
    assertThat(integrity.firstErrorLine()).startsWith("error: NO_CHECKSUM: ").contains(".sha256");
    assertThat(integrity.stderr()).contains("fix: ");
    assertThat(usage.exitCode()).isEqualTo(2);
    assertThat(nothing.exitCode()).isEqualTo(27);
    assertThat(Json.mapper().readTree(nothing.stdout()).get("cause").asText()).isEqualTo("NOTHING_TO_ROLL_BACK");
    root.assertNoStagingLeft();
  }

  @Test
  void verifyChecksAnArchiveAndRefusesADamagedOne() throws Exception {
    Run ok = run("verify", TestArchives.v1().toString());
    assertThat(ok.exitCode()).as(ok.stderr()).isZero();
    assertThat(ok.stdout()).startsWith("ok: hello-next 1.0.0");

    Path damaged = Files.copy(TestArchives.v1(), tmp.resolve("damaged.tar.gz"));
    Files.copy(Sidecar.pathFor(TestArchives.v1()), Sidecar.pathFor(damaged));
    byte[] bytes = Files.readAllBytes(damaged);
    bytes[bytes.length - 100] ^= 0x40;
    Files.write(damaged, bytes);
    Run bad = run("verify", damaged.toString());
    assertThat(bad.exitCode()).isEqualTo(20);
    assertThat(bad.firstErrorLine()).startsWith("error: CHECKSUM_MISMATCH: ");
  }

  @Test
  void unpackKeepsTheCheckedFilesAndRefusesAFolderThatHoldsSomething() throws Exception {
    Path into = tmp.resolve("look/here");

    Run ok = run("unpack", TestArchives.v1().toString(), into.toString(), "--json");

    assertThat(ok.exitCode()).as(ok.stderr()).isZero();
    JsonNode json = Json.mapper().readTree(ok.stdout());
    assertThat(json.get("path").asText()).isEqualTo(into.toAbsolutePath().normalize().toString());
    assertThat(into.resolve(".next/BUILD_ID")).exists();
    assertThat(into.resolve("package.json")).exists();
    assertThat(into.resolve(".deploy/manifest.json")).exists();
    try (var files = Files.walk(into)) {
      assertThat(files.filter(Files::isRegularFile).count()).isEqualTo(json.get("fileCount").asLong() + 1);
    }

    Path busy = Files.createDirectories(tmp.resolve("busy"));
    Files.writeString(busy.resolve("mine.txt"), "keep me");
    Run refused = run("unpack", TestArchives.v1().toString(), busy.toString());
    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.firstErrorLine()).startsWith("error: UNPACK_TARGET_NOT_EMPTY: ");
    try (var files = Files.list(busy)) {
      assertThat(files).containsExactly(busy.resolve("mine.txt"));
    }
    assertThat(busy.resolve("mine.txt")).hasContent("keep me");

    Path damaged = Files.copy(TestArchives.v1(), tmp.resolve("damaged.tar.gz"));
    Files.copy(Sidecar.pathFor(TestArchives.v1()), Sidecar.pathFor(damaged));
    byte[] bytes = Files.readAllBytes(damaged);
    bytes[bytes.length - 100] ^= 0x40;
    Files.write(damaged, bytes);
    Path fresh = tmp.resolve("fresh");
    Run bad = run("unpack", damaged.toString(), fresh.toString());
    assertThat(bad.exitCode()).isEqualTo(20);
    assertThat(bad.firstErrorLine()).startsWith("error: CHECKSUM_MISMATCH: ");
    assertThat(fresh).as("a refused unpack leaves no folder behind").doesNotExist();
  }

  @Test
  void aFolderTheFileSystemRefusesIsTheHostsFailureNotABug() throws Exception {
    Path file = Files.writeString(tmp.resolve("a-file"), "not a folder");

    Run refused = run("unpack", TestArchives.v1().toString(), file.resolve("into").toString(), "--json");

    // It was exit 1, "INTERNAL: ... this is a bug in Slipway", with a stack trace.
    assertThat(refused.exitCode()).as(refused.stderr()).isEqualTo(32);
    assertThat(refused.firstErrorLine())
        .isEqualTo("error: LOCAL_IO: cannot read or write " + file.resolve("into") + ": Not a directory");
    assertThat(refused.stderr()).doesNotContain("\tat ");
    assertThat(Json.mapper().readTree(refused.stdout()).get("cause").asText()).isEqualTo("LOCAL_IO");
    assertThat(file).hasContent("not a folder");
  }
}
