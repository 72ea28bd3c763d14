package dev.slipway.installer.switchover;

import dev.slipway.installer.layout.ReleaseRoot;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Skew protection (issue #21): {@code ROOT/shared/static} holds the {@code .next/static} files of
 * every release the root keeps, merged, so that a browser tab opened before a deploy still gets
 * the hashed chunks of its build afterwards. nginx serves {@code /_next/static/} from it, and the
 * generated server.js falls back to it when its own build lacks a file.
 *
 * <p>Files are hard links to the releases' own (no copy, same file system: both are in ROOT); a
 * copy where a link cannot be made. Next names chunks by content hash, so one name is one content;
 * where two builds differ under one name, the release being switched to wins. Pruned with
 * retention: a file no kept release has goes.
 */
public final class SharedStatic {
  public static final String DIR = "static";

  private SharedStatic() {}

  public static Path tree(ReleaseRoot root) {
    return root.sharedDir().resolve(DIR);
  }

  /** Adds the release's {@code .next/static} files; call before the release takes traffic. */
  public static int add(ReleaseRoot root, String releaseId) throws IOException {
    Path source = root.releaseDir(releaseId).resolve(".next/static");
    if (!Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
      return 0;
    }
    Path tree = tree(root);
    Files.createDirectories(tree);
    int added = 0;
    for (Path file : regularFiles(source)) {
      Path target = tree.resolve(source.relativize(file).toString());
      if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && Files.isSameFile(target, file)) {
        continue;
      }
      Files.createDirectories(target.getParent());
      Path tmp = target.resolveSibling("." + target.getFileName() + ".slipway-tmp");
      Files.deleteIfExists(tmp);
      try {
        Files.createLink(tmp, file);
      } catch (IOException | UnsupportedOperationException e) {
        Files.copy(file, tmp, StandardCopyOption.COPY_ATTRIBUTES);
      }
      // A rename, so nginx never serves half a file nor a missing one.
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      added++;
    }
    return added;
  }

  /** Removes the files none of the releases still under {@code releases/} has; returns how many. */
  public static int prune(ReleaseRoot root) throws IOException {
    Path tree = tree(root);
    if (!Files.isDirectory(tree, LinkOption.NOFOLLOW_LINKS)) {
      return 0;
    }
    List<Path> kept = new ArrayList<>();
    try (Stream<Path> releases = Files.list(root.releasesDir())) {
      releases.map(r -> r.resolve(".next/static")).filter(Files::isDirectory).forEach(kept::add);
    }
    int removed = 0;
    for (Path file : regularFiles(tree)) {
      String relative = tree.relativize(file).toString();
      if (kept.stream().noneMatch(s -> Files.exists(s.resolve(relative), LinkOption.NOFOLLOW_LINKS))) {
        Files.delete(file);
        removed++;
      }
    }
    try (Stream<Path> dirs = Files.walk(tree)) {
      for (Path dir : dirs.filter(d -> Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS) && !d.equals(tree))
          .sorted(Comparator.reverseOrder()).toList()) {
        try (Stream<Path> left = Files.list(dir)) {
          if (left.findAny().isEmpty()) {
            Files.delete(dir);
          }
        }
      }
    }
    return removed;
  }

  private static List<Path> regularFiles(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
          .filter(p -> !p.getFileName().toString().endsWith(".slipway-tmp")).toList();
    }
  }
}
