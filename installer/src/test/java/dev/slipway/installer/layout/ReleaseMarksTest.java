package dev.slipway.installer.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseMarksTest {

  private static final String ID = Fixtures.id(0, "a");
  private static final String SHA = "0123456789abcdef".repeat(4);
  private static final Instant INSTALLED = Instant.parse("2026-11-27T16:30:05Z");
  private static final Instant NOW = Instant.parse("2026-11-27T16:31:00Z");

  @TempDir Path tmp;
  private ReleaseRoot root;
  private ReleaseMarks marks;

  @BeforeEach
  void setUp() throws IOException {
    root = ReleaseRoot.open(tmp, true);
    Fixtures.release(root, ID);
    marks = new ReleaseMarks(root, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @Test
  void unmarkedReleaseIsGoodAndUnknown() throws IOException {
    assertThat(marks.isBad(ID)).isFalse();
    assertThat(marks.read(ID)).isEmpty();
  }

  @Test
  void badMarkIsRememberedAcrossInstances() throws IOException {
    marks.markBad(ID, "live check: GET / answered 502");

    ReleaseMarks later = new ReleaseMarks(root);
    assertThat(later.isBad(ID)).isTrue();
    assertThat(later.read(ID).orElseThrow())
        .isEqualTo(
            new ReleaseRecord(ID, null, null, true, "live check: GET / answered 502", NOW));
  }

  @Test
  void installAndBadMarksKeepEachOther() throws IOException {
    marks.recordInstalled(ID, INSTALLED, SHA);
    marks.markBad(ID, "live check failed");
    assertThat(marks.read(ID).orElseThrow())
        .isEqualTo(new ReleaseRecord(ID, INSTALLED, SHA, true, "live check failed", NOW));

    marks.recordInstalled(ID, INSTALLED.plusSeconds(1), SHA);
    assertThat(marks.isBad(ID)).isTrue();
  }

  @Test
  void marksAreStoredOutsideTheReleaseFolder() throws IOException {
    marks.recordInstalled(ID, INSTALLED, SHA);
    marks.markBad(ID, "live check failed");

    try (Stream<Path> inRelease = Files.walk(root.releaseDir(ID))) {
      assertThat(inRelease).containsExactlyInAnyOrder(
          root.releaseDir(ID), root.releaseDir(ID).resolve("marker"));
    }
    assertThat(root.stateDir().resolve("releases/" + ID + ".json")).isRegularFile();
  }

  @Test
  void forgetRemovesEverything() throws IOException {
    marks.markBad(ID, "x");
    marks.forget(ID);
    marks.forget(ID); // nothing left: not an error
    assertThat(marks.read(ID)).isEmpty();
    assertThat(marks.isBad(ID)).isFalse();
  }

  @Test
  void unreadableMarksCountAsBad() throws IOException {
    Path file = Files.createDirectories(root.stateDir().resolve("releases")).resolve(ID + ".json");
    Files.writeString(file, "{\"bad\": fal");

    assertThat(marks.isBad(ID)).isTrue();
    assertThat(marks.read(ID).orElseThrow().badReason()).contains("unreadable");
  }

  @Test
  void idsThatWouldEscapeTheStateFolderAreRefused() {
    assertThatThrownBy(() -> marks.markBad("../../etc/passwd", "x"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void recordsAreValidated() {
    assertThatThrownBy(() -> new ReleaseRecord(ID, null, null, true, " ", null))
        .hasMessageContaining("reason");
    assertThatThrownBy(() -> new ReleaseRecord(ID, null, null, false, "why", null))
        .hasMessageContaining("only for bad");
    assertThatThrownBy(() -> new ReleaseRecord(ID, null, "xyz", false, null, null))
        .hasMessageContaining("sha-256");
    assertThatThrownBy(() -> marks.markBad(ID, "")).hasMessageContaining("reason");
  }
}
