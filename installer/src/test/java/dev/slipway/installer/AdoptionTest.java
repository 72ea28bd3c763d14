package dev.slipway.installer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.format.Reporter;
import dev.slipway.format.SlipwayException;
import dev.slipway.installer.release.Step;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code installer adopt} with the clock it is given, through the release transaction as install and rollback (issue #19). */
class AdoptionTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-05T17:00:00Z"), ZoneOffset.UTC);

  @TempDir Path root;

  @Test
  void theAdoptedReleaseAndItsHistoryLineCarryTheClocksTime() throws Exception {
    manualDeploy();

    String id = Adoption.adopt(root, CLOCK);

    assertThat(id).startsWith("20261205T170000Z-adopted");
    assertThat(Files.readString(root.resolve("releases").resolve(id).resolve("server.js"))).contains("manual deploy");
    assertThat(Files.readString(root.resolve("history.jsonl"))).contains("\"time\":\"2026-12-05T17:00:00Z\"", "\"action\":\"adopt\"");
    assertThat(Files.readSymbolicLink(root.resolve("current"))).isEqualTo(Path.of("releases", id));
  }

  @Test
  void aRefusedAdoptionWritesItsLineWithTheStepAndTheMeasuredDuration() throws Exception {
    Files.createDirectories(root.resolve("releases/20261205T160000Z-a"));
    Files.createSymbolicLink(root.resolve("current"), Path.of("releases/20261205T160000Z-a"));

    assertThatThrownBy(() -> new Adoption(Reporter.SILENT, new TickingClock(), StepHook.NONE).adopt(root, Optional.empty()))
        .isInstanceOf(SlipwayException.class).hasMessageContaining("already a link");

    // The old engine wrote durationMillis 0; the transaction measures every attempt with its clock.
    assertThat(lastHistoryLine()).contains("\"action\":\"adopt\"", "\"result\":\"refused\"", "\"failedStep\":\"adopt\"",
        "\"causeCode\":\"NOTHING_TO_ADOPT\"", "\"durationMillis\":").doesNotContain("\"durationMillis\":0");
  }

  @Test
  void anAdoptionInterruptedBeforeTheMoveWritesAnAbortedLineAndChangesNothing() throws Exception {
    manualDeploy();
    StepHook signalAtSwitch = step -> {
      if (step == Step.SWITCH) {
        Thread.currentThread().interrupt(); // as the CLI's signal handler does to the working thread
      }
    };

    try {
      assertThatThrownBy(() -> new Adoption(Reporter.SILENT, CLOCK, signalAtSwitch).adopt(root, Optional.empty()))
          .isInstanceOf(SlipwayException.class).hasMessageContaining("current and every release are unchanged");
    } finally {
      assertThat(Thread.interrupted()).as("the abort keeps the thread interrupted").isTrue();
    }

    assertThat(lastHistoryLine()).contains("\"action\":\"adopt\"", "\"result\":\"aborted\"", "\"failedStep\":\"switch\"",
        "\"causeCode\":\"ABORTED\"", "\"releaseId\":\"20261205T170000Z-adopted\"");
    assertThat(root.resolve("current")).isDirectory();
    assertThat(Files.isSymbolicLink(root.resolve("current"))).isFalse();
    assertThat(root.resolve("current/server.js")).hasContent("// a manual deploy");
    assertThat(Files.exists(root.resolve(".current.adopting"), LinkOption.NOFOLLOW_LINKS)).isFalse();
    try (var releases = Files.list(root.resolve("releases"))) {
      assertThat(releases.toList()).isEmpty();
    }
  }

  @Test
  void anInterruptedRunIsFinishedByTheNextOneWithAnOkLine() throws Exception {
    Files.createDirectories(root.resolve("releases/20261205T160000Z-adopted"));
    Files.createSymbolicLink(root.resolve(".current.adopting"), Path.of("releases/20261205T160000Z-adopted"));

    String id = Adoption.adopt(root, CLOCK);

    assertThat(id).isEqualTo("20261205T160000Z-adopted");
    assertThat(Files.readSymbolicLink(root.resolve("current"))).isEqualTo(Path.of("releases", id));
    assertThat(lastHistoryLine()).contains("\"result\":\"ok\"", "\"releaseId\":\"" + id + "\"");
  }

  private void manualDeploy() throws Exception {
    Files.createDirectories(root.resolve("current"));
    Files.writeString(root.resolve("current/server.js"), "// a manual deploy");
  }

  private String lastHistoryLine() throws Exception {
    List<String> lines = Files.readAllLines(root.resolve("history.jsonl"));
    return lines.get(lines.size() - 1);
  }

  /** A clock that moves 5 ms on each reading, so a measured duration is never 0. */
  private static final class TickingClock extends Clock {
    private Instant now = Instant.parse("2026-12-05T17:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      now = now.plusMillis(5);
      return now;
    }
  }
}
