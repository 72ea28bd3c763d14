package dev.slipway.installer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.slipway.format.FailureKind;
import dev.slipway.format.Reporter;
import dev.slipway.format.SlipwayException;
import dev.slipway.installer.layout.CurrentLink;
import dev.slipway.installer.layout.History;
import dev.slipway.installer.layout.HistoryEntry;
import dev.slipway.installer.layout.ReleaseRoot;
import dev.slipway.installer.release.Step;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rollback runs through the same release transaction as install (issue #19): an unexpected
 * failure after its switch used to be rethrown bare, saying nothing of the target being live.
 */
class RollbackTest {
  private static final String OLD = "20261127T163001Z-a1";
  private static final String LIVE = "20261127T163002Z-b2";

  @TempDir Path tmp;
  private ReleaseRoot root;

  @BeforeEach
  void twoReleasesTheNewerLive() throws Exception {
    root = ReleaseRoot.open(tmp.resolve("root"), true);
    for (String id : new String[] {OLD, LIVE}) {
      Files.writeString(Files.createDirectories(root.releaseDir(id)).resolve("server.js"), "// " + id);
    }
    CurrentLink.switchTo(root, LIVE);
  }

  @Test
  void aFailureAfterTheSwitchSaysWhichReleaseIsLiveAndGetsItsHistoryLine() throws Exception {
    Path denied = root.path().resolve("restart.lock");
    StepHook failingRestart = step -> {
      if (step == Step.RESTART) {
        throw new UncheckedIOException(new AccessDeniedException(denied.toString()));
      }
    };

    SlipwayException failure = catchThrowableOfType(SlipwayException.class,
        () -> new Rollback(Reporter.SILENT, Map.of(), Clock.systemUTC(), failingRestart)
            .rollback(RollbackRequest.of(root.path()).withTo(OLD).withForce(true)));

    assertThat(CurrentLink.liveReleaseId(root)).contains(OLD);
    assertThat(failure.kind()).isEqualTo(FailureKind.LOCAL_IO);
    assertThat(failure.getMessage()).isEqualTo("cannot read or write " + denied + ": AccessDeniedException; this happened"
        + " after the switch: current now points to " + OLD + " (was " + LIVE + ")");
    assertThat(failure.fix()).endsWith("`installer rollback --root ROOT --to " + LIVE + "` goes back to " + LIVE);
    HistoryEntry line = new History(root.historyFile()).readAll().get(0);
    assertThat(line.action()).isEqualTo(HistoryEntry.ROLLBACK);
    assertThat(line.releaseId()).isEqualTo(OLD);
    assertThat(line.fromReleaseId()).isEqualTo(LIVE);
    assertThat(line.failedStep()).isEqualTo("restart");
    assertThat(line.causeCode()).isEqualTo("LOCAL_IO");
  }

  @Test
  void aRollbackWithoutFailuresSwitchesAndWritesItsOkLine() throws Exception {
    RollbackResult result = new Rollback(Reporter.SILENT, Map.of(), Clock.systemUTC())
        .rollback(RollbackRequest.of(root.path()).withTo(OLD).withForce(true));

    assertThat(result.summary()).isEqualTo("from " + LIVE + " (unknown) to " + OLD + " (unknown)");
    assertThat(CurrentLink.liveReleaseId(root)).contains(OLD);
    HistoryEntry line = new History(root.historyFile()).readAll().get(0);
    assertThat(line.result()).isEqualTo(HistoryEntry.OK);
    assertThat(line.releaseId()).isEqualTo(OLD);
    assertThat(line.fromReleaseId()).isEqualTo(LIVE);
    assertThat(line.switchover()).isNull();
  }
}
