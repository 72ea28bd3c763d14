package dev.slipway.installer.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.slipway.format.Reporter;
import dev.slipway.installer.user.AppUser;
import dev.slipway.installer.InstallRequest;
import dev.slipway.installer.Installer;
import dev.slipway.installer.release.Step;
import dev.slipway.installer.StepHook;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/RELIABILITY.md, README step 10: every attempt writes a history line. An I/O error before
 * the switch escaped both engines without one (issue #20); the signal during unpack is in
 * {@link InstallSignalIT}.
 */
class EveryAttemptInHistoryIT {
  @TempDir Path tmp;
  Root root;
  Path logs;
  String a1;

  @BeforeEach
  void installA1() throws Exception {
    root = Root.create(tmp.resolve("root"));
    logs = tmp.resolve("logs");
    Cli.Result first = Cli.run(logs, "install", TinyApps.archive("a1").toString(), "--root", root.arg());
    assertThat(first.exitCode()).as(first.toString()).isZero();
    a1 = root.requireLive();
  }

  @AfterEach
  void killLeftovers() {
    root.killProcesses();
  }

  @Test
  void anIoErrorBeforeTheSwitchWritesARefusedLine() throws Exception {
    // At the switch step, staging is complete and smoke-tested: the next write (the rename) fails.
    StepHook failingSwitch = step -> {
      if (step == Step.SWITCH) {
        throw new UncheckedIOException(new FileSystemException(root.path().resolve("releases").toString(), null, "Input/output error"));
      }
    };
    int linesBefore = root.history().size();

    Throwable thrown = catchThrowable(() -> new Installer(Reporter.SILENT, Cli.BASE_ENV, Clock.systemUTC(), failingSwitch)
        .install(InstallRequest.of(TinyApps.archive("b2"), root.path()).withAppUser(AppUser.ROOT_ALLOWED)));

    assertThat(thrown).isInstanceOf(UncheckedIOException.class);
    Root.assertHistoryLine(root.addedHistoryLine(linesBefore), "install", "refused", "switch", "LOCAL_IO");
    assertThat(root.live()).contains(a1);
    assertThat(root.stagingDirs()).isEmpty();
  }

  @Test
  void aRollbackIoErrorBeforeTheSwitchWritesARefusedLine() throws Exception {
    Cli.Result second = Cli.run(logs, "install", TinyApps.archive("b2").toString(), "--root", root.arg());
    assertThat(second.exitCode()).as(second.toString()).isZero();
    String b2 = root.requireLive();
    // A folder where the target's .env.production goes: refreshing it from --env-file fails with EISDIR.
    Files.createDirectories(root.path().resolve("releases").resolve(a1).resolve(".env.production/in-the-way"));
    Path envFile = Files.writeString(tmp.resolve("env"), "ANY=value\n");
    int linesBefore = root.history().size();

    Cli.Result rollback = Cli.run(logs, "rollback", "--root", root.arg(), "--env-file", envFile.toString());

    assertThat(rollback.exitCode()).as(rollback.toString()).isEqualTo(32);
    assertThat(rollback.errorLine()).startsWith("error: LOCAL_IO: ");
    Root.assertHistoryLine(root.addedHistoryLine(linesBefore), "rollback", "refused", "env", "LOCAL_IO");
    assertThat(root.live()).contains(b2);
  }

  @Test
  void aRefusedAdoptionWritesARefusedLine() throws Exception {
    int linesBefore = root.history().size();

    Cli.Result adopt = Cli.run(logs, "adopt", "--root", root.arg()); // current is a link already

    assertThat(adopt.exitCode()).as(adopt.toString()).isEqualTo(28);
    Root.assertHistoryLine(root.addedHistoryLine(linesBefore), "adopt", "refused", null, "NOTHING_TO_ADOPT");
    assertThat(root.live()).contains(a1);
  }

  /**
   * Issue #19: adopt runs through the release transaction, so a SIGTERM while it holds the lock is an
   * {@code aborted} line naming the step, exit 143, and the manual deploy is left as it was; the
   * next adopt, the lock released, succeeds.
   */
  @Test
  void aSignalledAdoptionWritesAnAbortedLineAndLeavesTheManualDeploy() throws Exception {
    Root manual = Root.create(tmp.resolve("manual"));
    Files.createDirectories(manual.path().resolve("current"));
    Files.writeString(manual.path().resolve("current/server.js"), "// a manual deploy");

    Cli.Running run = Cli.start(logs, Map.of("SLIPWAY_TEST_HOLD_AT", "switch"), "adopt", "--root", manual.arg());
    run.awaitStderr("slipway-test: holding at switch", Duration.ofSeconds(60));
    assertThat(run.signal("TERM")).as("the run was alive for the signal").isTrue();
    Cli.Result adopt = run.awaitExit(Duration.ofSeconds(45));

    assertThat(adopt.exitCode()).as(adopt.toString()).isEqualTo(143);
    Root.assertHistoryLine(manual.addedHistoryLine(0), "adopt", "aborted", "switch", "ABORTED");
    assertThat(Files.isSymbolicLink(manual.path().resolve("current"))).isFalse();
    assertThat(manual.path().resolve("current/server.js")).hasContent("// a manual deploy");

    Cli.Result again = Cli.run(logs, "adopt", "--root", manual.arg()); // the lock was released
    assertThat(again.exitCode()).as(again.toString()).isZero();
    assertThat(Files.readString(manual.path().resolve("releases").resolve(manual.requireLive()).resolve("server.js")))
        .isEqualTo("// a manual deploy");
  }
}
