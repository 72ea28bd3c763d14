package dev.slipway.installer.layout;

import dev.slipway.format.FailureKind;
import dev.slipway.format.SlipwayException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * How a root's real {@code current} folder becomes its first release, by renames only. In two
 * stages, so that {@code installer adopt} can run through the release transaction (issue #19): a
 * {@link #plan} that refuses or decides without changing anything, then {@link #carryOut}.
 */
public final class CurrentAdoption {
  private CurrentAdoption() {}

  /**
   * What an adoption will do: move the folder {@code current} to releases/{@code releaseId} and
   * link it ({@code folderToMove}), or only finish an interrupted run whose folder already moved.
   */
  public record Plan(String releaseId, boolean folderToMove) {
    public Plan {
      ReleaseId.parse(releaseId);
    }
  }

  /**
   * Turns a {@code current} folder left by a manual deploy into the first managed release ({@code
   * installer adopt --root ROOT}).
   *
   * <p>Steps: (1) create the link {@code ROOT/.current.adopting -> releases/<releaseId>} (dangling
   * for now); (2) rename the real folder {@code ROOT/current} to {@code ROOT/releases/<releaseId>};
   * (3) rename the link over {@code ROOT/current}. Both renames are rename(2) within ROOT, so no
   * file is copied and the app's files never change. A process already running from {@code
   * current} is unaffected: it holds its folder by inode, not by path. The only window is between
   * (2) and (3), two system calls apart, in which the <em>path</em> {@code ROOT/current} does not
   * exist; Linux has no portable way to swap a folder for a link in one step (renameat2
   * RENAME_EXCHANGE is not reachable from Java).
   *
   * <p>Interrupted runs are finished, not repeated: if {@code current} is missing and {@code
   * .current.adopting} names a release that exists, that link is moved into place (whatever {@code
   * releaseId} says) and its id returned.
   *
   * <p>Call while holding {@link RootLock}. Record the adoption in {@link History} (action {@code
   * adopt}) if wanted; this method writes nothing else.
   *
   * @param releaseId the id to give the adopted folder, usually {@code ReleaseId.next(now,
   *     "adopted", existing)}
   * @return the id of the release {@code current} now points to
   * @throws SlipwayException ROOT_LAYOUT: {@code NOTHING_TO_ADOPT} (current is already a link, or
   *     absent), {@code RELEASE_EXISTS}, {@code ADOPT_FAILED} (the folder could not be renamed,
   *     e.g. {@code current} is a mount point); nothing has changed in those cases
   */
  static String adopt(ReleaseRoot root, String releaseId) throws IOException {
    Plan plan = plan(root, releaseId);
    carryOut(root, plan, () -> {});
    return plan.releaseId();
  }

  /**
   * Decides what {@link #adopt} does, changing nothing; throws its refusals ({@code
   * NOTHING_TO_ADOPT}, {@code RELEASE_EXISTS}). Call while holding {@link RootLock}.
   */
  public static Plan plan(ReleaseRoot root, String releaseId) throws IOException {
    ReleaseId id = ReleaseId.parse(releaseId);
    Path path = root.path();
    Path current = root.current();

    if (!Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
      return new Plan(interruptedRun(root, path.resolve(ReleaseRoot.ADOPTING_LINK)), false);
    }
    if (Files.isSymbolicLink(current)) {
      throw new SlipwayException(
          FailureKind.ROOT_LAYOUT,
          "NOTHING_TO_ADOPT",
          path + "/current is already a link (to " + Files.readSymbolicLink(current)
              + "): there is nothing to adopt",
          null,
          null);
    }
    if (!Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
      throw new SlipwayException(
          FailureKind.ROOT_LAYOUT,
          "NOTHING_TO_ADOPT",
          path + "/current is a file, not a folder: move it away, then install a release",
          null,
          null);
    }
    Path target = root.releasesDir().resolve(id.value());
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      throw new SlipwayException(
          FailureKind.ROOT_LAYOUT,
          "RELEASE_EXISTS",
          "cannot adopt current as release " + id + ": " + target + " already exists",
          null,
          "retry: a new id is chosen on each run");
    }
    return new Plan(id.value(), true);
  }

  /**
   * Carries out {@code plan}: the link, the folder's move ({@code ADOPT_FAILED} when it cannot
   * move; nothing changed then), {@code moved}, then the link renamed over {@code current}. {@code
   * moved} runs once the folder is in releases/: from there on the adoption is done or, if this
   * run stops, finished by the next one.
   */
  public static void carryOut(ReleaseRoot root, Plan plan, Runnable moved) throws IOException {
    Path path = root.path();
    Path current = root.current();
    Path adopting = path.resolve(ReleaseRoot.ADOPTING_LINK);
    if (!plan.folderToMove()) {
      moved.run();
      Files.move(adopting, current, StandardCopyOption.ATOMIC_MOVE);
      AtomicFiles.fsyncDirectory(path);
      return;
    }
    ReleaseId id = ReleaseId.parse(plan.releaseId());
    Path target = root.releasesDir().resolve(id.value());
    Files.createDirectories(root.releasesDir());
    Files.deleteIfExists(adopting); // left by a run that stopped before moving the folder
    Files.createSymbolicLink(adopting, CurrentLink.relativeTarget(id));
    try {
      Files.move(current, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      Files.deleteIfExists(adopting);
      throw new SlipwayException(
          FailureKind.ROOT_LAYOUT,
          "ADOPT_FAILED",
          "cannot move "
              + current
              + " into releases/ (a mount point, or a folder in use?); nothing was changed",
          e.toString(),
          "current must be a plain folder on the same file system as the root, not a mount"
              + " point; otherwise stop the app, move the folder out of the root yourself, and"
              + " install a release");
    }
    AtomicFiles.fsyncDirectory(root.releasesDir());
    moved.run();
    Files.move(adopting, current, StandardCopyOption.ATOMIC_MOVE);
    AtomicFiles.fsyncDirectory(path);
  }

  /** The release an interrupted run already moved, whose link {@code .current.adopting} waits to become current. */
  private static String interruptedRun(ReleaseRoot root, Path adopting) throws IOException {
    if (Files.isSymbolicLink(adopting)) {
      Path target = Files.readSymbolicLink(adopting);
      String name = target.getFileName() == null ? "" : target.getFileName().toString();
      if (ReleaseId.isValid(name)
          && CurrentLink.relativeTarget(ReleaseId.parse(name)).equals(target)
          && Files.isDirectory(root.releasesDir().resolve(name), LinkOption.NOFOLLOW_LINKS)) {
        return name;
      }
    }
    throw new SlipwayException(
        FailureKind.ROOT_LAYOUT,
        "NOTHING_TO_ADOPT",
        root.path() + "/current does not exist: there is nothing to adopt; install a release instead",
        null,
        null);
  }
}
