package dev.slipway.format;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.util.Optional;

/**
 * Failures of this host's own files, told apart from bugs: a full disk or used-up quota (DISK_FULL)
 * and a file the file system refused (LOCAL_IO: permissions, a read-only mount, an I/O error).
 * Before, whatever did not expect them (a hard-linked dependency copy, a history line, a spill
 * file) let them escape as INTERNAL, "a bug in Slipway".
 */
public final class LocalIoFailure {
  /** How the JDK words ENOSPC and EDQUOT on Linux and macOS, and a full disk on Windows. */
  private static final String[] NO_SPACE = {
    "No space left on device", "Disk quota exceeded", "There is not enough space on the disk"
  };

  private LocalIoFailure() {}

  /** Whether {@code e} or one of its causes says the disk (or the user's quota) is full. */
  public static boolean isDiskFull(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String message = String.valueOf(t.getMessage());
      for (String words : NO_SPACE) {
        if (message.contains(words)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * DISK_FULL or LOCAL_IO for an escaping exception that is one of these, empty otherwise (an
   * IOException that names no file is not known to be the host's).
   */
  static Optional<SlipwayException> of(Throwable e) {
    if (firstCause(e, IOException.class).isPresent() && isDiskFull(e)) {
      return Optional.of(new SlipwayException(
          FailureKind.DISK_FULL, "DISK_FULL", "no space left on the device (or the disk quota is used up): " + reason(e),
          String.valueOf(e), "free disk space (on a server, `installer list` shows the releases that retention may delete) and run again"));
    }
    return firstCause(e, FileSystemException.class).map(fs -> new SlipwayException(
        FailureKind.LOCAL_IO, "LOCAL_IO",
        "cannot read or write " + fs.getFile() + (fs.getOtherFile() == null ? "" : " (or " + fs.getOtherFile() + ")")
            + ": " + (fs.getReason() == null ? fs.getClass().getSimpleName() : fs.getReason()),
        String.valueOf(e),
        fix(fs)));
  }

  /** What to do, by what the file system said; the JDK's subclass or the OS's words (Linux's and Windows'). */
  private static String fix(FileSystemException fs) {
    String reason = String.valueOf(fs.getReason());
    if (fs instanceof java.nio.file.AccessDeniedException || reason.contains("Permission denied")
        || reason.contains("Access is denied") || reason.contains("Operation not permitted")) {
      return "run Slipway as the user that owns the folder, or give that user read and write access to it, then run again";
    }
    if (reason.contains("Read-only file system")) {
      return "the file system is mounted read-only: remount it read-write or use a folder on a writable one, then run again";
    }
    if (fs instanceof java.nio.file.NotDirectoryException || reason.contains("Not a directory")
        || fs instanceof java.nio.file.FileAlreadyExistsException) {
      return "a file stands where a folder is expected (or the other way round): move it aside, then run again";
    }
    if (reason.contains("Input/output error")) {
      return "the disk reports errors: check the kernel log (dmesg) and the disk before running again";
    }
    return "check that the user running Slipway may read and write it and that its file system is mounted read-write and"
        + " healthy (dmesg), then run again";
  }

  private static String reason(Throwable e) {
    return String.valueOf(firstCause(e, IOException.class).map(Throwable::getMessage).orElse(e.getMessage()));
  }

  private static <T extends Throwable> Optional<T> firstCause(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return Optional.of(type.cast(t));
      }
    }
    return Optional.empty();
  }
}
