package dev.slipway.installer;

import dev.slipway.format.Reporter;
import dev.slipway.format.SafeArchiveReader;
import dev.slipway.installer.layout.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code installer verify}: steps 2 and 3 of an install into a temporary folder that is removed
 * afterwards; touches nothing else.
 */
public final class ArchiveVerifier {
  public record Result(String sha256, SafeArchiveReader.Result contents) {}

  private ArchiveVerifier() {}

  public static Result verify(Path archive, Optional<String> sha256, Reporter reporter) throws IOException {
    String expected = ArchiveChecksum.expected(archive, sha256);
    Path scratch = Files.createTempDirectory("slipway-verify-");
    try {
      reporter.step("verifying " + archive.getFileName() + ": checksum, and every file against the manifest");
      return new Result(expected, Unpacker.unpack(archive, expected, scratch, reporter));
    } finally {
      FileTrees.deleteRecursively(scratch);
    }
  }
}
