package dev.slipway.installer.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.format.Json;
import dev.slipway.installer.release.Abort;
import dev.slipway.installer.cli.InstallerMain;
import dev.slipway.installer.preflight.NodeRuntime;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code installer doctor} through the real command line, on a small release that passes every check. */
class DoctorCommandTest {
  @TempDir Path tmp;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  @AfterEach
  void nothingLeftRunning() {
    Leftovers.assertNoChildProcessesLeft();
  }

  private FakeRelease healthy() throws Exception {
    return FakeRelease.create(tmp).build()
        .file("server.js", EntryCheckTest.LISTENS)
        .file("package.json", "{\"name\":\"fake-app\",\"version\":\"1.0.0\"}")
        .file("node_modules/.package-lock.json", "{}")
        .manifest(null, "v" + NodeRuntime.probe("node").version(), "server.js")
        .envManifest(java.util.List.of(), java.util.List.of(), java.util.List.of());
  }

  private int run(String... args) {
    CommandLine cli = InstallerMain.commandLine(new Abort());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    // These tests run as root (CI) and are not about the service user (issue #20, ServiceUserIT).
    return cli.execute(DoctorIT.Cli.withRootAllowed(args));
  }

  @Test
  void healthyReleaseExitsZeroWithAnOkLinePerCheck() throws Exception {
    FakeRelease release = healthy();

    int code = run("doctor", "--root", release.root.toString());

    assertThat(code).as(out + "\n" + err).isZero();
    assertThat(out.toString().lines().filter(l -> !l.startsWith("doctor:")))
        .extracting(l -> l.substring(0, 22).strip())
        .containsExactly("ok    node", "ok    env", "ok    build", "ok    entry", "ok    dependencies", "ok    native-modules",
            "ok    logs");
  }

  @Test
  void failedCheckExits29AfterPrintingTheReport() throws Exception {
    FakeRelease release = healthy();
    Files.delete(release.dir.resolve(".next/BUILD_ID"));

    int code = run("doctor", "--root", release.root.toString());

    assertThat(code).isEqualTo(29);
    assertThat(out.toString()).contains("FAIL  build           .next/BUILD_ID is missing").contains("doctor: 6 ok, 0 warn, 1 FAIL");
    assertThat(err.toString()).startsWith("error: DOCTOR_FAILED: 1 of 7 checks failed: build");
  }

  @Test
  void jsonPrintsExactlyOneObjectAlsoWhenACheckFails() throws Exception {
    FakeRelease release = healthy();
    Files.delete(release.dir.resolve(".next/BUILD_ID"));

    int code = run("doctor", "--root", release.root.toString(), "--json");

    assertThat(code).isEqualTo(29);
    assertThat(out.toString().strip().lines()).hasSize(1);
    JsonNode json = Json.mapper().readTree(out.toString());
    assertThat(json.get("ok").asBoolean()).isFalse();
    assertThat(json.get("exitCode").asInt()).isEqualTo(29);
    assertThat(json.get("cause").asText()).isEqualTo("DOCTOR_FAILED");
    assertThat(json.get("checks")).anySatisfy(c -> {
      assertThat(c.get("check").asText()).isEqualTo("build");
      assertThat(c.get("verdict").asText()).isEqualTo("fail");
    });
  }

  @Test
  void rootWithoutLiveReleaseExits28() throws Exception {
    Files.createDirectories(tmp.resolve("empty-root"));

    int code = run("doctor", "--root", tmp.resolve("empty-root").toString());

    assertThat(code).isEqualTo(28);
    assertThat(err.toString()).startsWith("error: NO_LIVE_RELEASE: ");
    assertThat(out.toString()).isEmpty();
  }
}
