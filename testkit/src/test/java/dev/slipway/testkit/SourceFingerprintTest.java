package dev.slipway.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceFingerprintTest {
  @TempDir Path dir;
  String before;

  @BeforeEach
  void someSources() throws IOException {
    write("package.json", "{\"name\":\"x\"}");
    write("app/page.js", "export default 1;");
    before = SourceFingerprint.of(dir, "v20.20.2");
  }

  @Test
  void sameFilesGiveTheSameKeyWhateverOrderTheyWereWrittenIn(@TempDir Path other)
      throws IOException {
    Files.createDirectories(other.resolve("app"));
    Files.writeString(other.resolve("app/page.js"), "export default 1;");
    Files.writeString(other.resolve("package.json"), "{\"name\":\"x\"}");

    assertThat(SourceFingerprint.of(other, "v20.20.2")).isEqualTo(before).hasSize(64);
  }

  @Test
  void changingAFilesContentChangesTheKey() throws IOException {
    write("app/page.js", "export default 2;");

    assertThat(SourceFingerprint.of(dir, "v20.20.2")).isNotEqualTo(before);
  }

  @Test
  void renamingAFileChangesTheKey() throws IOException {
    Files.move(dir.resolve("app/page.js"), dir.resolve("app/other.js"));

    assertThat(SourceFingerprint.of(dir, "v20.20.2")).isNotEqualTo(before);
  }

  @Test
  void addingAnEmptyFileChangesTheKey() throws IOException {
    write("public/empty.txt", "");

    assertThat(SourceFingerprint.of(dir, "v20.20.2")).isNotEqualTo(before);
  }

  @Test
  void anotherNodeVersionChangesTheKey() {
    assertThat(SourceFingerprint.of(dir, "v22.1.0")).isNotEqualTo(before);
  }

  @Test
  void installedPackagesAndBuildOutputDoNotChangeTheKey() throws IOException {
    write("node_modules/next/package.json", "{}");
    write(".next/BUILD_ID", "abc");
    write("dist/app.tar.gz", "...");
    write("app/nested/node_modules/x.js", "1");

    assertThat(SourceFingerprint.of(dir, "v20.20.2")).isEqualTo(before);
    assertThat(SourceFingerprint.sourceFiles(dir)).containsExactly("app/page.js", "package.json");
  }

  private void write(String rel, String content) throws IOException {
    Path file = dir.resolve(rel);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }
}
