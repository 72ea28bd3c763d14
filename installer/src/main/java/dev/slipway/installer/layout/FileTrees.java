package dev.slipway.installer.layout;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** Walks over folder trees that must never be left through a link. */
public final class FileTrees {

  private FileTrees() {}

  /**
   * Deletes {@code root} and everything below it without following links: a symlink (or a Windows
   * junction) inside the tree is removed as an entry, and whatever it points to is left alone. A
   * release may well contain {@code node_modules/x -> /somewhere/else}; deleting the release must
   * never reach outside it. Missing {@code root} is not an error.
   */
  public static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    // walkFileTree without FOLLOW_LINKS reports a symlink to a folder as a file (visitFile), so it
    // is deleted, not entered.
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            if (!dir.equals(root) && (attrs.isSymbolicLink() || attrs.isOther())) {
              // Belt and braces for Windows junctions, which may be reported as "other".
              Files.delete(dir);
              return FileVisitResult.SKIP_SUBTREE;
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            if (e instanceof NoSuchFileException) {
              return FileVisitResult.CONTINUE;
            }
            throw e;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            if (e != null) {
              throw e;
            }
            Files.delete(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  /**
   * Sum of the sizes of the regular files below {@code root}, not following links (so a link to a
   * big folder elsewhere counts as nothing, and a link cycle cannot loop), each file once however
   * many hard links it has. Entries that vanish or cannot be read during the walk are skipped.
   */
  static long sizeOnDisk(Path root) throws IOException {
    return new DiskUsage().newBytes(root);
  }
}
