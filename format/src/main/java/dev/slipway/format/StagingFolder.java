package dev.slipway.format;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Writes an archive's checked files under one root, and never through a link (the second fence
 * behind {@link ArchivePaths}).
 *
 * <p>Small files are written on a few threads while the reader inflates and hashes the next ones
 * (issue #7). Creating a file costs the kernel far more than inflating and hashing its bytes, so
 * one thread doing everything, as {@code tar -x} does, leaves the second core idle. What waits to be
 * written is bounded ({@link #MAX_PENDING} files of at most the reader's small-file size), so
 * memory stays flat.
 */
final class StagingFolder implements UnpackTarget {
  /** Files handed over and not yet written, at most. */
  static final int MAX_PENDING = 64;

  private final Path root;
  private final boolean posix;
  /**
   * Folders known to exist as real folders under the root: asking the file system again for every
   * file's parent cost an exception per file in {@code Files.createDirectories} (issue #7).
   */
  private final Set<Path> knownFolders = ConcurrentHashMap.newKeySet();
  private final ExecutorService writers;
  private final Semaphore pending = new Semaphore(MAX_PENDING);
  private final AtomicReference<Throwable> failure = new AtomicReference<>();

  StagingFolder(Path staging, int writerThreads) {
    this.root = staging.toAbsolutePath().normalize();
    this.posix = root.getFileSystem().supportedFileAttributeViews().contains("posix");
    knownFolders.add(root);
    AtomicInteger number = new AtomicInteger();
    this.writers = Executors.newFixedThreadPool(Math.max(1, writerThreads), task -> {
      Thread thread = new Thread(task, "slipway-unpack-" + number.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
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
  public void writeFile(String name, byte[] content, int length, boolean executable) throws IOException {
    rethrowFailure();
    try {
      pending.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while unpacking " + name);
    }
    writers.execute(() -> {
      try {
        if (failure.get() == null) {
          try (OutputStream out = createFile(name)) {
            out.write(content, 0, length);
          }
          if (executable) {
            markExecutable(name);
          }
        }
      } catch (Throwable e) {
        failure.compareAndSet(null, e);
      } finally {
        pending.release();
      }
    });
  }

  @Override
  public void markExecutable(String name) throws IOException {
    if (posix) {
      Files.setPosixFilePermissions(resolve(name), PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  @Override
  public void finish() throws IOException {
    try {
      pending.acquire(MAX_PENDING);
      pending.release(MAX_PENDING);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while unpacking");
    }
    rethrowFailure();
  }

  @Override
  public void close() {
    writers.shutdownNow();
    boolean interrupted = false;
    while (true) {
      try {
        if (writers.awaitTermination(1, TimeUnit.MINUTES)) {
          break;
        }
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void rethrowFailure() throws IOException {
    Throwable first = failure.get();
    if (first instanceof IOException io) {
      throw io;
    }
    if (first instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (first instanceof Error error) {
      throw error;
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
