package dev.slipway.installer.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.slipway.installer.layout.ReleaseCatalog.Entry;
import dev.slipway.installer.layout.ReleaseCatalog.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseCatalogTest {

  private static final String R1 = Fixtures.id(1, "one");
  private static final String R2 = Fixtures.id(2, "two");
  private static final String R3 = Fixtures.id(3, "three");
  private static final String R4 = Fixtures.id(4, "four");

  @TempDir Path tmp;
  private ReleaseRoot root;
  private ReleaseMarks marks;

  @BeforeEach
  void setUp() throws IOException {
    root = ReleaseRoot.open(tmp, true);
    marks = new ReleaseMarks(root);
  }

  private void releases(String... ids) throws IOException {
    for (String id : ids) {
      Fixtures.release(root, id);
    }
  }

  @Test
  void listsNewestFirstWithWhatEachReleaseIs() throws IOException {
    releases(R2, R4, R1, R3);
    CurrentLink.switchTo(root, R3);
    marks.markBad(R2, "live check failed");
    marks.recordInstalled(R1, Instant.parse("2026-11-27T16:30:01Z"), null);

    ReleaseCatalog catalog = ReleaseCatalog.scan(root);

    assertThat(catalog.releases())
        .extracting(Entry::releaseId, Entry::status)
        .containsExactly(
            tuple(R4, Status.GOOD),
            tuple(R3, Status.LIVE),
            tuple(R2, Status.BAD),
            tuple(R1, Status.PREVIOUS));
    assertThat(catalog.liveReleaseId()).contains(R3);
    assertThat(catalog.rollbackTarget()).contains(R1);
    assertThat(catalog.find(R1).orElseThrow().record().installedAt())
        .isEqualTo(Instant.parse("2026-11-27T16:30:01Z"));
    assertThat(catalog.find(R4).orElseThrow().record()).isNull();
    assertThat(catalog.find(R3).orElseThrow().dir()).isEqualTo(root.releaseDir(R3));
  }

  @Test
  void rollbackTargetIsTheNewestGoodReleaseOlderThanLive() throws IOException {
    releases(R1, R2, R3, R4);
    CurrentLink.switchTo(root, R3);
    assertThat(ReleaseCatalog.scan(root).rollbackTarget()).contains(R2);
  }

  @Test
  void newerReleasesAreNeverRollbackTargets() throws IOException {
    // After rolling back from R2 to R1, R2 is newer than live and must not be "rolled back" to.
    releases(R1, R2);
    CurrentLink.switchTo(root, R1);
    ReleaseCatalog catalog = ReleaseCatalog.scan(root);
    assertThat(catalog.rollbackTarget()).isEmpty();
    assertThat(catalog.find(R2).orElseThrow().status()).isEqualTo(Status.GOOD);
  }

  @Test
  void withoutALiveReleaseThereIsNoRollbackTarget() throws IOException {
    releases(R1, R2);
    ReleaseCatalog catalog = ReleaseCatalog.scan(root);
    assertThat(catalog.liveReleaseId()).isEmpty();
    assertThat(catalog.rollbackTarget()).isEmpty();
    assertThat(catalog.releases()).extracting(Entry::status).containsOnly(Status.GOOD);
  }

  @Test
  void onlyBadOlderReleasesMeansNothingToRollBackTo() throws IOException {
    releases(R1, R2, R3);
    CurrentLink.switchTo(root, R3);
    marks.markBad(R1, "x");
    marks.markBad(R2, "y");
    assertThat(ReleaseCatalog.scan(root).rollbackTarget()).isEmpty();
  }

  @Test
  void aLiveReleaseMarkedBadIsStillShownLive() throws IOException {
    releases(R1, R2);
    CurrentLink.switchTo(root, R2);
    marks.markBad(R2, "rollback failed halfway");
    Entry live = ReleaseCatalog.scan(root).find(R2).orElseThrow();
    assertThat(live.status()).isEqualTo(Status.LIVE);
    assertThat(live.bad()).isTrue();
  }

  @Test
  void ignoresFilesForeignFoldersAndSymlinks() throws IOException {
    releases(R1);
    Files.createDirectories(root.releasesDir().resolve("old-backup"));
    Files.writeString(root.releasesDir().resolve(R2), "a file, not a release");
    Files.createSymbolicLink(root.releasesDir().resolve(R3), Path.of("nowhere")); // dangling
    Files.createSymbolicLink(root.releasesDir().resolve(R4), root.releaseDir(R1)); // to a folder

    assertThat(ReleaseCatalog.scan(root).releases()).extracting(Entry::releaseId).containsExactly(R1);
  }

  @Test
  void aRootWithoutReleasesHasAnEmptyCatalog() throws IOException {
    Path bare = Files.createDirectories(tmp.resolve("bare"));
    ReleaseCatalog catalog = ReleaseCatalog.scan(ReleaseRoot.open(bare, false));
    assertThat(catalog.releases()).isEmpty();
    assertThat(catalog.rollbackTarget()).isEmpty();
  }

  @Test
  void sizeOnDiskSumsRegularFilesWithoutFollowingLinks() throws IOException {
    Path dir = Files.createDirectories(root.releasesDir().resolve(R1));
    Files.write(dir.resolve("a"), new byte[100]);
    Files.write(Files.createDirectories(dir.resolve("sub")).resolve("b"), new byte[50]);
    Path big = Files.write(tmp.resolve("big-outside"), new byte[10_000]);
    Files.createSymbolicLink(dir.resolve("link-to-file"), big);
    Files.createSymbolicLink(dir.resolve("link-to-dir"), tmp);
    Files.createSymbolicLink(dir.resolve("sub/loop"), dir);

    assertThat(ReleaseCatalog.scan(root).find(R1).orElseThrow().sizeOnDisk()).isEqualTo(150);
  }
}
