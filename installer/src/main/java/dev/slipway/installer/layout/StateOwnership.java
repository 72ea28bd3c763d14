package dev.slipway.installer.layout;

import dev.slipway.format.FailureKind;
import dev.slipway.format.SlipwayException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;

/**
 * When the installer runs as root, the root folder and its state folder must be root's alone
 * (issue #20, section 5). Whoever else can write there can plant links among our state files, or a
 * children.json naming processes for us to kill; refusing such a root is the fix that makes every
 * other state-file check hold, as no file check can win a race against a writer of the folder.
 */
public final class StateOwnership {
  public static final String NOT_PRIVATE = "STATE_WRITABLE_BY_OTHERS";

  private StateOwnership() {}

  /** Checks {@code root} if this process runs as root (uid 0); does nothing otherwise. */
  static void check(ReleaseRoot root) {
    if (runningAsRoot()) {
      checkAsRoot(root);
    }
  }

  /** Refuses ROOT or ROOT/.slipway, where they exist, if owned by another user or group/world writable. */
  static void checkAsRoot(ReleaseRoot root) {
    for (Path folder : List.of(root.path(), root.stateDir())) {
      if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)
          || !folder.getFileSystem().supportedFileAttributeViews().contains("unix")) {
        continue;
      }
      try {
        int owner = (Integer) Files.getAttribute(folder, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(folder, LinkOption.NOFOLLOW_LINKS);
        boolean othersWrite = mode.contains(PosixFilePermission.GROUP_WRITE) || mode.contains(PosixFilePermission.OTHERS_WRITE);
        if (owner != 0 || othersWrite) {
          throw refused(root, folder, owner, othersWrite);
        }
      } catch (IOException | UnsupportedOperationException e) {
        // Cannot read the owner: nothing to judge by; the write probe that follows tells the rest.
      }
    }
  }

  private static SlipwayException refused(ReleaseRoot root, Path folder, int owner, boolean othersWrite) {
    String why = othersWrite ? "can be written by its group or by everyone" : "belongs to user id " + owner + ", not root";
    return new SlipwayException(FailureKind.ROOT_LAYOUT, NOT_PRIVATE,
        folder + " " + why + ": the installer runs as root, and whoever can write there can plant links or"
            + " process records for it to follow",
        null,
        "chown root: " + root.path() + " " + root.stateDir() + " && chmod go-w " + root.path() + " "
            + root.stateDir() + " (the app's service user needs to read releases, not to write the root)");
  }

  public static boolean runningAsRoot() {
    try {
      return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "root".equals(System.getProperty("user.name"));
    }
  }
}
