package dev.slipway.format;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackedFileListTest {
  private static final String SHA = Sha256.of("x".getBytes());

  @TempDir Path spillFolder;

  @Test
  void givesBackEveryEntryAsAddedAcrossManyBlocks() throws IOException {
    List<FileEntry> added = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      // Paths of varying length (up to ~1 KB in 200-character segments) so that entries end at
      // every offset of a block.
      String path = "d" + (i % 97) + "/" + ("x".repeat(200) + "/").repeat(i % 5) + "y".repeat(i % 200) + i + ".js";
      added.add(new FileEntry(path, (long) i * 1_000_003L, i % 3 == 0 ? FileEntry.MODE_EXECUTABLE : FileEntry.MODE_FILE,
          Sha256.of(path.getBytes())));
    }
    try (PackedFileList packed = new PackedFileList(spillFolder)) {
      added.forEach(packed);

      PackedFileList.Reader reader = packed.reader();
      List<FileEntry> read = readAll(reader);

      assertThat(read).isEqualTo(added);
      assertThat(reader.next()).as("after the last").isNull();
      assertThat(packed.spilled()).isTrue();
    }
  }

  @Test
  void fullBlocksGoToASpillFileThatLeavesNothingBehind() throws IOException {
    PackedFileList packed = new PackedFileList(spillFolder);
    List<FileEntry> added = new ArrayList<>();
    while (!packed.spilled()) {
      added.add(entryOfPackedLength(1000, added.size()));
      packed.accept(added.get(added.size() - 1));
    }
    // The entry that did not fit is the one that spilled the block before it.
    assertThat(added).as("entries up to the first spill").hasSize(PackedFileList.BLOCK / 1000 + 1);

    assertThat(readAll(packed.reader())).isEqualTo(added);
    packed.close();

    assertThat(filesIn(spillFolder)).isEmpty();
  }

  @Test
  void aListOfOneBlockNeverMakesASpillFile() throws IOException {
    try (PackedFileList packed = new PackedFileList(spillFolder)) {
      List<FileEntry> added = new ArrayList<>();
      for (int i = 0; i < PackedFileList.BLOCK / 1000; i++) {
        added.add(entryOfPackedLength(1000, i));
      }
      added.forEach(packed);

      assertThat(readAll(packed.reader())).isEqualTo(added);
      assertThat(packed.spilled()).isFalse();
      assertThat(filesIn(spillFolder)).isEmpty();
    }
  }

  @Test
  void aSpillFolderThatCannotBeWrittenIsALocalIoFailureNamingTheFolder() {
    Path missing = spillFolder.resolve("gone");
    PackedFileList packed = new PackedFileList(missing);

    assertThatThrownBy(() -> {
      for (int i = 0; i <= PackedFileList.BLOCK / 1000; i++) {
        packed.accept(entryOfPackedLength(1000, i));
      }
    }).isInstanceOf(PackedFileList.SpillFailure.class)
        .hasMessageContaining(missing.toString())
        .hasCauseInstanceOf(IOException.class);
  }

  private static List<Path> filesIn(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.toList();
    }
  }

  @Test
  void keepsNonAsciiPathsTheLargestSizeAndTheMode() {
    List<FileEntry> added = List.of(
        new FileEntry("public/pägé-日本.txt", FileEntry.MAX_SIZE, FileEntry.MODE_FILE, SHA),
        new FileEntry("run.sh", 0, FileEntry.MODE_EXECUTABLE, SHA));
    PackedFileList packed = new PackedFileList();
    added.forEach(packed);

    PackedFileList.Reader reader = packed.reader();

    assertThat(asEntry(reader.next())).isEqualTo(added.get(0));
    assertThat(asEntry(reader.next())).isEqualTo(added.get(1));
    assertThat(reader.next()).isNull();
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "{0} bytes left in the first block")
  @org.junit.jupiter.params.provider.ValueSource(ints = {0, 1, 42, 43, 44})
  void anEntryThatWouldNotFitStartsTheNextBlockWhateverIsLeft(int left) {
    // 43 bytes of an entry are not its path: 42 or fewer left cannot hold even a length and a size.
    List<FileEntry> added = new ArrayList<>();
    int remaining = 256 * 1024;
    while (remaining - left > 2 * 1043) {
      added.add(entryOfPackedLength(1043, added.size()));
      remaining -= 1043;
    }
    int first = (remaining - left) / 2;
    added.add(entryOfPackedLength(first, added.size()));
    added.add(entryOfPackedLength(remaining - left - first, added.size()));
    added.add(entryOfPackedLength(100, added.size())); // into the next block
    PackedFileList packed = new PackedFileList();
    added.forEach(packed);

    assertThat(readAll(packed.reader())).isEqualTo(added);
  }

  /** What the reader gave back, as the record that went in (a ListedFile's hash is raw bytes). */
  private static List<FileEntry> readAll(PackedFileList.Reader reader) {
    List<FileEntry> read = new ArrayList<>();
    for (ListedFile file; (file = reader.next()) != null; ) {
      read.add(asEntry(file));
    }
    return read;
  }

  private static FileEntry asEntry(ListedFile file) {
    return new FileEntry(file.path(), file.size(), file.executable() ? FileEntry.MODE_EXECUTABLE : FileEntry.MODE_FILE,
        file.sha256Hex());
  }

  /** An entry that takes exactly {@code length} bytes packed: 43 fixed, the rest its ASCII path. */
  private static FileEntry entryOfPackedLength(int length, int n) {
    StringBuilder path = new StringBuilder();
    int pathLength = length - 43;
    while (path.length() < pathLength) {
      path.append(path.length() % 200 == 199 ? '/' : 'a');
    }
    if (path.charAt(path.length() - 1) == '/') {
      path.setCharAt(path.length() - 1, 'b');
    }
    assertThat(path.length()).isEqualTo(pathLength);
    return new FileEntry(path.toString(), n, FileEntry.MODE_FILE, SHA);
  }

  @Test
  void anEmptyListHasNoEntry() {
    assertThat(new PackedFileList().reader().next()).isNull();
  }
}
