package dev.slipway.installer.archive;

import dev.slipway.format.FailureKind;
import dev.slipway.format.Reporter;
import dev.slipway.format.SafeArchiveReader;
import dev.slipway.format.SlipwayException;
import dev.slipway.installer.layout.FileTrees;
import dev.slipway.installer.signing.ArchiveSignatureCheck;
import dev.slipway.installer.signing.SignaturePolicy;
import dev.slipway.installer.signing.SignatureVerdict;
import dev.slipway.installer.signing.TrustedKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code installer verify} and {@code installer unpack}: steps 2 and 3 of an install (checksum, and
 * every entry against the manifest) without a release root. {@code verify} writes nothing at all;
 * {@code unpack} leaves the checked files in a folder of the operator's choosing.
 */
public final class ArchiveVerifier {
  /** @param signedBy as {@link SignatureVerdict#recorded()}: a key id, {@code unsigned}, or null */
  public record Result(String sha256, SafeArchiveReader.Result contents, String signedBy) {}

  private ArchiveVerifier() {}

  /** Reads and checks every byte; writes nothing, so it needs no disk space. */
  public static Result verify(Path archive, Optional<String> sha256, Reporter reporter) throws IOException {
    return verify(archive, sha256, SignaturePolicy.DEFAULT, reporter);
  }

  /** As above, the signature first when {@code signing} names trusted keys (issue #22). */
  public static Result verify(Path archive, Optional<String> sha256, SignaturePolicy signing, Reporter reporter)
      throws IOException {
    SignatureVerdict signature = signature(archive, signing, reporter);
    String expected = ArchiveChecksum.expected(archive, sha256, signature.sha256());
    reporter.step("verifying " + archive.getFileName() + ": checksum, and every file against the manifest");
    return new Result(expected, Unpacker.check(archive, expected, reporter), signature.recorded());
  }

  /**
   * Verifies and unpacks into {@code into}, which must not exist or be an empty folder. On failure
   * it leaves {@code into} as it found it (gone, or empty).
   */
  public static Result unpack(Path archive, Optional<String> sha256, SignaturePolicy signing, Path into, Reporter reporter)
      throws IOException {
    SignatureVerdict signature = signature(archive, signing, reporter);
    String expected = ArchiveChecksum.expected(archive, sha256, signature.sha256());
    boolean existed = Files.exists(into, LinkOption.NOFOLLOW_LINKS);
    if (existed && !isEmptyFolder(into)) {
      throw new SlipwayException(
          FailureKind.USAGE, "UNPACK_TARGET_NOT_EMPTY",
          into + " is not an empty folder: unpack writes only into a new or empty one, so nothing of yours is overwritten",
          null, "name a folder that does not exist yet");
    }
    Files.createDirectories(into);
    reporter.step("unpacking " + archive.getFileName() + " into " + into + ", checking every file against the manifest");
    boolean done = false;
    try {
      Result result = new Result(expected, Unpacker.unpack(archive, expected, into, reporter), signature.recorded());
      done = true;
      return result;
    } finally {
      if (!done) {
        FileTrees.deleteRecursively(into);
        if (existed) {
          Files.createDirectories(into);
        }
      }
    }
  }

  /** No root here: only --trusted-key files are trusted. */
  private static SignatureVerdict signature(Path archive, SignaturePolicy signing, Reporter reporter) throws IOException {
    return ArchiveSignatureCheck.run(archive, TrustedKeys.load(signing, Optional.empty()), signing.allowUnsigned(), reporter);
  }

  private static boolean isEmptyFolder(Path folder) throws IOException {
    if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    try (var entries = Files.list(folder)) {
      return entries.findAny().isEmpty();
    }
  }
}
