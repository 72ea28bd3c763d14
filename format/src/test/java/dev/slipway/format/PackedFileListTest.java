package dev.slipway.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PackedFileListTest {
  private static final String SHA = Sha256.of("x".getBytes());

  @Test
  void givesBackEveryEntryAsAddedAcrossManyBlocks() {
    List<FileEntry> added = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      // Paths of varying length (up to ~1 KB in 200-character segments) so that entries end at
      // every offset of a block.
      String path = "d" + (i % 97) + "/" + ("x".repeat(200) + "/").repeat(i % 5) + "y".repeat(i % 200) + i + ".js";
      added.add(new FileEntry(path, (long) i * 1_000_003L, i % 3 == 0 ? FileEntry.MODE_EXECUTABLE : FileEntry.MODE_FILE,
          Sha256.of(path.getBytes())));
    }
    PackedFileList packed = new PackedFileList();
    added.forEach(packed);

    PackedFileList.Reader reader = packed.reader();
    List<FileEntry> read = new ArrayList<>();
    for (FileEntry file; (file = reader.next()) != null; ) {
      read.add(file);
    }

    assertThat(read).isEqualTo(added);
    assertThat(reader.next()).as("after the last").isNull();
  }

  @Test
  void keepsNonAsciiPathsTheLargestSizeAndTheMode() {
    List<FileEntry> added = List.of(
        new FileEntry("public/pägé-日本.txt", FileEntry.MAX_SIZE, FileEntry.MODE_FILE, SHA),
        new FileEntry("run.sh", 0, FileEntry.MODE_EXECUTABLE, SHA));
    PackedFileList packed = new PackedFileList();
    added.forEach(packed);

    PackedFileList.Reader reader = packed.reader();

    assertThat(reader.next()).isEqualTo(added.get(0));
    assertThat(reader.next()).isEqualTo(added.get(1));
    assertThat(reader.next()).isNull();
  }

  @Test
  void anEmptyListHasNoEntry() {
    assertThat(new PackedFileList().reader().next()).isNull();
  }
}
