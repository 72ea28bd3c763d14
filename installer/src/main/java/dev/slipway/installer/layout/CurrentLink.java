package dev.slipway.installer.layout;

import dev.slipway.format.FailureKind;
import dev.slipway.format.SlipwayException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotLinkException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * Reads and atomically switches {@code ROOT/current}, the symlink to the live release.
 *
 * <p>The link target is always the <em>relative</em> path {@code releases/<id>}, so the root can
 * be moved or mounted elsewhere (a container volume, a backup restore) and the link still
 * resolves.
 *
 * <p>Windows: creating a symlink needs the "Create symbolic links" privilege or Developer Mode,
 * and {@code MoveFileEx} does not replace a directory link; there {@code current} is a directory
 * junction switched by {@code platform.JunctionCurrent} and IIS is told by repointing the site's
 * physical path (issue #25). This class reads both.
 */
public final class CurrentLink {

  /** Name of the new link while it is being prepared, before the rename over current. */
  static final String NEXT_LINK = ".current.next";

  private CurrentLink() {}

  /**
   * The id of the live release, empty when there is no {@code current} yet (a fresh root). The
   * release folder it names may have been deleted by hand; this reads only the link.
   *
   * @throws SlipwayException ROOT_LAYOUT {@code CURRENT_NOT_A_LINK} when {@code current} is a real
   *     folder or file (a manual deploy), {@code CURRENT_FOREIGN_LINK} when it is a link to
   *     something other than {@code releases/<id>}
   */
  public static Optional<String> liveReleaseId(ReleaseRoot root) throws IOException {
    Path current = root.current();
    Path target;
    try {
      target = Files.readSymbolicLink(current);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (NotLinkException e) {
      // Windows keeps current as a directory junction (issue #25), which the JDK does not read as
      // a link; it resolves it as a path. Linux has no junctions, so nothing changes there.
      target = junctionTarget(current).orElseThrow(() -> notALink(root));
    }
    return Optional.of(releaseIdOf(root, target));
  }

  /**
   * Points {@code current} at {@code releases/<releaseId>} in one atomic step: a new link is
   * created under a temporary name in ROOT, then renamed over {@code current}. rename(2) replaces
   * the old link atomically, so every lookup of {@code current/...} during the switch resolves to
   * either the old or the new release, never to nothing. ROOT is fsynced afterwards so the switch
   * survives a power cut.
   *
   * <p>Call while holding {@link RootLock}: the temporary name is fixed, so a leftover from a
   * crashed run is simply replaced.
   *
   * @throws SlipwayException ROOT_LAYOUT {@code RELEASE_MISSING} when the release folder does not
   *     exist, {@code CURRENT_NOT_A_LINK} when {@code current} is a real folder or file
   * @throws IllegalArgumentException when {@code releaseId} is not a valid {@link ReleaseId}
   */
  public static void switchTo(ReleaseRoot root, String releaseId) throws IOException {
    ReleaseId id = ReleaseId.parse(releaseId);
    Path releaseDir = root.releasesDir().resolve(id.value());
    if (!Files.isDirectory(releaseDir, LinkOption.NOFOLLOW_LINKS)) {
      throw new SlipwayException(
          FailureKind.ROOT_LAYOUT,
          "RELEASE_MISSING",
          "cannot make release " + id + " live: " + releaseDir + " does not exist",
          null,
          "list the releases that exist with `installer list --root " + root + "`");
    }
    Path current = root.current();
    if (Files.exists(current, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(current)) {
      // rename(2) would refuse a non-empty folder anyway; say why in the user's terms.
      throw notALink(root);
    }
    Path next = root.path().resolve(NEXT_LINK);
    Files.deleteIfExists(next);
    Files.createSymbolicLink(next, relativeTarget(id));
    try {
      // On Linux ATOMIC_MOVE is a plain rename(2), which replaces an existing link. Windows'
      // MoveFileEx needs REPLACE_EXISTING spelled out.
      Files.move(next, current, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(next);
      throw e;
    }
    AtomicFiles.fsyncDirectory(root.path());
  }

  /** Where a Windows directory junction points (absolute); empty for anything else. */
  private static Optional<Path> junctionTarget(Path path) throws IOException {
    BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    if (!attrs.isOther() || !attrs.isDirectory()) {
      return Optional.empty();
    }
    return Optional.of(path.toRealPath());
  }

  /** {@code releases/<id>}, relative to ROOT. */
  static Path relativeTarget(ReleaseId id) {
    return Path.of("releases", id.value());
  }

  private static String releaseIdOf(ReleaseRoot root, Path target) throws IOException {
    Path resolved = root.path().resolve(target).normalize();
    Path parent = resolved.getParent();
    String name = resolved.getFileName() == null ? "" : resolved.getFileName().toString();
    if (parent != null && ReleaseId.isValid(name) && isReleasesDir(root, parent)) {
      return name;
    }
    throw new SlipwayException(
        FailureKind.ROOT_LAYOUT,
        "CURRENT_FOREIGN_LINK",
        root.current()
            + " links to "
            + target
            + ", not to a release under releases/: Slipway does not manage this root yet",
        null,
        "point it at a release under "
            + root.releasesDir()
            + ", or remove the link and install a release; Slipway will not guess which folder"
            + " to replace");
  }

  private static boolean isReleasesDir(ReleaseRoot root, Path dir) throws IOException {
    if (dir.equals(root.releasesDir())) {
      return true;
    }
    // An absolute link written by hand through another spelling of ROOT (/srv/app vs /data/app).
    if (Files.isDirectory(dir) && Files.isDirectory(root.releasesDir())) {
      return Files.isSameFile(dir, root.releasesDir());
    }
    return false;
  }

  public static SlipwayException notALink(ReleaseRoot root) {
    if (!Files.isDirectory(root.current(), LinkOption.NOFOLLOW_LINKS)) {
      return new SlipwayException(
          FailureKind.ROOT_LAYOUT,
          "CURRENT_NOT_A_LINK",
          root.current() + " is a file, not a link managed by Slipway: move it away, then retry",
          null,
          "move " + root.current() + " out of the root; Slipway puts a link there");
    }
    return new SlipwayException(
        FailureKind.ROOT_LAYOUT,
        "CURRENT_NOT_A_LINK",
        root.current()
            + " is a real folder, not a link managed by Slipway (left by a manual deploy?):"
            + " adopt it with `installer adopt --root "
            + root
            + "`",
        null,
        "run `installer adopt --root "
            + root
            + "`: it moves the folder to releases/<id> and puts a link in its place, so the"
            + " running app keeps its files and becomes the first release (rollback target)");
  }
}
