package dev.slipway.installer.layout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Deletes old releases and leftovers of crashed runs, so a root does not fill its disk.
 *
 * <p>Policy:
 *
 * <ul>
 *   <li>Never deleted: the live release, the rollback target (the newest good release older than
 *       live), and anything in {@code protectedIds}.
 *   <li>Good releases: the newest {@code keep} are kept (the live one counts among them).
 *   <li>Bad releases are pruned first and do not count toward {@code keep}: the newest bad one is
 *       kept for inspection (it is usually the one that just failed and someone will want to look
 *       at), older bad ones are deleted.
 *   <li>Leftover {@code ROOT/.staging-*} folders (crashed installs) are deleted, except those
 *       named in {@code protectedIds}, as are interrupted deletions ({@code ROOT/.trash-*}).
 * </ul>
 *
 * <p>A release is first renamed out of {@code releases/} and only then deleted: a deletion cut
 * short by a crash must not leave a half-empty folder that looks like a release a rollback could
 * pick. Deletion never follows links (see {@link FileTrees#deleteRecursively}).
 *
 * <p>Call while holding {@link RootLock}: under it no other run can be staging, so every staging
 * folder not protected is a leftover.
 */
public final class Retention {

  /** How many bad releases are kept for inspection. */
  static final int BAD_KEPT = 1;

  private Retention() {}

  /**
   * Prunes {@code root}.
   *
   * @param keep how many good releases to keep, at least 1
   * @param protectedIds release ids that must survive (e.g. the one just installed), and names of
   *     staging folders still in use (e.g. {@code stagingDir.getFileName().toString()})
   * @return the ids of the deleted releases, in the order deleted (bad ones first, then good ones,
   *     newest first within each)
   */
  public static List<String> prune(ReleaseRoot root, int keep, Set<String> protectedIds)
      throws IOException {
    return prune(root, keep, protectedIds, InUseRetry.ONCE);
  }

  /**
   * Prunes {@code root}, each rename and deletion attempted as {@code inUse} says (issue #25: on
   * Windows a file in use refuses both, often for an instant). What still fails is thrown: the
   * caller warns, and the next run tries again, since a release that was not renamed is still
   * beyond {@code keep} and a {@code .trash-*} folder is deleted by every run. The live release and
   * the rollback target are never renamed nor deleted, whatever holds them.
   */
  public static List<String> prune(ReleaseRoot root, int keep, Set<String> protectedIds, InUseRetry inUse)
      throws IOException {
    if (keep < 1) {
      throw new IllegalArgumentException("keep must be at least 1: " + keep);
    }
    ReleaseCatalog catalog = ReleaseCatalog.scan(root);
    Set<String> spared = new HashSet<>(protectedIds);
    catalog.liveReleaseId().ifPresent(spared::add);
    catalog.rollbackTarget().ifPresent(spared::add);

    List<String> doomed = new ArrayList<>();
    doomed.addAll(beyondNewest(catalog, true, BAD_KEPT, spared));
    doomed.addAll(beyondNewest(catalog, false, keep, spared));

    // One release or leftover that refuses to go (a file in use on Windows) must not keep the
    // others: each is tried, and the first failure is thrown once all were, the rest attached.
    Failures failures = new Failures();
    ReleaseMarks marks = new ReleaseMarks(root);
    List<String> deleted = new ArrayList<>();
    for (String id : doomed) {
      // Same file system (both in ROOT), so a rename: the release vanishes from releases/ at once.
      Path trash = root.newTrashPath(id);
      if (failures.attempt(inUse, () -> Files.move(root.releaseDir(id), trash, StandardCopyOption.ATOMIC_MOVE))) {
        marks.forget(id);
        deleted.add(id);
      }
    }
    AtomicFiles.fsyncDirectory(root.releasesDir());

    List<Path> leftovers = new ArrayList<>(root.trashDirs());
    for (Path staging : root.stagingDirs()) {
      if (!protectedIds.contains(staging.getFileName().toString())) {
        leftovers.add(staging);
      }
    }
    for (Path leftover : leftovers) {
      failures.attempt(inUse, () -> FileTrees.deleteRecursively(leftover));
    }
    failures.throwFirst();
    return List.copyOf(deleted);
  }

  /** The failures of a prune: the first is thrown, the others are attached to it. */
  private static final class Failures {
    private IOException first;

    /** @return whether {@code operation} succeeded */
    boolean attempt(InUseRetry inUse, InUseRetry.Operation operation) {
      try {
        inUse.attempt(operation);
        return true;
      } catch (IOException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
        return false;
      }
    }

    void throwFirst() throws IOException {
      if (first != null) {
        throw first;
      }
    }
  }

  /** Releases with the given badness beyond the newest {@code kept} of them, minus the spared. */
  private static List<String> beyondNewest(
      ReleaseCatalog catalog, boolean bad, int kept, Set<String> spared) {
    List<String> result = new ArrayList<>();
    int seen = 0;
    for (ReleaseCatalog.Entry entry : catalog.releases()) { // newest first
      if (entry.bad() != bad) {
        continue;
      }
      if (seen++ >= kept && !spared.contains(entry.releaseId())) {
        result.add(entry.releaseId());
      }
    }
    return result;
  }
}
