package dev.slipway.installer.user;

import dev.slipway.installer.env.ReleaseEnvironment;
import dev.slipway.process.RunAs;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Who owns what in a release whose code runs as a service user (issue #20). The release is the
 * installer's (root's): readable by the user, never writable, so an install script or the server
 * cannot change the code that runs next. Exceptions, each the smallest that works:
 * <ul>
 *   <li>{@code node_modules} belongs to the user while npm ci writes it, then is root's again with
 *       no group or other write bit;</li>
 *   <li>{@code .next/cache} belongs to the user for good: Next.js writes its image and fetch caches
 *       there at run time (nothing in it is code);</li>
 *   <li>{@code .env.production} is root's with the user's group and mode 0640: the user can read it,
 *       nobody else can;</li>
 *   <li>{@code ROOT/shared/npm-cache} and {@code ROOT/shared/home} (the user's HOME) are the user's.</li>
 * </ul>
 */
public final class ReleaseOwnership {
  private static final Set<PosixFilePermission> GROUP_OTHER_WRITE =
      EnumSet.of(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);

  private ReleaseOwnership() {}

  /** The user's HOME and npm cache exist and are the user's (a cache npm filled as root becomes theirs). */
  public static void prepareShared(RunAs user, Path npmCache) throws IOException {
    Files.createDirectories(user.home());
    Files.setPosixFilePermissions(user.home(), PosixFilePermissions.fromString("rwx------"));
    chown(user.home(), user.uid(), user.gid());
    Files.createDirectories(npmCache);
    chownTree(npmCache, user.uid(), user.gid());
  }

  /** Before npm ci: an empty node_modules the user may fill. */
  public static void openForNpm(Path release, RunAs user) throws IOException {
    Path modules = release.resolve("node_modules");
    Files.createDirectories(modules);
    chownTree(modules, user.uid(), user.gid());
  }

  /** After npm ci, whatever its outcome: node_modules is root's and nobody else may write it. */
  public static void sealAfterNpm(Path release) throws IOException {
    Path modules = release.resolve("node_modules");
    if (Files.exists(modules, LinkOption.NOFOLLOW_LINKS)) {
      chownTree(modules, 0, 0);
    }
  }

  /** .env.production readable by the user's group only; .next/cache the user's. */
  public static void forRuntime(Path release, RunAs user) throws IOException {
    envFile(release, user);
    Path next = release.resolve(".next");
    if (Files.isDirectory(next, LinkOption.NOFOLLOW_LINKS)) {
      Path cache = next.resolve("cache");
      Files.createDirectories(cache);
      chownTree(cache, user.uid(), user.gid());
    }
  }

  /** .env.production: owner root, group the user's, mode 0640 (also after a rollback rewrote it). */
  public static void envFile(Path release, RunAs user) throws IOException {
    Path env = release.resolve(ReleaseEnvironment.RELEASE_ENV_FILE);
    if (Files.isRegularFile(env, LinkOption.NOFOLLOW_LINKS)) {
      chown(env, 0, user.gid());
      Files.setPosixFilePermissions(env, PosixFilePermissions.fromString("rw-r-----"));
    }
  }

  /**
   * Gives a tree to {@code uid}:{@code gid} without following links (lchown), and takes group and
   * other write bits off what it gives to root.
   */
  static void chownTree(Path top, int uid, int gid) throws IOException {
    Files.walkFileTree(top, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        own(dir, attrs);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        own(file, attrs);
        return FileVisitResult.CONTINUE;
      }

      private void own(Path path, BasicFileAttributes attrs) throws IOException {
        chown(path, uid, gid);
        if (uid == 0 && !attrs.isSymbolicLink()) {
          Set<PosixFilePermission> mode = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
          if (mode.removeAll(GROUP_OTHER_WRITE)) {
            Files.setPosixFilePermissions(path, mode);
          }
        }
      }
    });
  }

  private static void chown(Path path, int uid, int gid) throws IOException {
    Files.setAttribute(path, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
    Files.setAttribute(path, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
  }
}
