package dev.slipway.installer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.format.Json;
import dev.slipway.testkit.ExampleApp;
import dev.slipway.testkit.Http;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #24 with real parts: ansible-core drives deploy/ansible's role and playbooks across four
 * "hosts" on this machine (ansible_connection=local, one root and one real server per host, each
 * on its own loopback port), installing the real example app with the real installer jar, which
 * the role ships to each host. One story, in order, as the issue tells it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AnsibleFleetIT {
  static final Path ANSIBLE = ExampleApp.repoRoot().resolve("deploy/ansible");
  static final List<String> HOSTS = List.of("h1", "h2", "h3", "h4");
  static final String ENV = "GREETING=hello from the env file\n"
      + "NEXT_SERVER_ACTIONS_ENCRYPTION_KEY=c2VjcmV0LWtleS1mb3ItdGhlLWZsZWV0LXRlc3QtMTIzNDU=\n";
  static final Pattern RECAP = Pattern.compile("^(h\\d)\\s*: ok=\\d+\\s+changed=(\\d+)\\s+unreachable=\\d+\\s+failed=(\\d+)", Pattern.MULTILINE);

  @TempDir static Path tmp;
  static final Map<String, TestRoot> ROOTS = new LinkedHashMap<>();
  static final Map<String, LiveServer> SERVERS = new LinkedHashMap<>();

  record Play(int exitCode, String output, Map<String, Integer> changed, Map<String, Integer> failed) {}

  @BeforeAll
  static void createHosts() throws Exception {
    requireAnsible();
    Map<String, Object> hosts = new LinkedHashMap<>();
    for (String host : HOSTS) {
      TestRoot root = TestRoot.create(tmp.resolve(host).resolve("root"));
      Files.writeString(root.path().resolve("shared/.env.production"), ENV);
      LiveServer server = LiveServer.create(root.path(), Http.freePort());
      ROOTS.put(host, root);
      SERVERS.put(host, server);
      hosts.put(host, Map.of(
          "slipway_root", root.path().toString(),
          "slipway_installer_dir", tmp.resolve(host).resolve("opt").toString(),
          "slipway_upload_dir", tmp.resolve(host).resolve("upload").toString(),
          "slipway_restart_command", server.command(),
          "slipway_live_urls", List.of(server.url("/"))));
    }
    Map<String, Object> vars = Map.of(
        "ansible_connection", "local",
        "ansible_python_interpreter", "/usr/bin/python3",
        "slipway_java", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "slipway_installer_jar", ExampleApp.repoRoot().resolve("installer/target/slipway-installer.jar").toString(),
        // These tests run as root (CI) and are not about the service user (ServiceUserIT is).
        "slipway_allow_root_app", true,
        "slipway_live_timeout", 30);
    Files.write(tmp.resolve("inventory.json"), Json.prettyBytes(Map.of("slipway", Map.of("hosts", hosts, "vars", vars))));
  }

  static void requireAnsible() throws InterruptedException {
    String install = "ansible-playbook runs (apt-get install ansible-core; .ci/run installs it when missing)";
    try {
      Process version = new ProcessBuilder("ansible-playbook", "--version").redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      assertThat(version.waitFor(60, TimeUnit.SECONDS) && version.exitValue() == 0).as(install).isTrue();
    } catch (IOException e) {
      throw new AssertionError(install, e);
    }
  }

  @AfterAll
  static void stopServers() throws IOException {
    for (LiveServer server : SERVERS.values()) {
      server.stop();
    }
  }

  static Play play(String playbook, Map<String, Object> extraVars) throws Exception {
    Path vars = Files.write(tmp.resolve("vars-" + System.nanoTime() + ".json"), Json.prettyBytes(extraVars));
    Path out = tmp.resolve("ansible-" + System.nanoTime() + ".log");
    ProcessBuilder builder = new ProcessBuilder("ansible-playbook", "-i", tmp.resolve("inventory.json").toString(),
        ANSIBLE.resolve(playbook).toString(), "-e", "@" + vars)
        .redirectErrorStream(true).redirectOutput(out.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Map<String, String> env = builder.environment();
    env.put("ANSIBLE_NOCOLOR", "1");
    env.put("ANSIBLE_HOME", tmp.resolve("ansible-home").toString());
    env.put("ANSIBLE_LOCAL_TEMP", tmp.resolve("ansible-home/tmp").toString());
    env.put("ANSIBLE_RETRY_FILES_ENABLED", "0");
    env.put("npm_config_prefer_offline", "true");
    env.put("NEXT_TELEMETRY_DISABLED", "1");
    Process process = builder.start();
    assertThat(process.waitFor(10, TimeUnit.MINUTES)).as("ansible-playbook finished").isTrue();
    String output = Files.readString(out, StandardCharsets.UTF_8);
    Map<String, Integer> changed = new LinkedHashMap<>();
    Map<String, Integer> failed = new LinkedHashMap<>();
    Matcher recap = RECAP.matcher(output.substring(Math.max(0, output.lastIndexOf("PLAY RECAP"))));
    while (recap.find()) {
      changed.put(recap.group(1), Integer.parseInt(recap.group(2)));
      failed.put(recap.group(1), Integer.parseInt(recap.group(3)));
    }
    return new Play(process.exitValue(), output, changed, failed);
  }

  static Play deploy(Path archive, Object serial) throws Exception {
    Map<String, Object> vars = new LinkedHashMap<>();
    vars.put("slipway_archive", archive.toString());
    if (serial != null) {
      vars.put("slipway_serial", serial);
    }
    return play("rolling-deploy.yml", vars);
  }

  static String version(String host) throws IOException {
    return ReleaseStatus.read(ROOTS.get(host).path()).version();
  }

  static Map<String, String> live() throws IOException {
    Map<String, String> live = new LinkedHashMap<>();
    for (String host : HOSTS) {
      live.put(host, ROOTS.get(host).live().orElse("none"));
    }
    return live;
  }

  static void dropGreeting(String host) throws IOException {
    Files.writeString(ROOTS.get(host).path().resolve("shared/.env.production"), ENV.replace("GREETING=hello from the env file\n", ""));
  }

  static void restoreEnv(String host) throws IOException {
    Files.writeString(ROOTS.get(host).path().resolve("shared/.env.production"), ENV);
  }

  @Test
  @Order(1)
  void aRollingDeployShipsTheInstallerAndReachesEveryHost() throws Exception {
    Play play = deploy(TestArchives.v1(), null);

    assertThat(play.exitCode()).as(play.output()).isZero();
    for (String host : HOSTS) {
      assertThat(tmp.resolve(host).resolve("opt/slipway-installer.jar")).as("installer shipped to " + host).isRegularFile();
      assertThat(version(host)).isEqualTo("1.0.0");
      assertThat(Http.get(SERVERS.get(host).url("/greeting"), Duration.ofSeconds(10)).status()).isEqualTo(200);
    }
    assertThat(play.changed()).containsOnlyKeys(HOSTS).allSatisfy((host, changed) -> assertThat(changed).isPositive());
  }

  @Test
  @Order(2)
  void aReRunOfTheSameArchiveChangesNothing() throws Exception {
    Map<String, String> before = live();

    Play play = deploy(TestArchives.v1(), null);

    assertThat(play.exitCode()).as(play.output()).isZero();
    assertThat(play.changed()).containsExactlyInAnyOrderEntriesOf(Map.of("h1", 0, "h2", 0, "h3", 0, "h4", 0));
    assertThat(live()).isEqualTo(before);
  }

  @Test
  @Order(3)
  void aFailingCanaryStopsThePlayBeforeAnyOtherHostChanges() throws Exception {
    Map<String, String> before = live();
    dropGreeting("h1");
    try {
      Play play = deploy(TestArchives.v2(), null); // the default serial: [1, "25%", "100%"], h1 is the canary

      assertThat(play.exitCode()).as(play.output()).isNotZero();
      assertThat(play.output()).contains("error: ENV_MISSING");
      assertThat(play.failed()).containsEntry("h1", 1);
      assertThat(live()).isEqualTo(before);
    } finally {
      restoreEnv("h1");
    }
  }

  @Test
  @Order(4)
  void aHostThatFailsStopsTheRolloutAndLaterHostsStayUntouched() throws Exception {
    Map<String, String> before = live();
    dropGreeting("h3");

    Play play = deploy(TestArchives.v2(), 1); // one host a batch, as the issue's scenario tells it

    assertThat(play.exitCode()).as(play.output()).isNotZero();
    assertThat(version("h1")).isEqualTo("2.0.0");
    assertThat(version("h2")).isEqualTo("2.0.0");
    assertThat(live().get("h3")).as("h3 still serves v1").isEqualTo(before.get("h3"));
    assertThat(live().get("h4")).as("h4 untouched").isEqualTo(before.get("h4"));
    assertThat(play.output()).contains("h3: installer install exited 22: error: ENV_MISSING");
    assertThat(play.failed()).containsEntry("h3", 1).doesNotContainKey("h4");
  }

  @Test
  @Order(5)
  void theConsistencyPlayFlagsTheHostsOnAnotherBuild() throws Exception {
    Play check = play("fleet-check.yml", Map.of());

    assertThat(check.exitCode()).as(check.output()).isNotZero();
    assertThat(check.output()).contains("hosts run different builds");
    // v1 and v2 share one Next.js build id (only package.json's version differs): the archive tells them apart.
    String v1Sha = ReleaseStatus.read(ROOTS.get("h3").path()).archiveSha256().substring(0, 12);
    String v2Sha = ReleaseStatus.read(ROOTS.get("h1").path()).archiveSha256().substring(0, 12);
    assertThat(check.output()).containsPattern("h1: hello-next 2\\.0\\.0 build \\S+ archive " + v2Sha + ";")
        .containsPattern("h3: hello-next 1\\.0\\.0 build \\S+ archive " + v1Sha + ";")
        .containsPattern("h4: hello-next 1\\.0\\.0 build \\S+ archive " + v1Sha + ";");
  }

  @Test
  @Order(6)
  void fixedAndRerunOnlyTheRemainingHostsChangeAndAThirdRunChangesNothing() throws Exception {
    restoreEnv("h3");
    Map<String, String> before = live();

    Play second = deploy(TestArchives.v2(), 1);
    Play third = deploy(TestArchives.v2(), 1);

    assertThat(second.exitCode()).as(second.output()).isZero();
    assertThat(second.changed()).containsEntry("h1", 0).containsEntry("h2", 0);
    assertThat(second.changed().get("h3")).isPositive();
    assertThat(second.changed().get("h4")).isPositive();
    assertThat(live().get("h1")).isEqualTo(before.get("h1"));
    HOSTS.forEach(host -> assertThat(uncheckedVersion(host)).as(host).isEqualTo("2.0.0"));
    assertThat(third.exitCode()).as(third.output()).isZero();
    assertThat(third.changed()).containsExactlyInAnyOrderEntriesOf(Map.of("h1", 0, "h2", 0, "h3", 0, "h4", 0));
  }

  @Test
  @Order(7)
  void theConsistencyPlayPassesOnOneBuildAndFlagsTheFileSystemCache() throws Exception {
    Play check = play("fleet-check.yml", Map.of());

    assertThat(check.exitCode()).as(check.output()).isZero();
    assertThat(check.output()).contains("every host runs hello-next 2.0.0 build", "on every host", "WARNING: a file-system cache handler on h1, h2, h3, h4");
    assertThat(check.output()).doesNotContain("c2VjcmV0LWtleS1mb3ItdGhlLWZsZWV0LXRlc3QtMTIzNDU=");
  }

  @Test
  @Order(8)
  void aLiveCheckFailureRollsTheCanaryBackAndStopsTheRollout() throws Exception {
    Map<String, String> before = live();

    Play play = deploy(TestArchives.withServerJs("fleet-500-once-live", RollbackEndToEndIT.ANSWERS_500_ONCE_LIVE), null);

    assertThat(play.exitCode()).as(play.output()).isNotZero();
    assertThat(play.output()).contains("h1: installer install exited 26");
    assertThat(live()).isEqualTo(before);
    // The restart command starts the server in the background: the rolled-back release answers soon after.
    assertThat(Http.awaitStatus(SERVERS.get("h1").url("/greeting"), 200, Duration.ofSeconds(60)).status()).isEqualTo(200);
  }

  @Test
  @Order(9)
  void aHostThatFailsTheCheckAfterItsInstallIsRolledBackByThePlay() throws Exception {
    Map<String, String> before = live();
    Map<String, Object> vars = new LinkedHashMap<>();
    vars.put("slipway_archive", TestArchives.v3().toString());
    // Where users reach the host (a proxy, say): nothing answers there, so the check after the install fails.
    vars.put("slipway_check_url", "http://127.0.0.1:" + Http.freePort() + "/");

    Play play = play("rolling-deploy.yml", vars);

    assertThat(play.exitCode()).as(play.output()).isNotZero();
    assertThat(play.output()).contains("roll back the release this play made live");
    assertThat(play.failed()).containsEntry("h1", 1);
    assertThat(live()).as(play.output()).isEqualTo(before);
    ReleaseStatus h1 = ReleaseStatus.read(ROOTS.get("h1").path());
    assertThat(h1.version()).isEqualTo("2.0.0");
    assertThat(h1.wentLiveBy()).as("v3 went live, then the play's rollback put v2 back").isEqualTo("rollback");
    assertThat(Http.awaitStatus(SERVERS.get("h1").url("/greeting"), 200, Duration.ofSeconds(60)).status()).isEqualTo(200);
  }

  private static String uncheckedVersion(String host) {
    try {
      return version(host);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
