package dev.slipway.installer.archive;

import dev.slipway.format.FailureKind;
import dev.slipway.format.Reporter;
import dev.slipway.format.SafeArchiveReader;
import dev.slipway.format.Sha256;
import dev.slipway.format.SlipwayException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;

/**
 * Steps 2 and 3 in one read (issue #7): the archive's compressed bytes are hashed while the safe
 * reader unpacks them into staging, and the checksum is compared before anything in staging is
 * used or run. The reader never writes outside staging, so unpacking an archive whose checksum
 * turns out wrong harms nothing; staging is removed by the caller.
 */
public final class Unpacker {
  private static final int BUFFER = 256 * 1024;

  private Unpacker() {}

  public static SafeArchiveReader.Result unpack(Path archive, String expectedSha256, Path staging, Reporter reporter)
      throws IOException {
    return unpack(archive, expectedSha256, staging, reporter, SafeArchiveReader.HeaderCheck.NONE);
  }

  /** As {@link #unpack(Path, String, Path, Reporter)}, with {@code beforeFiles} run on the manifest before any file is written. */
  public static SafeArchiveReader.Result unpack(Path archive, String expectedSha256, Path staging, Reporter reporter,
      SafeArchiveReader.HeaderCheck beforeFiles) throws IOException {
    return read(archive, expectedSha256, in -> SafeArchiveReader.extract(in, staging, reporter::progress, beforeFiles));
  }

  /** The same checks as {@link #unpack}, writing nothing: {@code installer verify}. */
  static SafeArchiveReader.Result check(Path archive, String expectedSha256, Reporter reporter) throws IOException {
    return read(archive, expectedSha256, in -> SafeArchiveReader.check(in, reporter::progress));
  }

  @FunctionalInterface
  private interface Reading {
    SafeArchiveReader.Result read(InputStream compressed) throws IOException;
  }

  private static SafeArchiveReader.Result read(Path archive, String expectedSha256, Reading reading) throws IOException {
    MessageDigest digest = Sha256.newDigest();
    // The digest sits below the buffer: the gzip reader marks and resets its input to find the
    // next member, and a digest above the buffer would count those bytes twice.
    try (InputStream in = new BufferedInputStream(new DigestInputStream(Files.newInputStream(archive), digest), BUFFER)) {
      SafeArchiveReader.Result result;
      try {
        result = reading.read(in);
      } catch (SlipwayException e) {
        // A damaged transfer shows up as a broken entry; name the real cause when the checksum says so.
        if (e.kind() == FailureKind.INTEGRITY) {
          drain(in);
          String actual = Sha256.hex(digest.digest());
          if (!actual.equals(expectedSha256)) {
            throw ArchiveChecksum.mismatch(archive, actual, expectedSha256);
          }
        }
        throw e;
      }
      drain(in);
      String actual = Sha256.hex(digest.digest());
      if (!actual.equals(expectedSha256)) {
        throw ArchiveChecksum.mismatch(archive, actual, expectedSha256);
      }
      return result;
    }
  }

  private static void drain(InputStream in) throws IOException {
    byte[] buffer = new byte[BUFFER];
    while (in.read(buffer) != -1) {
      // hashing the rest: the tar end blocks and anything after them count too
    }
  }
}
