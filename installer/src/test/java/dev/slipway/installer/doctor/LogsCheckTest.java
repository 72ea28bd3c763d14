package dev.slipway.installer.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.installer.diagnosis.Classifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogsCheckTest {
  static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
  static final String CRASH = "Error: Cannot find module 'left-pad'\n"
      + "Require stack:\n"
      + "- /srv/app/server.js\n"
      + "    at Module._resolveFilename (node:internal/modules/cjs/loader:1225:15)\n"
      + "    at Module._load (node:internal/modules/cjs/loader:1051:27)\n";

  @TempDir Path tmp;

  private CheckResult check(FakeRelease release) throws Exception {
    return new LogsCheck(new Classifier(), Clock.fixed(NOW, ZoneOffset.UTC)).run(release.open());
  }

  private static void log(FakeRelease release, String path, String content, Duration age) throws Exception {
    release.file(path, content);
    Files.setLastModifiedTime(release.dir.resolve(path), FileTime.from(NOW.minus(age)));
  }

  @Test
  void releaseWithoutLogFoldersIsOk() throws Exception {
    CheckResult result = check(FakeRelease.create(tmp));

    assertThat(result.verdict()).isEqualTo(Verdict.OK);
    assertThat(result.detail()).contains("no iisnode/ or logs/ folder");
  }

  @Test
  void exceptionInTheNewestIisnodeLogWarnsWithItsCauseAndQuotesIt() throws Exception {
    FakeRelease release = FakeRelease.create(tmp).file("package.json", "{\"dependencies\":{\"left-pad\":\"1.3.0\"}}");
    log(release, "iisnode/web-1-1234-stdout-1700000000000.txt", "> Ready on \\\\.\\pipe\\abc\n", Duration.ofHours(3));
    log(release, "iisnode/web-1-1234-stderr-1700000000000.txt", CRASH, Duration.ofHours(3));
    log(release, "iisnode/index.html", "<html>" + CRASH + "</html>", Duration.ZERO);

    CheckResult result = check(release);

    assertThat(result.verdict()).isEqualTo(Verdict.WARN);
    assertThat(result.detail()).startsWith("iisnode/web-1-1234-stderr-1700000000000.txt (written 3 h ago) shows MODULE_NOT_INSTALLED")
        .contains("it may predate the last fix");
    assertThat(result.evidence()).startsWith("Error: Cannot find module 'left-pad'").contains("at Module._resolveFilename");
    assertThat(result.fix()).contains("npm ls left-pad");
  }

  @Test
  void logsWithoutExceptionsAreOk() throws Exception {
    FakeRelease release = FakeRelease.create(tmp);
    log(release, "logs/node-stdout_1234.log", "> Ready on http://localhost:8080\n", Duration.ofMinutes(5));

    CheckResult result = check(release);

    assertThat(result.verdict()).as(result.detail()).isEqualTo(Verdict.OK);
    assertThat(result.detail()).isEqualTo("no thrown exception in logs/node-stdout_1234.log");
  }

  @Test
  void onlyTheNewestFilesOfEachFolderAreRead() throws Exception {
    FakeRelease release = FakeRelease.create(tmp);
    log(release, "logs/old.log", CRASH, Duration.ofDays(30));
    for (int i = 0; i < LogsCheck.FILES_PER_FOLDER; i++) {
      log(release, "logs/new-" + i + ".log", "fine\n", Duration.ofMinutes(i + 1));
    }

    CheckResult result = check(release);

    assertThat(result.verdict()).isEqualTo(Verdict.OK);
    assertThat(result.detail()).doesNotContain("old.log");
  }

  @Test
  void theEndOfALongLogIsReadWhereItsLatestCrashIs() throws Exception {
    FakeRelease release = FakeRelease.create(tmp);
    String old = "Error: an old crash at the start\n    at old (x.js:1:1)\n";
    String filler = "request served\n".repeat(BoundedText.MAX_BYTES / 15 + 10);
    log(release, "logs/node-stdout.log", old + filler + CRASH, Duration.ofMinutes(1));

    CheckResult result = check(release);

    assertThat(result.verdict()).isEqualTo(Verdict.WARN);
    assertThat(result.evidence()).startsWith("Error: Cannot find module 'left-pad'");
  }
}
