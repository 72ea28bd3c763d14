package dev.slipway.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagingFolderTest {
  @TempDir Path tmp;

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static long writerThreadsAlive() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("slipway-unpack-") && t.isAlive()).count();
  }

  @Test
  void filesHandedToTheWriterThreadsAreAllThereWithTheirModesOnceFinished() throws IOException {
    Path staging = Files.createDirectories(tmp.resolve("staging"));
    try (UnpackTarget target = UnpackTarget.folder(staging, 2)) {
      for (int i = 0; i < 500; i++) {
        target.writeFile("d" + (i % 7) + "/sub/f" + i + ".txt", bytes("file " + i), bytes("file " + i).length, i % 10 == 0);
      }
      try (OutputStream big = target.createFile("d0/big.bin")) {
        big.write(new byte[300_000]);
      }
      target.finish();
    }
    for (int i = 0; i < 500; i++) {
      Path file = staging.resolve("d" + (i % 7) + "/sub/f" + i + ".txt");
      assertThat(file).hasContent("file " + i);
      assertThat(Files.getPosixFilePermissions(file).contains(PosixFilePermission.OWNER_EXECUTE)).isEqualTo(i % 10 == 0);
    }
    assertThat(Files.size(staging.resolve("d0/big.bin"))).isEqualTo(300_000);
    assertThat(writerThreadsAlive()).as("writer threads after close").isZero();
  }

  @Test
  void aWriteThatFailsOnAWriterThreadIsThrownByFinish() throws IOException {
    Path staging = Files.createDirectories(tmp.resolve("staging"));
    Files.writeString(staging.resolve("taken.txt"), "already here");
    try (UnpackTarget target = UnpackTarget.folder(staging, 2)) {
      target.writeFile("taken.txt", bytes("new"), 3, false);
      assertThatThrownBy(target::finish)
          .isInstanceOfSatisfying(SlipwayException.class, e -> assertThat(e.causeCode()).isEqualTo("DUPLICATE_ENTRY"));
    }
    assertThat(staging.resolve("taken.txt")).hasContent("already here");
  }

  @Test
  void aNameThatResolvesOutsideTheFolderIsRefusedEvenHere() throws IOException {
    Path staging = Files.createDirectories(tmp.resolve("staging"));
    try (UnpackTarget target = UnpackTarget.folder(staging, 1)) {
      assertThatThrownBy(() -> target.createFile("../outside.txt"))
          .isInstanceOfSatisfying(SlipwayException.class, e -> assertThat(e.causeCode()).isEqualTo("UNSAFE_PATH"));
    }
    assertThat(tmp.resolve("outside.txt")).doesNotExist();
  }
}
