package dev.slipway.installer.archive;

import dev.slipway.format.FailureKind;
import dev.slipway.format.Sha256;
import dev.slipway.format.Sidecar;
import dev.slipway.format.SlipwayException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Step 2: the archive's SHA-256 must match {@code --sha256} or the sidecar; {@link Unpacker}
 * compares it while unpacking, before anything in staging is used. No expected value at all is a
 * refusal, not a warning: an unchecked archive is exactly the drift Slipway exists to stop.
 */
public final class ArchiveChecksum {
  private ArchiveChecksum() {}

  /** The digest the archive must have, from --sha256 or the sidecar; refuses when there is neither. */
  public static String expected(Path archive, Optional<String> given) throws IOException {
    return expected(archive, given, Optional.empty());
  }

  /**
   * As above, with the SHA-256 the signature check read (issue #22): a verified signature vouches
   * for the archive, so the sidecar may be missing then; one that is there (or --sha256) must agree.
   */
  public static String expected(Path archive, Optional<String> given, Optional<String> signed) throws IOException {
    if (signed.isPresent() && Files.isRegularFile(archive)) {
      Optional<String> stated = given.isPresent() ? Optional.of(expected(archive, given)) : Sidecar.read(archive);
      if (stated.isPresent() && !stated.get().equals(signed.get())) {
        throw mismatch(archive, signed.get(), stated.get());
      }
      return signed.get();
    }
    if (!Files.isRegularFile(archive)) {
      throw new SlipwayException(
          FailureKind.USAGE, "NO_ARCHIVE", "archive " + archive + " does not exist or is not a file", null,
          "pass the .tar.gz written by `packager package`");
    }
    String expected;
    if (given.isPresent()) {
      try {
        expected = Sha256.requireHex(given.get(), "--sha256");
      } catch (IllegalArgumentException e) {
        throw new SlipwayException(FailureKind.USAGE, "BAD_OPTION", e.getMessage(), null, "pass 64 hex digits");
      }
    } else {
      expected =
          Sidecar.read(archive)
              .orElseThrow(
                  () ->
                      new SlipwayException(
                          FailureKind.INTEGRITY, "NO_CHECKSUM",
                          "no checksum for " + archive.getFileName() + ": " + Sidecar.pathFor(archive).getFileName()
                              + " is missing and --sha256 was not given",
                          null, "copy the .sha256 file packager wrote next to the archive, or pass --sha256 HEX"));
    }
    return expected;
  }

  static SlipwayException mismatch(Path archive, String actual, String expected) {
    return new SlipwayException(
        FailureKind.INTEGRITY, "CHECKSUM_MISMATCH",
        "archive " + archive.getFileName() + " is damaged: its SHA-256 is " + actual + ", expected " + expected,
        null, "copy the archive again (a partial or corrupted transfer), or rebuild it with packager");
  }
}
