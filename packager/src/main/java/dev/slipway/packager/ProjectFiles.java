package dev.slipway.packager;

import dev.slipway.format.ArchivePaths;
import dev.slipway.format.ArchiveSource;
import dev.slipway.format.FailureKind;
import dev.slipway.format.SlipwayException;
import dev.slipway.packager.analysis.SecretFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Collects exactly the files production needs from a project folder (issue #2): package.json, the
 * lockfile, next.config.*, public/**, .next/** without build leftovers, and what --include names.
 * Nothing else: no sources, no node_modules, no .git, no .env files or keys.
 */
final class ProjectFiles {
  static final List<String> NEXT_CONFIG_NAMES =
      List.of("next.config.js", "next.config.mjs", "next.config.cjs", "next.config.ts");

  private final Path projectDir;
  private final Set<String> allowedSecretFiles;
  private final SortedMap<String, ArchiveSource> files = new TreeMap<>();

  ProjectFiles(Path projectDir, Set<String> allowedSecretFiles) {
    this.projectDir = projectDir;
    this.allowedSecretFiles = allowedSecretFiles;
  }

  SortedMap<String, ArchiveSource> files() {
    return files;
  }

  /** Adds a file the project must have or may have. */
  void addFile(String relative) throws IOException {
    Path file = projectDir.resolve(relative);
    if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      put(relative, file);
    }
  }

  /** Adds a folder recursively, skipping build leftovers and dependencies. */
  void addTree(String relative) throws IOException {
    Path root = projectDir.resolve(relative);
    if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path path : (Iterable<Path>) walk::iterator) {
        String name = relativeName(path);
        if (NextBuildLeftovers.excluded(name)) {
          continue;
        }
        if (Files.isSymbolicLink(path)) {
          throw new SlipwayException(
              FailureKind.PROJECT,
              "SYMLINK_IN_CONTENT",
              name + " is a symbolic link; archives hold only regular files",
              null,
              "replace the link with the file it points to, or remove it");
        }
        if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
          put(name, path);
        }
      }
    }
  }

  /** --include PATH: a file or folder inside the project that must exist. */
  void addInclude(String include) throws IOException {
    String relative = include.replace('\\', '/');
    while (relative.startsWith("./")) {
      relative = relative.substring(2);
    }
    while (relative.endsWith("/")) {
      relative = relative.substring(0, relative.length() - 1);
    }
    Path path = projectDir.resolve(relative).normalize();
    if (ArchivePaths.problem(relative).isPresent() || !path.startsWith(projectDir)) {
      throw new SlipwayException(
          FailureKind.USAGE, "BAD_INCLUDE", "--include " + include + " is not a path inside the project", null,
          "name a file or folder relative to " + projectDir);
    }
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      throw new SlipwayException(
          FailureKind.PROJECT, "INCLUDE_NOT_FOUND", "--include " + include + ": no such file or folder in " + projectDir,
          null, "check the path (it is relative to the project folder)");
    }
    if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
      addTree(relative);
    } else {
      put(relative, path);
    }
  }

  void addGenerated(String name, byte[] content) {
    files.put(name, ArchiveSource.bytes(content));
  }

  boolean contains(String name) {
    return files.containsKey(name);
  }

  private void put(String name, Path file) throws IOException {
    if (SecretFiles.looksSecret(name) && !allowedSecretFiles.contains(name)) {
      throw new SlipwayException(
          FailureKind.SECRET_FILE,
          "SECRET_FILE",
          name + " looks like a secret (an env file or a private key) and secrets never enter an archive",
          null,
          "keep secrets on the server (ROOT/shared/.env.production); if this file is not secret, pass --allow-secret-file " + name);
    }
    ArchivePaths.problem(name)
        .ifPresent(
            why -> {
              throw new SlipwayException(
                  FailureKind.PROJECT, "UNSAFE_FILE_NAME", "cannot package '" + ArchivePaths.printable(name) + "': " + why,
                  null, "rename the file");
            });
    // Kept as the project folder plus the name, not as the Path (see ArchiveSource.fileIn).
    files.put(name, ArchiveSource.fileIn(projectDir, name, executable(file)));
  }

  private String relativeName(Path path) {
    return projectDir.relativize(path).toString().replace('\\', '/');
  }

  private static boolean executable(Path file) throws IOException {
    if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return false;
    }
    return Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS).contains(PosixFilePermission.OWNER_EXECUTE);
  }
}
