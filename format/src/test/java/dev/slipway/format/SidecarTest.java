package dev.slipway.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading ARCHIVE.sha256 (issue #20: a huge one or one naming a non-ASCII file ended as INTERNAL). */
class SidecarTest {
  private static final String HEX = "ab".repeat(32);

  @TempDir Path tmp;

  @Test
  void aSidecarNamingANonAsciiArchiveGivesItsDigest() throws Exception {
    Path archive = tmp.resolve("caf\u00e9-1.0.0-b1.tar.gz");
    Sidecar.write(archive, HEX);

    assertThat(Sidecar.read(archive)).contains(HEX);
  }

  @Test
  void aSidecarLargerThanALineIsABadSidecarWithoutReadingItAll() throws Exception {
    Path archive = tmp.resolve("app.tar.gz");
    Path sidecar = Sidecar.pathFor(archive);
    Files.writeString(sidecar, HEX + "  app.tar.gz\n", StandardCharsets.UTF_8);
    try (RandomAccessFile file = new RandomAccessFile(sidecar.toFile(), "rw")) {
      file.setLength(400L * 1024 * 1024); // sparse: 400 MB on paper, the size that ran out of heap
    }

    SlipwayException refusal = catchThrowableOfType(() -> Sidecar.read(archive), SlipwayException.class);

    assertThat(refusal.causeCode()).isEqualTo("BAD_SIDECAR");
    assertThat(refusal.kind()).isEqualTo(FailureKind.INTEGRITY);
    assertThat(refusal.getMessage()).isEqualTo(sidecar + " is larger than 4096 bytes: not a sha256sum line");
  }
}
