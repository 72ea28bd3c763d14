package dev.slipway.installer.layout;

import dev.slipway.format.FailureKind;
import dev.slipway.format.SlipwayException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.List;

/**
 * The installer's own files in a root, which someone less privileged may be able to plant things
 * among (issue #20, section 5): a link {@code history.jsonl -> /etc/...} made every install append
 * a line to the link's target. Every state path is refused when it is a symbolic link, and folders
 * we create for state or logs are private (0700).
 */
public final class StateFiles {
  public static final String IS_LINK = "STATE_FILE_IS_LINK";

  private StateFiles() {}

  /**
   * Refuses every state path of {@code root} that is a link. Called by {@link ReleaseRoot#open}
   * for writing commands, before anything is written, so a refused root is left as it was found.
   */
  static void refusePlantedLinks(ReleaseRoot root) {
    Path state = root.stateDir();
    for (Path path : List.of(root.historyFile(), state, state.resolve("lock"), state.resolve("lock.holder"),
        state.resolve("children.json"), state.resolve("releases"), state.resolve("logs"),
        state.resolve("logs/restart.log"), state.resolve("failed"))) {
      refuseLink(path);
    }
  }

  /** @throws SlipwayException ROOT_LAYOUT {@value #IS_LINK} when {@code path} is a symbolic link */
  public static void refuseLink(Path path) {
    if (Files.isSymbolicLink(path)) {
      String target;
      try {
        target = Files.readSymbolicLink(path).toString();
      } catch (IOException e) {
        target = "?";
      }
      throw new SlipwayException(FailureKind.ROOT_LAYOUT, IS_LINK,
          path + " is a symbolic link (to " + target + "), where the installer keeps its own state: refusing to"
              + " write through it",
          null,
          "remove the link (rm " + path + "), then check who can write " + path.getParent()
              + ": only the installer's user should");
    }
  }

  /**
   * Creates {@code dir} (and missing parents) if needed and makes it 0700; refuses a link in its
   * place. Private because logs hold what the app printed, which may quote a secret.
   */
  public static Path privateFolder(Path dir) throws IOException {
    refuseLink(dir);
    try {
      Files.createDirectories(dir);
    } catch (FileAlreadyExistsException e) {
      refuseLink(dir); // a link planted between the check and the create
      throw e;
    }
    refuseLink(dir);
    restrict(dir, "rwx------");
    return dir;
  }

  /** Makes {@code file} 0600 where the file system has POSIX modes; never follows a link. */
  public static void privateFile(Path file) throws IOException {
    refuseLink(file);
    restrict(file, "rw-------");
  }

  /** Creates ROOT if missing, not writable by group or others: a umask of 002 must not get it refused next time. */
  static void createRoot(Path root) throws IOException {
    boolean fresh = !Files.exists(root, LinkOption.NOFOLLOW_LINKS);
    Files.createDirectories(root);
    if (fresh) {
      notWritableByOthers(root);
    }
  }

  /** Creates {@code ROOT/.slipway} 0700 if missing; an existing one keeps its mode (see {@link StateOwnership}). */
  static void createStateFolder(Path state) throws IOException {
    if (!Files.isDirectory(state, LinkOption.NOFOLLOW_LINKS)) {
      privateFolder(state);
    }
  }

  /** Takes write permission away from group and others ({@code chmod go-w}), never following a link. */
  static void notWritableByOthers(Path path) throws IOException {
    if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
      Set<PosixFilePermission> mode = EnumSet.copyOf(view.readAttributes().permissions());
      mode.removeAll(EnumSet.of(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE));
      view.setPermissions(mode);
    }
  }

  private static void restrict(Path path, String mode) throws IOException {
    if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
          .setPermissions(PosixFilePermissions.fromString(mode));
    }
  }
}
