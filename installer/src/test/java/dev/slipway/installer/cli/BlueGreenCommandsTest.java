package dev.slipway.installer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.format.cli.CapturedRun;
import dev.slipway.installer.release.Abort;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue #21: {@code installer blue-green}, {@code nginx-conf} and {@code systemd-unit} from the command line. */
class BlueGreenCommandsTest {
  @TempDir Path tmp;

  private static CapturedRun run(String... args) {
    return CapturedRun.of(InstallerMain.commandLine(new Abort(), args[0]), args);
  }

  @Test
  void blueGreenWritesSwitchJsonAndTheUpstreamFileWhichNginxConfIncludes() throws Exception {
    Path root = tmp.resolve("shop");
    Path upstream = tmp.resolve("nginx/shop-upstream.conf");
    Files.createDirectories(root);
    CapturedRun refused = run("nginx-conf", "--root", root.toString());
    assertThat(refused.exit()).isEqualTo(2);
    assertThat(String.join("\n", refused.err())).contains("SWITCH_NOT_CONFIGURED");

    CapturedRun configured = run("blue-green", "--root", root.toString(), "--port", "3001", "--port", "3002",
        "--start-command", "systemctl start slipway-shop@{port}", "--stop-command", "systemctl stop slipway-shop@{port}",
        "--upstream-file", upstream.toString());

    assertThat(configured.exit()).as(configured.toString()).isZero();
    assertThat(configured.out().strip()).endsWith(root.resolve("shared/switch.json").toString());
    assertThat(Files.readString(upstream)).contains("upstream slipway_shop {").contains("server 127.0.0.1:3001;");
    CapturedRun site = run("nginx-conf", "--root", root.toString(), "--server-name", "shop.example");
    assertThat(site.exit()).as(site.toString()).isZero();
    assertThat(site.out()).contains("include " + upstream + ";", "server_name shop.example;",
        "alias " + root.resolve("shared/static") + "/;", "proxy_pass http://slipway_shop;");

    assertThat(run("blue-green", "--root", root.toString(), "--off").exit()).isZero();
    assertThat(root.resolve("shared/switch.json")).doesNotExist();
  }

  @Test
  void blueGreenRefusesOneSlotOrACommandWithoutThePort() {
    Path root = tmp.resolve("shop");
    CapturedRun oneSlot = run("blue-green", "--root", root.toString(), "--port", "3001", "--start-command", "a {port}",
        "--stop-command", "b {port}", "--upstream-file", "/etc/nginx/u.conf");
    CapturedRun noPort = run("blue-green", "--root", root.toString(), "--port", "3001", "--port", "3002",
        "--start-command", "systemctl start shop", "--stop-command", "b {port}", "--upstream-file", "/etc/nginx/u.conf");

    assertThat(oneSlot.exit()).isEqualTo(2);
    assertThat(String.join("\n", oneSlot.err())).contains("SWITCH_OPTIONS").contains("at least two slots");
    assertThat(noPort.exit()).isEqualTo(2);
    assertThat(String.join("\n", noPort.err())).contains("{port}");
  }

  @Test
  void systemdUnitRunsTheSlotsReleaseAsTheServiceUserAndNeverAsRoot() {
    Path root = tmp.resolve("shop");
    CapturedRun unit = run("systemd-unit", "--root", root.toString(), "--service-user", "shop", "--node", "/usr/bin/node");
    assertThat(unit.exit()).as(unit.toString()).isZero();
    assertThat(unit.out()).contains("User=shop\n", "ExecStart=/usr/bin/node " + root + "/slots/%i/server.js\n");

    assertThat(run("systemd-unit", "--root", root.toString(), "--service-user", "root").exit()).isEqualTo(2);
  }
}
