package dev.slipway.installer.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.format.FailureKind;
import dev.slipway.format.SlipwayException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CurrentLinkTest {

  private static final String A = Fixtures.id(0, "a");
  private static final String B = Fixtures.id(1, "b");

  @TempDir Path tmp;
  private ReleaseRoot root;

  @BeforeEach
  void setUp() throws IOException {
    root = ReleaseRoot.open(tmp.resolve("app"), true);
    Fixtures.release(root, A);
    Fixtures.release(root, B);
  }

  @Test
  void freshRootHasNoLiveRelease() throws IOException {
    assertThat(CurrentLink.liveReleaseId(root)).isEmpty();
  }

  @Test
  void switchPointsCurrentAtTheRelativeReleasePath() throws IOException {
    CurrentLink.switchTo(root, A);

    assertThat(Files.readSymbolicLink(root.current())).isEqualTo(Path.of("releases", A));
    assertThat(CurrentLink.liveReleaseId(root)).contains(A);
    assertThat(root.current().resolve("marker")).hasContent(A);
  }

  @Test
  void switchReplacesThePreviousLink() throws IOException {
    CurrentLink.switchTo(root, A);
    CurrentLink.switchTo(root, B);

    assertThat(CurrentLink.liveReleaseId(root)).contains(B);
    assertThat(root.current().resolve("marker")).hasContent(B);
    assertThat(root.path().resolve(CurrentLink.NEXT_LINK)).doesNotExist();
  }

  @Test
  void relativeLinkStillResolvesAfterTheRootMoves() throws IOException {
    CurrentLink.switchTo(root, A);
    Path moved = Files.move(root.path(), tmp.resolve("restored"));

    assertThat(moved.resolve("current/marker")).hasContent(A);
    assertThat(CurrentLink.liveReleaseId(ReleaseRoot.open(moved, false))).contains(A);
  }

  @Test
  void switchRefusesAMissingReleaseAndLeavesCurrentAlone() throws IOException {
    CurrentLink.switchTo(root, A);

    assertThatThrownBy(() -> CurrentLink.switchTo(root, Fixtures.id(5, "gone")))
        .isInstanceOfSatisfying(
            SlipwayException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(FailureKind.ROOT_LAYOUT);
              assertThat(e.causeCode()).isEqualTo("RELEASE_MISSING");
            });
    assertThat(CurrentLink.liveReleaseId(root)).contains(A);
  }

  @Test
  void switchRefusesToReplaceARealCurrentFolder() throws IOException {
    Files.createDirectories(root.current());
    Files.writeString(root.current().resolve("index.html"), "manual");

    assertThatThrownBy(() -> CurrentLink.switchTo(root, A))
        .isInstanceOfSatisfying(
            SlipwayException.class,
            e -> assertThat(e.causeCode()).isEqualTo("CURRENT_NOT_A_LINK"));
    assertThat(root.current().resolve("index.html")).hasContent("manual");
  }

  @Test
  void switchRefusesAnInvalidId() {
    assertThatThrownBy(() -> CurrentLink.switchTo(root, "../shared"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aHandWrittenAbsoluteLinkIntoReleasesIsUnderstood() throws IOException {
    Files.createSymbolicLink(root.current(), root.releaseDir(B));
    assertThat(CurrentLink.liveReleaseId(root)).contains(B);
  }

  @Test
  void aLinkToAFolderOutsideReleasesIsRefused() throws IOException {
    Files.createSymbolicLink(root.current(), Path.of("shared"));
    assertThatThrownBy(() -> CurrentLink.liveReleaseId(root))
        .isInstanceOfSatisfying(
            SlipwayException.class,
            e -> assertThat(e.causeCode()).isEqualTo("CURRENT_FOREIGN_LINK"));
  }

  @Test
  void aDanglingLinkStillNamesTheLiveRelease() throws IOException {
    // Someone deleted the live folder by hand: the link is what says which release was live.
    Files.createSymbolicLink(root.current(), Path.of("releases", Fixtures.id(7, "deleted")));
    assertThat(CurrentLink.liveReleaseId(root)).contains(Fixtures.id(7, "deleted"));
  }

  @Test
  void readersNeverSeeCurrentMissingDuringSwitches() throws Exception {
    CurrentLink.switchTo(root, A);
    AtomicBoolean switching = new AtomicBoolean(true);
    AtomicLong reads = new AtomicLong();
    AtomicLong misses = new AtomicLong();
    Path marker = root.current().resolve("marker");

    CompletableFuture<Void> reader =
        CompletableFuture.runAsync(
            () -> {
              while (switching.get()) {
                if (!Files.exists(marker)) {
                  misses.incrementAndGet();
                }
                reads.incrementAndGet();
              }
            });
    // Do not start switching before the reader is actually reading.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (reads.get() == 0 && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    long readsBefore = reads.get();
    try {
      for (int i = 0; i < 500; i++) {
        CurrentLink.switchTo(root, i % 2 == 0 ? B : A);
      }
    } finally {
      switching.set(false);
      reader.get(10, TimeUnit.SECONDS);
    }

    assertThat(readsBefore).as("reader started before the switches").isPositive();
    assertThat(reads.get()).as("reader kept reading during the switches").isGreaterThan(500);
    assertThat(misses.get()).as("reads that found no current/marker").isZero();
    assertThat(CurrentLink.liveReleaseId(root)).contains(A);
  }
}
