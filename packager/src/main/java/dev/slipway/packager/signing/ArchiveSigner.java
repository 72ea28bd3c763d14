package dev.slipway.packager.signing;

import dev.slipway.format.Manifest;
import dev.slipway.format.signature.Minisign;
import dev.slipway.format.signature.SecretKey;
import dev.slipway.format.signature.SignatureFile;
import dev.slipway.format.signature.TrustedComment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Writes {@code ARCHIVE.minisig} next to a packaged archive (issue #22): minisign's pre-hashed
 * format, with a trusted comment naming the app, version, build id and the archive's SHA-256. The
 * archive and its manifest are not touched: the signature is a sidecar, like the {@code .sha256}.
 */
public final class ArchiveSigner {
  private ArchiveSigner() {}

  /**
   * Signs {@code archive} with {@code key}; without a key, removes a signature an earlier run left
   * under the same name, which would otherwise stand next to an archive it may not match.
   *
   * @return the signature file written, or empty when there was no key
   */
  public static Optional<Path> apply(Optional<SecretKey> key, Path archive, Manifest.Header manifest, String sha256)
      throws IOException {
    Path target = SignatureFile.pathFor(archive);
    if (key.isEmpty()) {
      Files.deleteIfExists(target);
      return Optional.empty();
    }
    TrustedComment comment = TrustedComment.forArchive(manifest.app().name(), manifest.app().version(), manifest.buildId(), sha256);
    SignatureFile signature = Minisign.sign(key.get(), archive, comment);
    Path partial = target.resolveSibling("." + target.getFileName() + ".partial");
    Files.writeString(partial, signature.text(), StandardCharsets.UTF_8);
    Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return Optional.of(target);
  }
}
