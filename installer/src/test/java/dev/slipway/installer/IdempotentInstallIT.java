package dev.slipway.installer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.format.Json;
import dev.slipway.format.Sidecar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #24 with the real engine, as a deploy tool runs it (the shaded jar): {@code installer
 * status} names the live build and how it went live, and installing the archive that is already
 * live changes nothing. One story on one root, in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IdempotentInstallIT {
  static final String KEY_LINE = "NEXT_SERVER_ACTIONS_ENCRYPTION_KEY=c2VjcmV0LWtleS1mb3ItdGhlLWZsZWV0LXRlc3QtMTIzNDU=\n";

  @TempDir static Path tmp;
  static TestRoot root;
  static String first;
  static JsonNode statusAfterInstall;

  static InstallerCliIT.Run run(String... args) throws Exception {
    return InstallerCliIT.run(tmp, args);
  }

  static JsonNode json(InstallerCliIT.Run run) throws Exception {
    return Json.mapper().readTree(run.stdout());
  }

  static InstallerCliIT.Run install(String... more) throws Exception {
    List<String> args = new ArrayList<>(List.of("install", TestArchives.v1().toString(), "--root", root.path().toString(),
        "--allow-root-app", "--restart-command", "echo restarted >> \"$SLIPWAY_ROOT/restarts.log\""));
    args.addAll(List.of(more));
    return run(args.toArray(String[]::new));
  }

  static InstallerCliIT.Run status(String... more) throws Exception {
    List<String> args = new ArrayList<>(List.of("status", "--root", root.path().toString()));
    args.addAll(List.of(more));
    return run(args.toArray(String[]::new));
  }

  static long restarts() throws Exception {
    Path log = root.path().resolve("restarts.log");
    return Files.exists(log) ? Files.readAllLines(log).size() : 0;
  }

  @Test
  @Order(1)
  void statusRefusesARootWithNoLiveRelease() throws Exception {
    root = TestRoot.create(tmp.resolve("root"));
    Files.writeString(root.path().resolve("shared/.env.production"), "GREETING=hello from the env file\n" + KEY_LINE);

    InstallerCliIT.Run status = status();

    assertThat(status.exitCode()).isEqualTo(28);
    assertThat(status.stderr().lines().findFirst().orElse("")).startsWith("error: NO_LIVE_RELEASE: ");
  }

  @Test
  @Order(2)
  void aRealInstallIsChangedAndStatusNamesTheBuildTheArchiveAndTheGoLive() throws Exception {
    InstallerCliIT.Run install = install("--json");
    assertThat(install.exitCode()).as(install.stderr()).isZero();
    assertThat(json(install).get("changed").asBoolean()).isTrue();
    first = json(install).get("result").get("releaseId").asText();

    InstallerCliIT.Run status = status("--json");
    assertThat(status.exitCode()).as(status.stderr()).isZero();
    statusAfterInstall = json(status);
    assertThat(statusAfterInstall.get("releaseId").asText()).isEqualTo(first);
    assertThat(statusAfterInstall.get("app").asText()).isEqualTo("hello-next");
    assertThat(statusAfterInstall.get("version").asText()).isEqualTo("1.0.0");
    assertThat(first).endsWith("-" + statusAfterInstall.get("buildId").asText());
    assertThat(statusAfterInstall.get("archiveSha256").asText()).isEqualTo(Sidecar.read(TestArchives.v1()).orElseThrow());
    assertThat(statusAfterInstall.get("wentLiveBy").asText()).isEqualTo("install");
    assertThat(statusAfterInstall.get("wentLiveAt").asText()).isNotBlank();
    assertThat(statusAfterInstall.get("envFingerprints").get("NEXT_SERVER_ACTIONS_ENCRYPTION_KEY").asText())
        .matches("sha256:[0-9a-f]{12}");
    assertThat(statusAfterInstall.get("cacheHandler").asText()).isEqualTo("file-system");
    String key = KEY_LINE.substring(KEY_LINE.indexOf('=') + 1).strip();
    assertThat(status.stdout()).doesNotContain(key);

    InstallerCliIT.Run text = status();
    assertThat(text.stdout().lines()).contains("release: " + first, "app: hello-next", "version: 1.0.0",
        "archive sha256: " + statusAfterInstall.get("archiveSha256").asText());
    assertThat(text.stdout()).doesNotContain(key);
  }

  @Test
  @Order(3)
  void installingTheLiveArchiveAgainChangesNothingAndLeavesANote() throws Exception {
    List<String> releases = root.releases();
    long restarts = restarts();
    assertThat(restarts).isEqualTo(1);

    InstallerCliIT.Run again = install();
    InstallerCliIT.Run quiet = install("--json");

    assertThat(again.exitCode()).as(again.stderr()).isZero();
    assertThat(again.stdout().lines().findFirst().orElse("")).startsWith("already live: hello-next 1.0.0 as " + first);
    assertThat(quiet.exitCode()).as(quiet.stderr()).isZero();
    assertThat(json(quiet).get("changed").asBoolean()).isFalse();
    assertThat(root.releases()).isEqualTo(releases);
    assertThat(root.live()).contains(first);
    assertThat(restarts()).as("the restart command ran again").isEqualTo(restarts);
    assertThat(again.stderr()).doesNotContain("npm ci").doesNotContain("smoke-starting");
    List<String> history = Files.readAllLines(root.path().resolve("history.jsonl"));
    JsonNode note = Json.mapper().readTree(history.get(history.size() - 1));
    assertThat(note.get("result").asText()).isEqualTo("ok");
    assertThat(note.get("causeCode").asText()).isEqualTo("ALREADY_LIVE");
    assertThat(note.get("releaseId").asText()).isEqualTo(first);
    // status still reports the real go-live, not the note
    assertThat(json(status("--json")).get("wentLiveAt")).isEqualTo(statusAfterInstall.get("wentLiveAt"));
  }

  @Test
  @Order(4)
  void aChangedEnvFileInstallsAgainSoThatItTakesEffect() throws Exception {
    Files.writeString(root.path().resolve("shared/.env.production"), "GREETING=a new greeting\n" + KEY_LINE);

    InstallerCliIT.Run install = install("--json");

    assertThat(install.exitCode()).as(install.stderr()).isZero();
    assertThat(json(install).get("changed").asBoolean()).isTrue();
    assertThat(root.live()).isPresent().get().isNotEqualTo(first);
  }

  @Test
  @Order(5)
  void afterARollbackStatusSaysTheReleaseWentLiveByRollback() throws Exception {
    InstallerCliIT.Run rollback = run("rollback", "--root", root.path().toString());
    assertThat(rollback.exitCode()).as(rollback.stderr()).isZero();

    JsonNode status = json(status("--json"));

    assertThat(status.get("releaseId").asText()).isEqualTo(first);
    assertThat(status.get("wentLiveBy").asText()).isEqualTo("rollback");
  }
}
