package dev.slipway.format;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
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
  private final Set<String> knownFolders = ConcurrentHashMap.newKeySet();

  private static final int WRITE_SLICE = 64 * 1024;
  /** Made once: Files.newOutputStream builds this set again for every file (issue #7: 10k files). */
  private static final Set<OpenOption> NEW_FILE =
      Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
  private static final Set<PosixFilePermission> EXECUTABLE = PosixFilePermissions.fromString("rwxr-xr-x");

  /** Whether this host's file system is Windows', which cannot hold some names Linux can. */
  private final boolean windows;

  StagingFolder(Path staging) {
    this(staging, System.getProperty("os.name", "").startsWith("Windows"));
  }

  StagingFolder(Path staging, boolean windows) {
    this.root = staging.toAbsolutePath().normalize();
    this.posix = root.getFileSystem().supportedFileAttributeViews().contains("posix");
    this.windows = windows;
    knownFolders.add("");
  }

  @Override
  public void createFolder(String name) throws IOException {
    ensureFolder(name, name);
  }

  @Override
  public OutputStream createFile(String name) throws IOException {
    Path target = resolve(name);
    int slash = name.lastIndexOf('/');
    ensureFolder(slash < 0 ? "" : name.substring(0, slash), name);
    try {
      return new DiskFullAware(Channels.newOutputStream(FileChannel.open(target, NEW_FILE)), name);
    } catch (FileAlreadyExistsException e) {
      throw ArchiveRefusal.of("DUPLICATE_ENTRY", name, "would overwrite a file already unpacked");
    } catch (IOException e) {
      throw diskFullOr(e, name);
    }
  }

  @Override
  public void markExecutable(String name) throws IOException {
    if (posix) {
      Files.setPosixFilePermissions(resolve(name), EXECUTABLE);
    }
  }

  /** Makes {@code folderName} (an archive path, "" for the root) and its parents, once each. */
  private void ensureFolder(String folderName, String name) throws IOException {
    if (knownFolders.contains(folderName)) {
      return;
    }
    Path folder = resolve(folderName);
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw diskFullOr(e, name);
    }
    if (Files.isSymbolicLink(folder)) {
      throw ArchiveRefusal.of("UNSAFE_PATH", name, "its folder is a link");
    }
    // Every folder up to the root exists now too.
    for (String known = folderName; knownFolders.add(known); ) {
      int slash = known.lastIndexOf('/');
      known = slash < 0 ? "" : known.substring(0, slash);
    }
  }

  private Path resolve(String name) {
    if (windows) {
      // A device name would open the device, a trailing dot would merge two names (ArchivePaths).
      ArchivePaths.windowsProblem(name).ifPresent(why -> {
        throw ArchiveRefusal.of("UNSAFE_PATH", name, why + "; a Windows host cannot unpack it");
      });
    }
    Path target = root.resolve(name).normalize();
    if (!target.startsWith(root) || target.equals(root)) {
      throw ArchiveRefusal.of("UNSAFE_PATH", name, "resolves outside the staging folder");
    }
    return target;
  }

  private IOException diskFullOr(IOException e, String name) {
    if (LocalIoFailure.isDiskFull(e)) {
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
        // In slices of at most 64 KiB: NIO copies a heap array through a temporary direct buffer
        // of the write's size and keeps up to 16 of them per thread, so whole files of up to
        // 256 KiB left about 10 MB of native memory behind on a 50k-file archive (issue #7).
        for (int done = 0; done < len; done += WRITE_SLICE) {
          out.write(b, off + done, Math.min(WRITE_SLICE, len - done));
        }
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
