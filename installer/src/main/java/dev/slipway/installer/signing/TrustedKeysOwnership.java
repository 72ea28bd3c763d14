package dev.slipway.installer.signing;

import dev.slipway.format.FailureKind;
import dev.slipway.format.SlipwayException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * A trusted key is only as trustworthy as the folder it sits in (issue #22, after #20's state-file
 * rule): whoever can write {@code ROOT/shared/trusted-keys} (the app's service user, a deploy user)
 * could add a key of their own and sign anything. So an installer running as root refuses
 * {@code ROOT/shared}, the folder or a key file that another user owns or its group or everyone can
 * write, and a key file that is a symbolic link.
 */
final class TrustedKeysOwnership {
  static final String CAUSE = "TRUSTED_KEYS_WRITABLE_BY_OTHERS";

  private TrustedKeysOwnership() {}

  static void check(Path path, Path folder) {
    if (Files.isSymbolicLink(path)) {
      throw refused(path, "is a symbolic link", folder);
    }
    if (!path.getFileSystem().supportedFileAttributeViews().contains("unix")) {
      return;
    }
    try {
      int owner = (Integer) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
      Set<PosixFilePermission> mode = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
      if (owner != 0) {
        throw refused(path, "belongs to user id " + owner + ", not root", folder);
      }
      if (mode.contains(PosixFilePermission.GROUP_WRITE) || mode.contains(PosixFilePermission.OTHERS_WRITE)) {
        throw refused(path, "can be written by its group or by everyone", folder);
      }
    } catch (IOException | UnsupportedOperationException e) {
      // The owner cannot be read: nothing to judge by, as for the root's state folders.
    }
  }

  private static SlipwayException refused(Path path, String why, Path folder) {
    return new SlipwayException(FailureKind.ROOT_LAYOUT, CAUSE,
        path + " " + why + ": the installer runs as root, and whoever can write the trusted keys can make any archive trusted",
        null, "chown -R root: " + folder + " && chmod -R go-w " + folder + " " + folder.getParent()
            + " (replace a linked key file by a copy), then check that every key there is yours");
  }
}
