package dev.slipway.installer.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.installer.user.AppUser;
import dev.slipway.installer.deps.NodeTools;
import dev.slipway.installer.diagnosis.Classifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With the real node and a tiny entry instead of Next.js. */
class EntryCheckTest {
  static final String LISTENS = "require('http').createServer((q, s) => s.end('hi'))"
      + ".listen(process.env.PORT, process.env.HOSTNAME);\n";
  static final String THROWS = "throw new Error('Missing required environment variable: API_KEY');\n";
  static final String IISNODE_WEB_CONFIG = "<?xml version=\"1.0\"?><configuration><system.webServer><handlers>"
      + "<add name=\"iisnode\" path=\"%s\" verb=\"*\" modules=\"iisnode\"/></handlers></system.webServer></configuration>";

  @TempDir Path tmp;

  @AfterEach
  void nothingLeftRunning() {
    Leftovers.assertNoChildProcessesLeft();
  }

  private static CheckResult check(FakeRelease release) throws Exception {
    return new EntryCheck("node", NodeTools.defaultNpm(), Map.of(), List.of("/"), Duration.ofSeconds(20), new Classifier(),
        AppUser.ROOT_ALLOWED)
        .run(release.open());
  }

  @Test
  void entryThatListensOnPortAndAnswersIsOkAndNothingIsWrittenIntoTheRelease() throws Exception {
    FakeRelease release = FakeRelease.create(tmp).file("server.js", LISTENS)
        .file("web.config", IISNODE_WEB_CONFIG.formatted("server.js")).manifest(null, "v20.0.0", "server.js");
    Map<String, String> before = Leftovers.snapshot(release.dir);

    CheckResult result = check(release);

    assertThat(result.verdict()).as(result.detail()).isEqualTo(Verdict.OK);
    assertThat(result.detail()).matches("`node server.js` listens on PORT and answered GET / 200 after \\d+\\.\\d s");
    assertThat(Leftovers.snapshot(release.dir)).isEqualTo(before);
  }

  static final String REVERSE_PROXY_WEB_CONFIG = "<?xml version=\"1.0\"?><configuration><system.webServer><rewrite><rules>"
      + "<rule name=\"app\"><match url=\"(.*)\"/><action type=\"Rewrite\" url=\"http://127.0.0.1:3000/{R:1}\"/></rule>"
      + "</rules></rewrite></system.webServer></configuration>";

  @Test
  void reverseProxyAndNoneReleasesWithAnEntryStartWithNodeAndNeedNoStartScript() throws Exception {
    // Issue #16: every release has the generated server.js as its entry, whatever its web.config mode.
    for (String mode : List.of("reverse-proxy", "none")) {
      FakeRelease release = FakeRelease.create(tmp.resolve(mode)).file("server.js", LISTENS)
          .file("package.json", "{\"name\":\"app\",\"version\":\"1.0.0\"}");
      if (mode.equals("reverse-proxy")) {
        release.file("web.config", REVERSE_PROXY_WEB_CONFIG);
      }
      release.manifest(null, "v20.0.0", new dev.slipway.format.Manifest.Start(mode, "server.js", null));

      CheckResult result = check(release);

      assertThat(result.verdict()).as(mode + ": " + result.detail()).isEqualTo(Verdict.OK);
      assertThat(result.detail()).as(mode).startsWith("`node server.js` listens on PORT and answered GET / 200");
    }
  }

  @Test
  void withoutHealthPathsEveryRouteOfTheBuildIsAskedAndOneAnsweringAServerErrorFails() throws Exception {
    FakeRelease release = FakeRelease.create(tmp)
        .file("server.js", "require('http').createServer((q, s) => { s.statusCode = q.url === '/broken' ? 500 : 200;"
            + " s.end('x'); }).listen(process.env.PORT, process.env.HOSTNAME);\n")
        .file(".next/routes-manifest.json", "{\"basePath\":\"\",\"staticRoutes\":[{\"page\":\"/\"},{\"page\":\"/broken\"}]}")
        .manifest(null, "v20.0.0", "server.js");

    CheckResult result = new EntryCheck("node", NodeTools.defaultNpm(), Map.of(), List.of(), Duration.ofSeconds(20),
        new Classifier(), AppUser.ROOT_ALLOWED).run(release.open());

    assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(result.detail()).startsWith("`node server.js` does not start and answer on PORT: GET /broken answered 500");
    Leftovers.deleteKeptLog(result);
  }

