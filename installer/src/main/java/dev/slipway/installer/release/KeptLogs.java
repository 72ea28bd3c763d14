package dev.slipway.installer.release;

import dev.slipway.format.ArchiveLayout;
import dev.slipway.installer.env.Redactor;
import dev.slipway.installer.layout.StateFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

/**
 * The logs we keep (issue #20, section 3): folders 0700, files 0600, secrets redacted. Children
 * write their logs live, through a redirect the OS makes (a pipe we copy would let a server the
 * app leaves running hold us up), so the redaction runs when a log is kept: after the smoke-start
 * for the release's {@code .deploy/logs}, and as {@link FailedLogs} keeps a refused attempt's.
 * Until then the log sits in a 0700 folder that only the installer's user can read.
 */
public final class KeptLogs {
  private KeptLogs() {}

  /** A release's (or staging folder's) own logs: npm-ci.log, smoke.log. */
  public static Path dirOf(Path release) {
    return release.resolve(ArchiveLayout.LOGS_DIR);
  }

  /**
   * Makes {@code log}'s folder private and the file exist, 0600 and not a link, for a child to
   * append to through {@code ProcessBuilder.Redirect.appendTo} (which follows links: we check
   * first, in a folder no one else can write).
   */
  static Path openForAppend(Path log) throws IOException {
    StateFiles.privateFolder(log.toAbsolutePath().getParent());
    StateFiles.refuseLink(log);
    try (FileChannel created = FileChannel.open(log, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        LinkOption.NOFOLLOW_LINKS)) {
      // only made, never written here
    }
    StateFiles.privateFile(log);
    return log;
  }

  /** Redacts every regular file directly or deeper in {@code dir}, making each 0600 and each folder 0700. */
  public static void redact(Path dir, Redactor redactor) throws IOException {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    List<Path> entries;
    try (Stream<Path> walk = Files.walk(dir)) {
      entries = walk.toList();
    }
    for (Path entry : entries) {
      if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
        StateFiles.privateFolder(entry);
      } else if (Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
        rewrite(entry, redactor);
      }
    }
  }

  /** Replaces {@code file} with its redacted text through a 0600 temporary file and a rename. */
  private static void rewrite(Path file, Redactor redactor) throws IOException {
    byte[] redacted = redactor.apply(Files.readAllBytes(file));
    Path tmp = file.resolveSibling("." + file.getFileName() + ".redacted");
    Files.deleteIfExists(tmp);
    boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
    if (posix) {
      Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    Files.write(tmp, redacted, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
