package dev.slipway.installer.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention meets a file that refuses deletion (issue #25, item 5): the caller gets the failure
 * (the installer turns it into a warning), the next run removes what is left, and the live release
 * is never touched. The refusing file is real: {@code chattr +i} makes a file or folder immutable,
 * which even root cannot rename or delete (a Windows file in use refuses the same two operations);
 * permissions would not stop root. Skipped where the file system has no immutable flag.
 */
class RetentionInUseTest {
  private static final String R1 = Fixtures.id(1, "one");
  private static final String R2 = Fixtures.id(2, "two");
  private static final String R3 = Fixtures.id(3, "three");
  private static final String R4 = Fixtures.id(4, "four");

  @TempDir Path tmp;
  private ReleaseRoot root;
  private final List<Path> immutable = new ArrayList<>();

  @BeforeEach
  void releases() throws IOException {
    root = ReleaseRoot.open(tmp.resolve("app"), true);
    for (String id : List.of(R1, R2, R3, R4)) {
      Fixtures.release(root, id);
    }
    CurrentLink.switchTo(root, R4);
  }

  @AfterEach
  void letGo() throws Exception {
    for (Path path : immutable) {
      ImmutableFlag.clear(path);
    }
  }

  @Test
  void aFileThatRefusesDeletionFailsThePruneAndTheNextPruneRemovesIt() throws Exception {
    Path locked = root.releaseDir(R1).resolve("marker");
    lock(locked);

    assertThatThrownBy(() -> Retention.prune(root, 2, Set.of()))
        .isInstanceOf(FileSystemException.class)
        .hasMessageContaining("marker");
    // renamed out of releases/ first, so never mistaken for a release; the other one is gone
    assertThat(trash()).hasSize(1);
    Path stillThere = trash().get(0).resolve("marker");
    immutable.set(0, stillThere);
    assertThat(root.current().resolve("marker")).hasContent(R4);

    ImmutableFlag.clear(stillThere);
    immutable.clear();
    assertThat(Retention.prune(root, 2, Set.of())).isEmpty(); // both already out of releases/
    assertThat(trash()).isEmpty();
    assertThat(ReleaseCatalog.scan(root).releases()).extracting(ReleaseCatalog.Entry::releaseId).containsExactly(R4, R3);
  }

  @Test
  void aReleaseFolderThatCannotBeRenamedStaysAReleaseTheOthersGoAndTheNextPruneTakesIt() throws Exception {
    lock(root.releaseDir(R2));

    assertThatThrownBy(() -> Retention.prune(root, 2, Set.of())).isInstanceOf(FileSystemException.class);
    assertThat(root.releaseDir(R2)).isDirectory();
    assertThat(root.releaseDir(R1)).doesNotExist(); // one release in use does not keep the others
    assertThat(trash()).isEmpty();

    ImmutableFlag.clear(root.releaseDir(R2));
    immutable.clear();
    assertThat(Retention.prune(root, 2, Set.of())).containsExactly(R2);
  }

  @Test
  void theLiveReleaseIsNeverTouchedEvenWhenItCouldNotBeDeleted() throws Exception {
    lock(root.releaseDir(R4));
    lock(root.releaseDir(R3)); // the rollback target

    assertThat(Retention.prune(root, 2, Set.of())).containsExactly(R2, R1);
    assertThat(root.current().resolve("marker")).hasContent(R4);
  }

  @Test
  void everyRenameAndDeletionGoesThroughThePlatformsRetry() throws Exception {
    List<String> attempts = new ArrayList<>();
    InUseRetry counting = operation -> {
      attempts.add("attempt");
      operation.run();
    };
    Files.createDirectories(root.path().resolve(".staging-20261127T163000Z-deadbeef"));

    assertThat(Retention.prune(root, 2, Set.of(), counting)).containsExactly(R2, R1);

    // two renames into .trash-*, two trash deletions, one staging leftover
    assertThat(attempts).hasSize(5);
  }

  private List<Path> trash() throws IOException {
    return root.trashDirs();
  }

  private void lock(Path path) throws Exception {
    assumeTrue(ImmutableFlag.set(path), "no immutable flag here (chattr +i failed)");
    immutable.add(path);
  }
}
