package dev.slipway.installer.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.slipway.format.Reporter;
import dev.slipway.installer.release.Abort;
import dev.slipway.installer.user.AppUser;
import dev.slipway.installer.cli.InstallerMain;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code installer doctor} on the real example app, installed by the real installer, with the real
 * node and npm. One install is shared: each test breaks the live release the way a host drifts
 * after an install (a secret removed, a file deleted, a package removed), runs the doctor, and
 * puts the release back, so every test starts from a healthy release.
 */
class DoctorIT {
  @TempDir static Path sharedTmp;
  static InstalledExample app;

  @BeforeAll
  static void installV1() throws IOException {
    app = InstalledExample.install(sharedTmp.resolve("root"));
  }

  @AfterEach
  void nothingLeftRunning() {
    Leftovers.assertNoChildProcessesLeft();
  }

  private static DoctorReport doctor() throws Exception {
    return new Doctor(Reporter.SILENT, Map.of(), Clock.systemUTC()).examine(DoctorRequest.of(app.root).withAppUser(AppUser.ROOT_ALLOWED));
  }

  private static String printed(DoctorReport report) {
    return String.join("\n", report.lines());
  }

  @Test
  void healthyReleaseIsAllOkAndTheDoctorWritesNothingIntoIt() throws Exception {
    Map<String, String> before = Leftovers.snapshot(app.release);

    DoctorReport report = doctor();

    assertThat(report.checks()).as(printed(report)).allSatisfy(c -> assertThat(c.verdict()).isEqualTo(Verdict.OK));
    assertThat(report.checks()).extracting(CheckResult::check)
        .containsExactly("node", "env", "build", "entry", "dependencies", "native-modules", "logs");
    assertThat(report.ok()).isTrue();
    assertThat(report.find("entry").orElseThrow().detail()).startsWith("`node server.js` listens on PORT and answered GET / 200");
    assertThat(report.find("native-modules").orElseThrow().detail()).contains("@next/swc-linux-x64-gnu");
    assertThat(Leftovers.snapshot(app.release)).as("the live release after the doctor").isEqualTo(before);
  }

  @Test
  void healthyReleaseWithAnAnsweringUrlExitsZeroFromTheCommandLine() throws Exception {
    HttpServer site = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    site.createContext("/", exchange -> { exchange.sendResponseHeaders(200, -1); exchange.close(); });
    site.start();
    try {
      Cli cli = Cli.run("doctor", "--root", app.root.toString(), "--url", "http://127.0.0.1:" + site.getAddress().getPort() + "/");

      assertThat(cli.code).as(cli.out + cli.err).isZero();
      assertThat(cli.out).contains("ok    url             http://127.0.0.1:").contains("doctor: 8 ok, 0 warn, 0 FAIL");
    } finally {
      site.stop(0);
    }
  }

  @Test
  void requiredVariableThatDisappearedFailsTheEnvCheckOnly() throws Exception {
    Path shared = app.root.resolve("shared/.env.production");
    Path inRelease = app.release.resolve(".env.production");
    String sharedBefore = Files.readString(shared);
    String releaseBefore = Files.readString(inRelease);
    try {
      Files.writeString(shared, "# GREETING was here\n");
      Files.writeString(inRelease, "OTHER=1\n");

      DoctorReport report = doctor();

      CheckResult env = report.find("env").orElseThrow();
      assertThat(env.verdict()).as(printed(report)).isEqualTo(Verdict.FAIL);
      assertThat(env.detail()).startsWith("required GREETING is not set");
      assertThat(env.fix()).contains("add GREETING to " + shared);
      assertThat(report.failed()).as(printed(report)).extracting(CheckResult::check).containsExactly("env");
      assertThat(printed(report)).doesNotContain("hello from the env file");
    } finally {
      Files.writeString(shared, sharedBefore);
      Files.writeString(inRelease, releaseBefore);
    }
  }

  @Test
  void deletedBuildIdFailsTheBuildAndTheEntryWithNoProductionBuild() throws Exception {
    try (Aside aside = Aside.move(app.release.resolve(".next/BUILD_ID"), sharedTmp)) {
      DoctorReport report = doctor();

      CheckResult build = report.find("build").orElseThrow();
      assertThat(build.verdict()).as(printed(report)).isEqualTo(Verdict.FAIL);
      assertThat(build.detail()).startsWith(".next/BUILD_ID is missing");
      assertThat(build.fix()).isEqualTo("reinstall the archive (installer install) — never patch a release by hand");
      CheckResult entry = report.find("entry").orElseThrow();
      assertThat(entry.verdict()).as(printed(report)).isEqualTo(Verdict.FAIL);
      assertThat(entry.detail()).contains("NO_PRODUCTION_BUILD");
      assertThat(entry.evidence()).contains("Could not find a production build");
      assertThat(report.failed()).extracting(CheckResult::check).containsExactly("build", "entry");
      Leftovers.deleteKeptLog(entry);

      Cli cli = Cli.run("doctor", "--root", app.root.toString());
      assertThat(cli.code).isEqualTo(29);
      assertThat(cli.out).contains("FAIL  build ").contains("FAIL  entry ");
      assertThat(cli.err).startsWith("error: DOCTOR_FAILED: 2 of 7 checks failed: build, entry");
      Leftovers.deleteKeptLog(cli.out);
    }
  }

  @Test
  void removedDependencyFailsTheDependenciesCheck() throws Exception {
    try (Aside aside = Aside.move(app.release.resolve("node_modules/react"), sharedTmp)) {
      DoctorReport report = doctor();

      CheckResult dependencies = report.find("dependencies").orElseThrow();
      assertThat(dependencies.verdict()).as(printed(report)).isEqualTo(Verdict.FAIL);
      assertThat(dependencies.detail()).contains("missing: react@19.1.10");
      assertThat(dependencies.evidence()).contains("missing: react@19.1.10, required by hello-next@1.0.0");
      CheckResult entry = report.find("entry").orElseThrow();
      assertThat(entry.verdict()).as(printed(report)).isEqualTo(Verdict.FAIL);
      assertThat(entry.detail()).contains("MODULE_NOT_INSTALLED: react is in dependencies but not in the release's node_modules");
      Leftovers.deleteKeptLog(entry);
      assertThat(report.find("env").orElseThrow().verdict()).isEqualTo(Verdict.OK);
      assertThat(report.find("build").orElseThrow().verdict()).isEqualTo(Verdict.OK);
    }
  }

  /** A file or folder of the live release moved out for one test, and back when it ends. */
  record Aside(Path original, Path moved) implements AutoCloseable {
    static Aside move(Path original, Path tmp) throws IOException {
      Path moved = Files.createTempDirectory(tmp, "aside").resolve(original.getFileName());
      Files.move(original, moved, StandardCopyOption.ATOMIC_MOVE);
      return new Aside(original, moved);
    }

    @Override
    public void close() throws IOException {
      Files.move(moved, original, StandardCopyOption.ATOMIC_MOVE);
    }
  }

  record Cli(int code, String out, String err) {
    static Cli run(String... args) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      CommandLine cli = InstallerMain.commandLine(new Abort());
      cli.setOut(new PrintWriter(out, true));
      cli.setErr(new PrintWriter(err, true));
      // These tests run as root (CI) and are not about the service user (issue #20, ServiceUserIT).
      int code = cli.execute(withRootAllowed(args));
      return new Cli(code, out.toString(), err.toString());
    }

    static String[] withRootAllowed(String... args) {
      return java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.stream.Stream.of("--allow-root-app"))
          .toArray(String[]::new);
    }
  }
}
