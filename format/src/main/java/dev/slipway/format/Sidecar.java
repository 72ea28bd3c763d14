package dev.slipway.format;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The {@code ARCHIVE.sha256} file next to an archive, in {@code sha256sum} format
 * ({@code <hex>  <file name>} and LF) so that {@code sha256sum -c} checks it too.
 */
public final class Sidecar {
  /** A sha256sum line is under 100 bytes plus the file name; more is not a sidecar (a 400 MB one ran out of heap, issue #20). */
  static final int MAX_BYTES = 4096;

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
    byte[] head;
    try (InputStream in = Files.newInputStream(sidecar)) {
      head = in.readNBytes(MAX_BYTES + 1);
    }
    if (head.length > MAX_BYTES) {
      throw bad(sidecar, " is larger than " + MAX_BYTES + " bytes: not a sha256sum line");
    }
    // Only the hex is used; the file name after it may be any UTF-8 (the packager writes café-1.0.0-...),
    // so the text is decoded leniently instead of as ASCII, which ended as INTERNAL (issue #20).
    String text = new String(head, StandardCharsets.UTF_8).strip();
    String hex = text.split("\\s+", 2)[0];
    try {
      return Optional.of(Sha256.requireHex(hex, sidecar.getFileName().toString()));
    } catch (IllegalArgumentException e) {
      throw bad(sidecar, " does not hold a SHA-256 in sha256sum format");
    }
  }

  private static SlipwayException bad(Path sidecar, String what) {
    return new SlipwayException(
        FailureKind.INTEGRITY,
        "BAD_SIDECAR",
        sidecar + what,
        null,
        "copy the .sha256 file that packager wrote next to the archive, or pass --sha256 HEX");
  }
}
