package dev.slipway.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagingFolderTest {
  @TempDir Path tmp;

  @Test
  void threadsWritingIntoTheSameNewFoldersAllSucceed() throws Exception {
    Path staging = Files.createDirectories(tmp.resolve("staging"));
    UnpackTarget target = UnpackTarget.folder(staging);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> writes = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        String name = "d" + (i % 5) + "/sub/f" + i + ".txt";
        boolean executable = i % 10 == 0;
        writes.add(pool.submit(() -> {
          try (OutputStream out = target.createFile(name)) {
            out.write(name.getBytes(StandardCharsets.UTF_8));
          }
          if (executable) {
            target.markExecutable(name);
          }
          return null;
        }));
      }
      for (Future<?> write : writes) {
        write.get();
      }
    } finally {
      pool.shutdownNow();
    }
    for (int i = 0; i < 400; i++) {
      Path file = staging.resolve("d" + (i % 5) + "/sub/f" + i + ".txt");
      assertThat(file).hasContent("d" + (i % 5) + "/sub/f" + i + ".txt");
      assertThat(Files.getPosixFilePermissions(file).contains(PosixFilePermission.OWNER_EXECUTE)).isEqualTo(i % 10 == 0);
    }
  }

  @Test
  void anExistingFileIsNeverOverwritten() throws IOException {
    Path staging = Files.createDirectories(tmp.resolve("staging"));
    Files.writeString(staging.resolve("taken.txt"), "already here");
    assertThatThrownBy(() -> UnpackTarget.folder(staging).createFile("taken.txt"))
        .isInstanceOfSatisfying(SlipwayException.class, e -> assertThat(e.causeCode()).isEqualTo("DUPLICATE_ENTRY"));
    assertThat(staging.resolve("taken.txt")).hasContent("already here");
  }

  @Test
  void aNameThatResolvesOutsideTheFolderIsRefusedEvenHere() throws IOException {
    Path staging = Files.createDirectories(tmp.resolve("staging"));
    assertThatThrownBy(() -> UnpackTarget.folder(staging).createFile("../outside.txt"))
        .isInstanceOfSatisfying(SlipwayException.class, e -> assertThat(e.causeCode()).isEqualTo("UNSAFE_PATH"));
    assertThat(tmp.resolve("outside.txt")).doesNotExist();
  }
  @Test
  void onWindowsADeviceNameIsRefusedWhereLinuxWritesIt() throws IOException {
    Path windows = Files.createDirectories(tmp.resolve("windows"));
    assertThatThrownBy(() -> new StagingFolder(windows, true).createFile("public/nul.txt"))
        .isInstanceOfSatisfying(SlipwayException.class, e -> {
          assertThat(e.causeCode()).isEqualTo("UNSAFE_PATH");
          assertThat(e.getMessage()).contains("public/nul.txt", "device NUL", "a Windows host cannot unpack it");
        });
    assertThat(windows.resolve("public")).doesNotExist();

    Path linux = Files.createDirectories(tmp.resolve("linux"));
    try (OutputStream out = new StagingFolder(linux, false).createFile("public/nul.txt")) {
      out.write('x');
    }
    assertThat(linux.resolve("public/nul.txt")).hasContent("x");
  }
}
