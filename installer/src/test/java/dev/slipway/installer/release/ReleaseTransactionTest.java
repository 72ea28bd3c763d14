package dev.slipway.installer.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.slipway.format.FailureKind;
import dev.slipway.format.Reporter;
import dev.slipway.format.SlipwayException;
import dev.slipway.installer.StepHook;
import dev.slipway.installer.layout.CurrentLink;
import dev.slipway.installer.layout.History;
import dev.slipway.installer.layout.HistoryEntry;
import dev.slipway.installer.layout.ReleaseMarks;
import dev.slipway.installer.layout.ReleaseRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seam of issue #19: whatever {@link Switchover} makes a release serve, the transaction keeps
 * the switch-back policy, the truthful reports and the history line. The switchover here is a
 * stand-in for blue/green (#21) or IIS (#25).
 */
class ReleaseTransactionTest {
  private static final String OLD = "20261127T163001Z-a1";
  private static final String NEW = "20261127T163002Z-b2";

  @TempDir Path tmp;
  private ReleaseRoot root;
  private final List<String> calls = new ArrayList<>();

  @BeforeEach
  void oldLiveNewReady() throws IOException {
    root = ReleaseRoot.open(tmp.resolve("root"), true);
    for (String id : new String[] {OLD, NEW}) {
      Files.createDirectories(root.releaseDir(id));
    }
    CurrentLink.switchTo(root, OLD);
  }

  /** Switches the link like today's, then reports {@code failure} (or throws {@code thrown}) in the restart step. */
  private Switchover slots(Optional<String> failure, RuntimeException thrown) {
    return new Switchover() {
      @Override
      public Optional<String> goLive(Handover handover) throws IOException {
        calls.add("goLive " + handover.releaseId() + " from " + handover.previous().orElse("-"));
        CurrentLink.switchTo(handover.root(), handover.releaseId());
        handover.markSwitched();
        handover.enter(Step.RESTART);
        if (thrown != null) {
          throw thrown;
        }
        return failure;
      }

      @Override
      public Optional<String> switchBack(Handover back) throws IOException {
        calls.add("switchBack " + back.releaseId() + " from " + back.previous().orElse("-"));
        CurrentLink.switchTo(back.root(), back.releaseId());
        return Optional.empty();
      }

      @Override
      public void settle(Handover handover) {
        calls.add("settle " + handover.releaseId());
      }

      @Override
      public Optional<String> note() {
        return Optional.of("slot b, port 3101");
      }
    };
  }

  private String run(Switchover switchover) throws IOException {
    Attempt attempt = Attempt.rollback(root, Duration.ZERO,
        new Attempt.GoLiveSettings(switchover, List.of(), Duration.ofSeconds(1)));
    return new ReleaseTransaction(Reporter.SILENT, Clock.systemUTC(), StepHook.NONE).run(attempt, new ReleaseSteps<String>() {
      @Override
      public Target<String> beforeSwitch(Attempt a) {
        a.from(OLD);
        a.releaseId(NEW);
        return Target.switchTo(NEW, Optional.of(OLD));
      }

      @Override
      public String result(Attempt a, Target<String> target, long durationMillis) {
        return "live " + target.releaseId();
      }
    });
  }

  private HistoryEntry lastLine() throws IOException {
    List<HistoryEntry> lines = new History(root.historyFile()).readAll();
    return lines.get(lines.size() - 1);
  }

  @Test
  void aSwitchoverThatCannotMakeTheReleaseServeIsSwitchedBackAndTheReleaseMarkedBad() throws Exception {
    SlipwayException failure = catchThrowableOfType(SlipwayException.class,
        () -> run(slots(Optional.of("slot b did not answer on port 3101"), null)));

    assertThat(failure.kind()).isEqualTo(FailureKind.LIVE_CHECK_ROLLED_BACK);
    assertThat(failure.causeCode()).isEqualTo("RESTART_FAILED");
    assertThat(failure.getMessage())
        .isEqualTo("slot b did not answer on port 3101; rolled back to " + OLD + " and marked " + NEW + " bad");
    assertThat(calls).containsExactly("goLive " + NEW + " from " + OLD, "switchBack " + OLD + " from " + NEW);
    assertThat(CurrentLink.liveReleaseId(root)).contains(OLD);
    assertThat(new ReleaseMarks(root).isBad(NEW)).isTrue();
    assertThat(lastLine().result()).isEqualTo(HistoryEntry.ROLLED_BACK);
    assertThat(lastLine().failedStep()).isEqualTo("restart");
  }

  /** Refuses in the switch step, before the point of no return, as blue/green does when a slot fails. */
  private Switchover refusing(FailureKind kind, String causeCode) {
    return new Switchover() {
      @Override
      public Optional<String> goLive(Handover handover) {
        throw new SlipwayException(kind, causeCode, "refused: the new instance on slot 3101 " + causeCode, null, "fix it");
      }

      @Override
      public Optional<String> switchBack(Handover back) {
        throw new AssertionError("nothing was switched");
      }
    };
  }

  @Test
  void aRefusalBecauseTheReleaseDidNotAnswerMarksItBadAndChangesNothingElse() throws Exception {
    SlipwayException refusal = catchThrowableOfType(SlipwayException.class,
        () -> run(refusing(FailureKind.SMOKE_FAILED, "SLOT_UNHEALTHY")));

    assertThat(refusal.causeCode()).isEqualTo("SLOT_UNHEALTHY");
    assertThat(new ReleaseMarks(root).isBad(NEW)).isTrue();
    assertThat(CurrentLink.liveReleaseId(root)).contains(OLD);
    assertThat(lastLine().result()).isEqualTo(HistoryEntry.REFUSED);
  }

  @Test
  void aRefusalTheHostIsToBlameForLeavesTheReleaseChoosable() throws Exception {
    for (String[] refusal : new String[][] {{"SWITCH_FAILED", "SLOT_START_FAILED"}, {"APP_USER", "SLOT_RUNS_AS_ROOT"}}) {
      SlipwayException thrown = catchThrowableOfType(SlipwayException.class,
          () -> run(refusing(FailureKind.valueOf(refusal[0]), refusal[1])));

      assertThat(thrown.causeCode()).isEqualTo(refusal[1]);
      assertThat(new ReleaseMarks(root).isBad(NEW)).as(refusal[1]).isFalse();
      assertThat(CurrentLink.liveReleaseId(root)).contains(OLD);
    }
  }

  @Test
  void aSwitchoversNoteGoesIntoTheSuccessLineAndItSettlesOnceLive() throws Exception {
    assertThat(run(slots(Optional.empty(), null))).isEqualTo("live " + NEW);

    assertThat(calls).containsExactly("goLive " + NEW + " from " + OLD, "settle " + NEW);
    assertThat(lastLine().result()).isEqualTo(HistoryEntry.OK);
    assertThat(lastLine().switchover()).isEqualTo("slot b, port 3101");
    assertThat(lastLine().fromReleaseId()).isEqualTo(OLD);
  }

  @Test
  void aSignalOnceTheSwitchoverMarkedTheSwitchSaysWhereCurrentPoints() throws Exception {
    SlipwayException failure = catchThrowableOfType(SlipwayException.class,
        () -> run(slots(Optional.empty(), Abort.interrupted())));

    assertThat(failure.causeCode()).isEqualTo("ABORTED_AFTER_SWITCH");
    assertThat(failure.getMessage()).startsWith(
        "interrupted after the switch: current now points to " + NEW + " (was " + OLD + ")");
    assertThat(calls).doesNotContain("settle " + NEW);
    assertThat(lastLine().result()).isEqualTo(HistoryEntry.ABORTED);
    assertThat(lastLine().causeCode()).isEqualTo("ABORTED_AFTER_SWITCH");
  }
}
