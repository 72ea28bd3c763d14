package dev.slipway.installer.layout;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bytes on disk counted once per file, whatever the number of its names. Releases share their
 * {@code node_modules} through hard links ({@code DependencyReuse}), so summing each release's
 * files counted the same bytes once per release (issue #17: 384 MiB listed for 15 MB on disk).
 * A file is known by its file key (device and inode on Unix); where the file system has none
 * (Windows), every file counts. Links are not followed, and entries that vanish or cannot be read
 * during the walk are skipped: this is a report, not an audit. One instance remembers every file
 * it has counted, so walk the trees in the order that should own the shared bytes.
 */
public final class DiskUsage {
  private final Set<Object> seen = new HashSet<>();

  /** Bytes of the regular files below {@code dir} that no earlier call counted. */
  public long newBytes(Path dir) throws IOException {
    return newBytes(dir, null);
  }

  /** As {@link #newBytes(Path)}, without entering {@code skipped} (null: nothing skipped). */
  public long newBytes(Path dir, Path skipped) throws IOException {
    AtomicLong total = new AtomicLong();
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path folder, BasicFileAttributes attrs) {
        return folder.equals(skipped) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        Object key = attrs.fileKey();
        if (attrs.isRegularFile() && (key == null || seen.add(key))) {
          total.addAndGet(attrs.size());
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) {
        return FileVisitResult.CONTINUE;
      }
    });
    return total.get();
  }
}
