package dev.slipway.installer.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #20, section 5: a root that someone less privileged can write, as an attacker would plant
 * things in it. Each test plants one thing and runs a real install with the shaded jar.
 */
class PlantedStateIT {
  @TempDir Path tmp;
  Root root;
  Process stranger;

  @AfterEach
  void stopWhatWeStarted() throws Exception {
    if (stranger != null) {
      stranger.destroyForcibly();
      stranger.waitFor(10, TimeUnit.SECONDS);
    }
    if (root != null) {
      root.killProcesses();
    }
  }

  @Test
  void aHistoryLinkPlantedInTheRootIsRefusedAndItsTargetStaysUnchanged() throws Exception {
    root = Root.create(tmp.resolve("root"));
    Path target = Files.writeString(tmp.resolve("passwd-like"), "root:x:0:0\n");
    Files.createSymbolicLink(root.path().resolve("history.jsonl"), target);

    Cli.Result install = Cli.run(tmp.resolve("logs"), "install", TinyApps.archive("a1").toString(), "--root", root.arg());

    assertThat(install.exitCode()).as(install.toString()).isEqualTo(28);
    assertThat(install.errorLine()).startsWith("error: STATE_FILE_IS_LINK: " + root.path().resolve("history.jsonl")
        + " is a symbolic link (to " + target + ")");
    assertThat(install.stderrText()).contains("remove the link");
    assertThat(Files.readString(target)).isEqualTo("root:x:0:0\n");
    assertThat(root.live()).isEmpty();
  }

  @Test
  void aRestartLogLinkPlantedInTheRootIsRefusedAndItsTargetStaysUnchanged() throws Exception {
    root = Root.create(tmp.resolve("root"));
    Path target = Files.writeString(tmp.resolve("cron-like"), "# untouched\n");
    Path logs = Files.createDirectories(root.path().resolve(".slipway/logs"));
    Files.createSymbolicLink(logs.resolve("restart.log"), target);

    Cli.Result install = Cli.run(tmp.resolve("logs"), "install", TinyApps.archive("a1").toString(), "--root", root.arg(),
        "--restart-command", "echo '* * * * * root evil' ");

    assertThat(install.exitCode()).as(install.toString()).isEqualTo(28);
    assertThat(install.errorLine()).startsWith("error: STATE_FILE_IS_LINK: " + logs.resolve("restart.log"));
    assertThat(Files.readString(target)).isEqualTo("# untouched\n");
  }

  @Test
  void aPlantedChildRegistryNamingAnUnmarkedProcessLeavesItRunning() throws Exception {
    root = Root.create(tmp.resolve("root"));
    stranger = new ProcessBuilder("sleep", "300").start();
    Instant started = stranger.toHandle().info().startInstant().orElseThrow();
    Path registry = Files.createDirectories(root.path().resolve(".slipway")).resolve("children.json");
    Files.writeString(registry, "{\"children\":[{\"pid\":" + stranger.pid() + ",\"startInstant\":\"" + started
        + "\",\"command\":\"node server.js\"}]}");

    Cli.Result install = Cli.run(tmp.resolve("logs"), "install", TinyApps.archive("a1").toString(), "--root", root.arg());

    assertThat(install.exitCode()).as(install.toString()).isZero();
    assertThat(stranger.isAlive()).as("a process without this root's mark is not ours to stop").isTrue();
    assertThat(install.stderrText()).contains("left process " + stranger.pid() + " alone: children.json names it,"
        + " but it does not carry this root's mark");
  }

  @Test
  void aWorldWritableStateFolderIsRefusedWhenRunningAsRoot() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "the check applies to an installer running as root");
    root = Root.create(tmp.resolve("root"));
    Path state = Files.createDirectories(root.path().resolve(".slipway"));
    Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwxrwxrwx"));

    Cli.Result install = Cli.run(tmp.resolve("logs"), "install", TinyApps.archive("a1").toString(), "--root", root.arg());

    assertThat(install.exitCode()).as(install.toString()).isEqualTo(28);
    assertThat(install.errorLine()).startsWith("error: STATE_WRITABLE_BY_OTHERS: " + state
        + " can be written by its group or by everyone");
    assertThat(install.stderrText()).contains("chown root: " + root.path() + " " + state + " && chmod go-w");
    assertThat(root.live()).isEmpty();
  }

  @Test
  void aRootOwnedByAnotherUserIsRefusedWhenRunningAsRoot() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "the check applies to an installer running as root");
    root = Root.create(tmp.resolve("root"));
    Files.setAttribute(root.path(), "unix:uid", 65534);

    Cli.Result install = Cli.run(tmp.resolve("logs"), "install", TinyApps.archive("a1").toString(), "--root", root.arg());

    assertThat(install.exitCode()).as(install.toString()).isEqualTo(28);
    assertThat(install.errorLine()).startsWith("error: STATE_WRITABLE_BY_OTHERS: " + root.path()
        + " belongs to user id 65534, not root");
  }

  @Test
  void theStateFolderAnInstallCreatesIsPrivate() throws Exception {
    root = Root.create(tmp.resolve("root"));

    Cli.Result install = Cli.run(tmp.resolve("logs"), "install", TinyApps.archive("a1").toString(), "--root", root.arg(),
        "--restart-command", "true");

    assertThat(install.exitCode()).as(install.toString()).isZero();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.path().resolve(".slipway"))))
        .isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.path().resolve(".slipway/logs"))))
        .isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.path().resolve(".slipway/logs/restart.log"))))
        .isEqualTo("rw-------");
  }
}
