package dev.slipway.packager;

import dev.slipway.format.ArchiveSource;
import dev.slipway.format.FailureKind;
import dev.slipway.format.SlipwayException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

/**
 * The regular files under one folder of the project, found one at a time in the archive's order
 * (issue #7: the packager holds the folders on the way down, never the whole file list).
 *
 * <p>Each folder's entries are sorted with a folder F keyed as "F/", and a folder's content is
 * walked at that place: that is exactly {@code String} order of the full names, because every
 * name inside F starts with "F/" and no sibling's name does. What the walk's filter excludes is
 * not entered (build leftovers, {@link NextBuildLeftovers}); a symbolic link is refused, since
 * archives hold regular files only.
 *
 * <p>Names are relative to the walk's base folder, which is the project for its own folders and
 * {@code .next/standalone} for a standalone build's tree (issue #18): that tree's files land at
 * the release's root.
 */
final class SortedTreeWalk {
  /** Refuses a file name the archive must not hold (a secret, an unsafe name). */
  @FunctionalInterface
  interface NameCheck {
    void check(String name);
  }

  private record Entry(String key, boolean folder, boolean executable) {}

  private static final class Level {
    final List<Entry> entries;
    int next;

    Level(List<Entry> entries) {
      this.entries = entries;
    }
  }

  /** Which names the walk leaves out (with all they hold, for a folder). */
  @FunctionalInterface
  interface Filter {
    boolean excluded(String name);
  }

  private final Path base;
  private final Filter filter;
  private final NameCheck nameCheck;
  private final boolean posix;
  private final Deque<Level> stack = new ArrayDeque<>();
  private Entry current;

  /** Positioned on the first file, if any, under {@code folder} (relative to the project, '/'-separated). */
  SortedTreeWalk(Path projectDir, String folder, NameCheck nameCheck) throws IOException {
    this(projectDir, folder, NextBuildLeftovers::excluded, nameCheck);
  }

  /**
   * Positioned on the first file, if any, under {@code folder} of {@code base} ('/'-separated;
   * empty for the base itself), names relative to {@code base}.
   */
  SortedTreeWalk(Path base, String folder, Filter filter, NameCheck nameCheck) throws IOException {
    this.base = base;
    this.filter = filter;
    this.nameCheck = nameCheck;
    this.posix = base.getFileSystem().supportedFileAttributeViews().contains("posix");
    if (folder.isEmpty() || !filter.excluded(folder)) {
      enter(folder);
    }
    advance();
  }

  /** The current file's archive name, or null when the walk is over. */
  String name() {
    return current == null ? null : current.key();
  }

  ArchiveSource source() {
    return ArchiveSource.fileIn(base, current.key(), current.executable());
  }

  void advance() throws IOException {
    current = null;
    while (!stack.isEmpty()) {
      Level level = stack.peek();
      if (level.next == level.entries.size()) {
        stack.pop();
        continue;
      }
      Entry entry = level.entries.get(level.next++);
      if (entry.folder()) {
        enter(entry.key().substring(0, entry.key().length() - 1));
      } else {
        current = entry;
        return;
      }
    }
  }

  private void enter(String folder) throws IOException {
    List<Entry> entries = new ArrayList<>();
    try (DirectoryStream<Path> listing = Files.newDirectoryStream(base.resolve(folder))) {
      for (Path path : listing) {
        String name = folder.isEmpty() ? path.getFileName().toString() : folder + "/" + path.getFileName();
        if (filter.excluded(name)) {
          continue;
        }
        BasicFileAttributes attributes = posix
            ? Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
            : Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (attributes.isSymbolicLink()) {
          throw new SlipwayException(
              FailureKind.PROJECT,
              "SYMLINK_IN_CONTENT",
              name + " is a symbolic link; archives hold only regular files",
              null,
              "replace the link with the file it points to, or remove it");
        }
        if (attributes.isDirectory()) {
          entries.add(new Entry(name + "/", true, false));
        } else if (attributes.isRegularFile()) {
          nameCheck.check(name);
          entries.add(new Entry(name, false, executable(attributes)));
        }
      }
    }
    entries.sort(Comparator.comparing(Entry::key));
    stack.push(new Level(entries));
  }

  private static boolean executable(BasicFileAttributes attributes) {
    return attributes instanceof PosixFileAttributes posixAttributes
        && posixAttributes.permissions().contains(PosixFilePermission.OWNER_EXECUTE);
  }
}
