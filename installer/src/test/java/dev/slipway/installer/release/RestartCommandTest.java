package dev.slipway.installer.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.installer.layout.ReleaseRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --restart-command}, run by the one process runner (issue #19). */
class RestartCommandTest {
  private static final String RELEASE = "20261205T160000Z-abc";

  @TempDir Path tmp;

  @Test
  void runsInTheRootWithTheReleaseNamedAndAppendsItsOutputToTheRestartLog() throws Exception {
    ReleaseRoot root = ReleaseRoot.open(tmp, true);

    Optional<String> failure = RestartCommand.run(root,
        "echo \"release=$SLIPWAY_RELEASE dir=$SLIPWAY_RELEASE_DIR pwd=$(pwd)\"; echo oops >&2", RELEASE);

    assertThat(failure).isEmpty();
    String log = Files.readString(root.stateDir().resolve("logs/restart.log"));
    assertThat(log).contains("release=" + RELEASE, "dir=" + root.releaseDir(RELEASE), "pwd=" + root.path(), "oops");
  }

  @Test
  void aCommandThatFailsIsReportedWithItsExitCodeAndLog() throws Exception {
    ReleaseRoot root = ReleaseRoot.open(tmp, true);

    Optional<String> failure = RestartCommand.run(root, "exit 3", RELEASE);

    assertThat(failure).get().asString().contains("exited with 3", "restart.log");
  }

  @Test
  void aServerTheCommandLeavesRunningInTheBackgroundIsNotStopped() throws Exception {
    ReleaseRoot root = ReleaseRoot.open(tmp, true);
    Path pidFile = tmp.resolve("server.pid");

    Optional<String> failure = RestartCommand.run(root, "sleep 60 & echo $! > " + pidFile, RELEASE);

    assertThat(failure).isEmpty();
    ProcessHandle server = ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip())).orElseThrow();
    try {
      assertThat(server.isAlive()).isTrue();
    } finally {
      server.destroyForcibly();
    }
  }
}
