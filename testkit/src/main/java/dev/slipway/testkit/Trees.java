package dev.slipway.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** File-tree copy and delete that never follow symbolic links. */
final class Trees {
  private Trees() {}

  /**
   * Copies {@code source} into {@code target}, skipping every path (relative to {@code source})
   * that {@code skip} accepts, together with everything below it.
   *
   * <p>Symbolic links are copied as links with their target text unchanged (npm's {@code
   * node_modules/.bin} entries are relative links that must keep working in the copy, and must
   * not turn into copies of the scripts, whose {@code __dirname} would then be wrong). File
   * attributes are kept because executable bits matter for {@code .bin} targets.
   */
  static void copy(Path source, Path target, Predicate<Path> skip) {
    try {
      Files.walkFileTree(
          source,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
                throws IOException {
              Path rel = source.relativize(dir);
              if (!rel.toString().isEmpty() && skip.test(rel)) {
                return FileVisitResult.SKIP_SUBTREE;
              }
              Path to = target.resolve(rel.toString());
              Files.createDirectories(to);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Path rel = source.relativize(file);
              if (!skip.test(rel)) {
                Files.copy(
                    file,
                    target.resolve(rel.toString()),
                    LinkOption.NOFOLLOW_LINKS,
                    StandardCopyOption.COPY_ATTRIBUTES);
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc)
                throws IOException {
              if (exc != null) {
                throw exc;
              }
              // Directory mtimes are kept too, set after the children changed them.
              Path to = target.resolve(source.relativize(dir).toString());
              Files.setLastModifiedTime(to, Files.getLastModifiedTime(dir));
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("copying " + source + " to " + target, e);
    }
  }

  /** Deletes {@code root} and everything below it, if it exists; links are removed, not followed. */
  static void deleteRecursively(Path root) {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.delete(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc)
                throws IOException {
              if (exc != null) {
                throw exc;
              }
              Files.delete(dir);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("deleting " + root, e);
    }
  }

  /** True if {@code dir} does not exist or is an empty directory. */
  static boolean isAbsentOrEmpty(Path dir) {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return true;
    }
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
