package dev.slipway.format;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The {@code ARCHIVE.sha256} file next to an archive, in {@code sha256sum} format
 * ({@code <hex>  <file name>} and LF) so that {@code sha256sum -c} checks it too.
 */
public final class Sidecar {
  private Sidecar() {}

  public static Path pathFor(Path archive) {
    return archive.resolveSibling(archive.getFileName() + ".sha256");
  }

  public static Path write(Path archive, String sha256) throws IOException {
    Path sidecar = pathFor(archive);
    String line = Sha256.requireHex(sha256, "archive sha256") + "  " + archive.getFileName() + "\n";
    Path partial = sidecar.resolveSibling("." + sidecar.getFileName() + ".partial");
    Files.writeString(partial, line, StandardCharsets.UTF_8);
    Files.move(partial, sidecar, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    return sidecar;
  }

  /** The expected hex digest from the sidecar, or empty when there is no sidecar. */
  public static Optional<String> read(Path archive) throws IOException {
    Path sidecar = pathFor(archive);
    if (!Files.isRegularFile(sidecar)) {
      return Optional.empty();
    }
    String text = Files.readString(sidecar, StandardCharsets.US_ASCII).strip();
    String hex = text.split("\\s+", 2)[0];
    try {
      return Optional.of(Sha256.requireHex(hex, sidecar.getFileName().toString()));
    } catch (IllegalArgumentException e) {
      throw new SlipwayException(
          FailureKind.INTEGRITY,
          "BAD_SIDECAR",
          sidecar + " does not hold a SHA-256 in sha256sum format",
          null,
          "copy the .sha256 file that packager wrote next to the archive, or pass --sha256 HEX");
    }
  }
}
