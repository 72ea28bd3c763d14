package dev.slipway.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.slipway.testkit.ExampleApp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/ansible's role with {@code slipway_bundle}: the Linux bundle goes to a host that has no
 * Java, into a folder of its version, and the host's installer is a link into it. Real
 * ansible-core on a local "host" whose PATH has node and npm and no java.
 */
class AnsibleBundleIT {
  static final Pattern RECAP = Pattern.compile("^web1\\s*: ok=\\d+\\s+changed=(\\d+)\\s+unreachable=\\d+\\s+failed=(\\d+)", Pattern.MULTILINE);

  @TempDir static Path tmp;
  static Path path;
  static Path archive;

  @BeforeAll
  static void aHostWithoutJavaAndAnArchive() throws Exception {
    assumeTrue(Bundles.buildMakesTheLinuxBundle(), "the Linux x86-64 bundle is built on Linux x86-64 only");
    path = Bundles.pathWithoutJava(tmp.resolve("host bin"));
    assertThat(path.resolve("ansible-playbook")).as("ansible-playbook (apt-get install ansible-core; .ci/run installs it)").exists();
    Path app = ExampleApp.named("hello-next").freshCopy(tmp.resolve("app"));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path packager = ExampleApp.repoRoot().resolve("packager/target/slipway-packager.jar");
    archive = Path.of(Command.run(tmp.resolve("logs"), Map.of("PATH", System.getenv("PATH")), tmp,
        List.of(java.toString(), "-jar", packager.toString(), "package", app.toString(), "--out", tmp.resolve("out").toString()))
        .succeeded().lastLine());
  }

  @AfterAll
  static void removeThePathLinks() throws IOException {
    Bundles.deleteLinks(path);
  }

  @Test
  void theRoleShipsTheBundleToAHostWithoutJavaInstallsWithItAndARerunChangesNothing() throws Exception {
    Path host = Files.createDirectories(tmp.resolve("web1"));
    Path root = Files.createDirectories(host.resolve("srv/shop/shared"));
    Files.writeString(root.resolve(".env.production"), "GREETING=hello from the role\n");
    Files.createSymbolicLink(root.resolve("npm-cache"), Files.createDirectories(ExampleApp.repoRoot().resolve("target/testkit/npm-cache")));
    Map<String, Object> vars = hostVars(host);
    vars.put("slipway_bundle", Bundles.linuxTarGz().toString());

    Command first = play(host, vars);

    assertThat(first.exitCode()).as("first play:\n%s", first.stdout()).isZero();
    Path installer = host.resolve("opt/installer");
    Path unpacked = host.resolve("opt").resolve(Bundles.name() + "-linux-x64");
    assertThat(Files.readSymbolicLink(installer)).isEqualTo(unpacked.resolve("bin/installer"));
    Command status = Command.run(tmp.resolve("logs"), Bundles.serverEnv(path, host), host,
        List.of(installer.toString(), "status", "--root", host.resolve("srv/shop").toString(), "--json")).succeeded();
    assertThat(status.stdout()).contains("\"app\":\"hello-next\"");
    assertThat(first.stdout()).contains("slipway | unpack " + Bundles.linuxTarGz().getFileName());
    assertThat(host.resolve("opt/slipway-installer.jar")).as("the jar way is not taken").doesNotExist();

    Command again = play(host, vars);

    assertThat(again.exitCode()).as("second play:\n%s", again.stdout()).isZero();
    assertThat(recap(again)).as("changed and failed of the re-run:\n%s", again.stdout()).isEqualTo(new int[] {0, 0});
  }

  @Test
  void withoutTheBundleAHostWithoutJavaIsToldWhatToSet() throws Exception {
    Path host = Files.createDirectories(tmp.resolve("web2"));
    Files.createDirectories(host.resolve("srv/shop/shared"));

    Command play = play(host, hostVars(host));

    assertThat(play.exitCode()).isNotZero();
    assertThat(play.stdout()).contains("cannot be run on web1").contains("slipway_bundle");
    assertThat(host.resolve("opt")).doesNotExist();
  }

  private static Map<String, Object> hostVars(Path host) {
    Map<String, Object> vars = new HashMap<>();
    vars.put("ansible_connection", "local");
    vars.put("ansible_python_interpreter", "/usr/bin/python3");
    vars.put("slipway_root", host.resolve("srv/shop").toString());
    vars.put("slipway_archive", archive.toString());
    vars.put("slipway_installer_dir", host.resolve("opt").toString());
    vars.put("slipway_upload_dir", host.resolve("upload").toString());
    // Tests run as root (CI); the service user has its own tests (ServiceUserIT).
    vars.put("slipway_allow_root_app", true);
    return vars;
  }

  /** The role alone, on one local host named web1, with the host's PATH (no java). */
  private static Command play(Path host, Map<String, Object> vars) throws Exception {
    StringBuilder inventory = new StringBuilder("all:\n  hosts:\n    web1:\n");
    vars.forEach((name, value) -> inventory.append("      ").append(name).append(": ").append(yaml(value)).append('\n'));
    Path inventoryFile = Files.writeString(host.resolve("inventory.yml"), inventory);
    Path playbook = Files.writeString(host.resolve("play.yml"),
        "- hosts: all\n  gather_facts: false\n  roles: [slipway_install]\n");
    Map<String, String> env = new HashMap<>(Bundles.serverEnv(path, Files.createDirectories(host.resolve("home"))));
    env.put("ANSIBLE_NOCOLOR", "1");
    env.put("ANSIBLE_ROLES_PATH", ExampleApp.repoRoot().resolve("deploy/ansible/roles").toString());
    env.put("ANSIBLE_HOME", host.resolve("ansible-home").toString());
    env.put("ANSIBLE_LOCAL_TEMP", host.resolve("ansible-home/tmp").toString());
    env.put("ANSIBLE_RETRY_FILES_ENABLED", "0");
    return Command.run(tmp.resolve("logs"), env, host,
        List.of("ansible-playbook", "-i", inventoryFile.toString(), playbook.toString()));
  }

  /** JSON is YAML: a quoted string, or true/false. */
  private static String yaml(Object value) {
    return value instanceof Boolean ? value.toString() : '"' + value.toString().replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  /** {changed, failed} of web1 in the play's recap. */
  private static int[] recap(Command play) {
    Matcher recap = RECAP.matcher(play.stdout());
    assertThat(recap.find()).as("a recap line for web1 in:\n%s", play.stdout()).isTrue();
    return new int[] {Integer.parseInt(recap.group(1)), Integer.parseInt(recap.group(2))};
  }
}