  @Test
  void entryThatThrowsAtStartFailsWithTheClassifiersCauseAndTheFirstException() throws Exception {
    FakeRelease release = FakeRelease.create(tmp).file("server.js", THROWS).manifest(null, "v20.0.0", "server.js");

    CheckResult result = check(release);

    assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(result.detail()).startsWith("`node server.js` does not start and answer on PORT: the release exited with code 1")
        .contains("ENV_VAR_UNSET: the app stopped because the environment variable API_KEY is not set");
    assertThat(result.evidence()).startsWith("Error: Missing required environment variable: API_KEY");
    assertThat(result.fix()).contains("set API_KEY").contains("the app's output is in ");
    Path log = Path.of(result.fix().replaceFirst("(?s).*the app's output is in ", ""));
    assertThat(log).exists();
    assertThat(log.startsWith(release.root)).as("the log is outside the root").isFalse();
    Leftovers.deleteKeptLog(result);
    assertThat(log.getParent()).doesNotExist();
  }

  /** Issue #20: the doctor quotes the app's first exception; a secret in it is not printed or kept. */
  @Test
  void aSecretTheEntryPrintsIsRedactedFromTheReportAndTheKeptLog() throws Exception {
    String password = "hunter2-db-Pa55word";
    FakeRelease release = FakeRelease.create(tmp)
        .file(".env.production", "DB_PASSWORD=" + password + "\n")
        .file("server.js", "const p = require('fs').readFileSync(__dirname + '/.env.production', 'utf8').trim().split('=')[1];\n"
            + "throw new Error('cannot connect with ' + p);\n")
        .manifest(null, "v20.0.0", "server.js");

    CheckResult result = check(release);

    assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(result.evidence()).contains("cannot connect with [redacted:DB_PASSWORD]");
    assertThat(result.detail() + result.fix() + result.evidence()).doesNotContain(password);
    Path log = Path.of(result.fix().replaceFirst("(?s).*output is in ", ""));
    assertThat(Files.readString(log)).contains("[redacted:DB_PASSWORD]").doesNotContain(password);
    assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(log))).isEqualTo("rw-------");
    Leftovers.deleteKeptLog(result);
  }

  @Test
  void missingEntryFailsBeforeAnythingIsStarted() throws Exception {
    FakeRelease release = FakeRelease.create(tmp).file("server.js", LISTENS).manifest(null, "v20.0.0", "server.js");
    Files.delete(release.dir.resolve("server.js"));

    CheckResult result = check(release);

    assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(result.detail()).startsWith("the entry server.js that the manifest names is missing");
  }

  @Test
  void webConfigRunningAnotherFileThanTheEntryFails() throws Exception {
    FakeRelease release = FakeRelease.create(tmp).file("server.js", LISTENS)
        .file("web.config", IISNODE_WEB_CONFIG.formatted("app.js")).manifest(null, "v20.0.0", "server.js");

    CheckResult result = check(release);

    assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(result.detail()).isEqualTo("web.config runs app.js but the release's entry is server.js: IIS starts the wrong file");
  }

  @Test
  void releaseWithoutManifestIsStartedAsItsWebConfigSays() throws Exception {
    FakeRelease release = FakeRelease.create(tmp).file("app/main.js", LISTENS)
        .file("web.config", "<configuration><system.webServer><httpPlatform processPath=\"node\" arguments=\".\\app\\main.js\"/>"
            + "</system.webServer></configuration>");

    CheckResult result = check(release);

    assertThat(result.verdict()).as(result.detail()).isEqualTo(Verdict.OK);
    assertThat(result.detail()).startsWith("`node app/main.js` listens on PORT");
  }

  @Test
  void malformedWebConfigFails() throws Exception {
    FakeRelease release = FakeRelease.create(tmp).file("server.js", LISTENS).file("web.config", "<configuration>")
        .manifest(null, "v20.0.0", "server.js");

    CheckResult result = check(release);

    assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(result.detail()).startsWith("web.config cannot be parsed");
  }
}
