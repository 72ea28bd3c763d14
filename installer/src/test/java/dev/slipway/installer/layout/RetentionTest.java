package dev.slipway.installer.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionTest {

  private static final String R1 = Fixtures.id(1, "one");
  private static final String R2 = Fixtures.id(2, "two");
  private static final String R3 = Fixtures.id(3, "three");
  private static final String R4 = Fixtures.id(4, "four");
  private static final String R5 = Fixtures.id(5, "five");
  private static final String R6 = Fixtures.id(6, "six");

  @TempDir Path tmp;
  private ReleaseRoot root;
  private ReleaseMarks marks;

  @BeforeEach
  void setUp() throws IOException {
    root = ReleaseRoot.open(tmp.resolve("app"), true);
    marks = new ReleaseMarks(root);
  }

  private void releases(String... ids) throws IOException {
    for (String id : ids) {
      Fixtures.release(root, id);
    }
  }

  private List<String> remaining() throws IOException {
    return ReleaseCatalog.scan(root).releases().stream()
        .map(ReleaseCatalog.Entry::releaseId)
        .toList();
  }

  @Test
  void keepsTheNewestGoodReleases() throws IOException {
    releases(R1, R2, R3, R4, R5);
    CurrentLink.switchTo(root, R5);

    assertThat(Retention.prune(root, 3, Set.of())).containsExactly(R2, R1);
    assertThat(remaining()).containsExactly(R5, R4, R3);
  }

  @Test
  void neverDeletesTheLiveReleaseOrTheRollbackTarget() throws IOException {
    // Rolled back far: live and its predecessor are old, but both must survive keep=1.
    releases(R1, R2, R3, R4, R5, R6);
    CurrentLink.switchTo(root, R2);

    List<String> deleted = Retention.prune(root, 1, Set.of());

    assertThat(deleted).containsExactly(R5, R4, R3);
    assertThat(remaining()).containsExactly(R6, R2, R1);
    assertThat(root.current().resolve("marker")).hasContent(R2);
  }

  @Test
  void deletesBadReleasesFirstButKeepsTheNewestBadOne() throws IOException {
    releases(R1, R2, R3, R4, R5);
    CurrentLink.switchTo(root, R5);
    marks.markBad(R2, "live check failed");
    marks.markBad(R4, "live check failed");

    List<String> deleted = Retention.prune(root, 2, Set.of());

    assertThat(deleted).containsExactly(R2, R1); // bad one first, then the surplus good one
    assertThat(remaining()).containsExactly(R5, R4, R3);
    assertThat(marks.read(R2)).as("marks of a deleted release").isEmpty();
    assertThat(marks.isBad(R4)).isTrue();
  }

  @Test
  void badReleasesDoNotCountTowardKeep() throws IOException {
    releases(R1, R2, R3, R4, R5);
    CurrentLink.switchTo(root, R5);
    marks.markBad(R4, "live check failed");

    // Good: R5 R3 R2 R1. If R4 took one of the three slots, R2 would go too.
    assertThat(Retention.prune(root, 3, Set.of())).containsExactly(R1);
    assertThat(remaining()).containsExactly(R5, R4, R3, R2);
  }

  @Test
  void protectedIdsSurvive() throws IOException {
    releases(R1, R2, R3, R4);
    CurrentLink.switchTo(root, R4);

    assertThat(Retention.prune(root, 1, Set.of(R1))).containsExactly(R2);
    assertThat(remaining()).containsExactly(R4, R3, R1);
  }

  @Test
  void withNothingLiveKeepsTheNewest() throws IOException {
    releases(R1, R2, R3);
    assertThat(Retention.prune(root, 2, Set.of())).containsExactly(R1);
  }

  @Test
  void nothingToDeleteDeletesNothing() throws IOException {
    releases(R1, R2);
    CurrentLink.switchTo(root, R2);
    assertThat(Retention.prune(root, 5, Set.of())).isEmpty();
    assertThat(remaining()).containsExactly(R2, R1);
  }

  @Test
  void deletingAReleaseNeverFollowsItsLinksOutside() throws IOException {
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Path precious = Files.writeString(outside.resolve("precious.txt"), "keep me");
    releases(R1, R2, R3);
    Path doomed = root.releaseDir(R1);
    Files.createDirectories(doomed.resolve("node_modules"));
    Files.createSymbolicLink(doomed.resolve("node_modules/linked-dir"), outside);
    Files.createSymbolicLink(doomed.resolve("linked-file"), precious);
    Files.createSymbolicLink(doomed.resolve("absolute-root"), tmp);
    Files.createSymbolicLink(doomed.resolve("dangling"), Path.of("does-not-exist"));
    CurrentLink.switchTo(root, R3);

    assertThat(Retention.prune(root, 1, Set.of())).containsExactly(R1);

    assertThat(doomed).doesNotExist();
    assertThat(precious).hasContent("keep me");
    assertThat(tmp.resolve("app/releases")).isDirectory();
  }

  @Test
  void leavesSymlinksAndForeignFoldersInReleasesAlone() throws IOException {
    releases(R1, R2, R3);
    CurrentLink.switchTo(root, R3);
    Path dangling = root.releasesDir().resolve(Fixtures.id(0, "dangling"));
    Files.createSymbolicLink(dangling, Path.of("gone"));
    Path foreign = Files.createDirectories(root.releasesDir().resolve("old-backup"));

    assertThat(Retention.prune(root, 1, Set.of())).containsExactly(R1);

    assertThat(Files.isSymbolicLink(dangling)).isTrue();
    assertThat(foreign).isDirectory();
  }

  @Test
  void removesLeftoverStagingAndTrashButNotAProtectedStagingFolder() throws IOException {
    Path leftover = root.newStagingDir();
    Files.createDirectories(leftover.resolve("node_modules/x"));
    Path mine = root.newStagingDir();
    Path trash = Files.createDirectories(root.newTrashPath(R1).resolve("half-deleted"));

    Retention.prune(root, 1, Set.of(mine.getFileName().toString()));

    assertThat(leftover).doesNotExist();
    assertThat(trash.getParent()).doesNotExist();
    assertThat(mine).isDirectory();
    assertThat(root.stagingDirs()).containsExactly(mine);
  }

  @Test
  void keepMustBeAtLeastOne() {
    assertThatThrownBy(() -> Retention.prune(root, 0, Set.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
