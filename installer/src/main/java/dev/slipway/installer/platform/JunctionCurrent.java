package dev.slipway.installer.platform;

import dev.slipway.format.FailureKind;
import dev.slipway.format.SlipwayException;
import dev.slipway.installer.layout.CurrentLink;
import dev.slipway.installer.layout.CurrentPointer;
import dev.slipway.installer.layout.ReleaseId;
import dev.slipway.installer.layout.ReleaseRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * {@code ROOT\current} as a directory junction (issue #25, item 2). A junction cannot be renamed
 * over another (MoveFileEx does not replace a directory), so the switch is: make the new junction
 * under a temporary name, move {@code current} aside, move the new one in, remove the old one.
 * Between the two renames there is an instant without {@code current}; on IIS that is harmless,
 * since only the site's physical path decides what is served ({@link IisSwitch}), and a switch cut
 * short there is finished by the next one (the aside junction is moved back first).
 */
public final class JunctionCurrent implements CurrentPointer {
  static final String NEXT = ".current.next";
  static final String ASIDE = ".current.old";

  private final JunctionOps ops;

  public JunctionCurrent(JunctionOps ops) {
    this.ops = ops;
  }

  @Override
  public void switchTo(ReleaseRoot root, String releaseId) throws IOException {
    ReleaseId id = ReleaseId.parse(releaseId);
    Path release = root.releaseDir(id.value());
    if (!Files.isDirectory(release, LinkOption.NOFOLLOW_LINKS)) {
      throw new SlipwayException(FailureKind.ROOT_LAYOUT, "RELEASE_MISSING",
          "cannot make release " + id + " live: " + release + " does not exist", null,
          "list the releases that exist with `installer list --root " + root + "`");
    }
    Path current = root.current();
    Path next = root.path().resolve(NEXT);
    Path aside = root.path().resolve(ASIDE);
    if (!ops.exists(current) && ops.exists(aside)) {
      ops.rename(aside, current); // a switch cut short between its two renames: undo its first
    }
    if (ops.exists(current) && !ops.isLink(current)) {
      throw CurrentLink.notALink(root); // a real folder (a manual deploy): adopt it first
    }
    if (ops.exists(next)) {
      ops.removeJunction(next);
    }
    ops.createJunction(next, release.toAbsolutePath());
    boolean hadCurrent = ops.exists(current);
    if (hadCurrent) {
      if (ops.exists(aside)) {
        ops.removeJunction(aside);
      }
      ops.rename(current, aside);
    }
    try {
      ops.rename(next, current);
    } catch (IOException | RuntimeException e) {
      if (hadCurrent) {
        ops.rename(aside, current);
      }
      ops.removeJunction(next);
      throw e;
    }
    if (hadCurrent) {
      ops.removeJunction(aside);
    }
  }
}
