package dev.slipway.installer.layout;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/** Small, crash-safe file writes: a reader sees the old content or the new, never half. */
public final class AtomicFiles {

  private AtomicFiles() {}

  /**
   * Replaces {@code target} with {@code content}: writes a sibling temporary file, fsyncs it,
   * renames it over the target (rename(2) is atomic) and fsyncs the folder so the rename itself
   * survives a power cut.
   */
  public static void write(Path target, byte[] content) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    StateFiles.refuseLink(dir); // a planted folder link would take the new file elsewhere (issue #20)
    Files.createDirectories(dir);
    Path tmp = dir.resolve("." + target.getFileName() + "." + randomSuffix() + ".tmp");
    try {
      try (FileChannel ch =
          FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        writeFully(ch, ByteBuffer.wrap(content));
        ch.force(true);
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
    fsyncDirectory(dir);
  }

  static void writeFully(FileChannel ch, ByteBuffer buffer) throws IOException {
    while (buffer.hasRemaining()) {
      ch.write(buffer);
    }
  }

  /**
   * Makes a rename or create in {@code dir} durable. Best effort: Linux allows opening a folder to
   * fsync it; Windows (and some file systems) refuse, and there NTFS journals the rename anyway.
   */
  static void fsyncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Not possible on this platform; the rename already happened and is visible.
    }
  }

  /** 8 hex characters: enough to keep temporary names from colliding, not a secret. */
  static String randomSuffix() {
    return String.format("%08x", ThreadLocalRandom.current().nextInt());
  }
}
