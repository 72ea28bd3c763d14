package dev.slipway.format;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes an archive's checked files under one root, and never through a link (the second fence
 * behind {@link ArchivePaths}). Safe to call from several threads.
 */
final class StagingFolder implements UnpackTarget {
  private final Path root;
  private final boolean posix;
  /**
   * Folders known to exist as real folders under the root: asking the file system again for every
   * file's parent cost an exception per file in {@code Files.createDirectories} (issue #7).
   */
  private final Set<Path> knownFolders = ConcurrentHashMap.newKeySet();

  StagingFolder(Path staging) {
    this.root = staging.toAbsolutePath().normalize();
    this.posix = root.getFileSystem().supportedFileAttributeViews().contains("posix");
    knownFolders.add(root);
  }

  @Override
  public void createFolder(String name) throws IOException {
    ensureFolder(resolve(name), name);
  }

  @Override
  public OutputStream createFile(String name) throws IOException {
    Path target = resolve(name);
    ensureFolder(target.getParent(), name);
    try {
      return new DiskFullAware(
          Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS),
          name);
    } catch (FileAlreadyExistsException e) {
      throw ArchiveRefusal.of("DUPLICATE_ENTRY", name, "would overwrite a file already unpacked");
    } catch (IOException e) {
      throw diskFullOr(e, name);
    }
  }

  @Override
  public void markExecutable(String name) throws IOException {
    if (posix) {
      Files.setPosixFilePermissions(resolve(name), PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  private void ensureFolder(Path folder, String name) throws IOException {
    if (knownFolders.contains(folder)) {
      return;
    }
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw diskFullOr(e, name);
    }
    if (Files.isSymbolicLink(folder)) {
      throw ArchiveRefusal.of("UNSAFE_PATH", name, "its folder is a link");
    }
    for (Path p = folder; p != null && p.startsWith(root) && knownFolders.add(p); p = p.getParent()) {
      // every folder up to the root exists now too
    }
  }

  private Path resolve(String name) {
    Path target = root.resolve(name).normalize();
    if (!target.startsWith(root) || target.equals(root)) {
      throw ArchiveRefusal.of("UNSAFE_PATH", name, "resolves outside the staging folder");
    }
    return target;
  }

  private IOException diskFullOr(IOException e, String name) {
    if (String.valueOf(e.getMessage()).contains("No space left")) {
      throw new SlipwayException(
          FailureKind.DISK_FULL,
          "DISK_FULL",
          "no space left on the device while unpacking " + name + " into " + root,
          null,
          "free disk space (old releases under ROOT/releases can go with `installer list` / retention) and run again");
    }
    return e;
  }

  /** Names a full disk as such, whichever write or close finds it. */
  private final class DiskFullAware extends java.io.FilterOutputStream {
    private final String name;

    DiskFullAware(OutputStream out, String name) {
      super(out);
      this.name = name;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      try {
        out.write(b, off, len);
      } catch (IOException e) {
        throw diskFullOr(e, name);
      }
    }

    @Override
    public void close() throws IOException {
      try {
        out.close();
      } catch (IOException e) {
        throw diskFullOr(e, name);
      }
    }
  }
}
