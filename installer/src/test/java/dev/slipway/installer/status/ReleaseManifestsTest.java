package dev.slipway.installer.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.format.ArchiveLayout;
import dev.slipway.format.FileEntry;
import dev.slipway.format.Json;
import dev.slipway.format.Manifest;
import dev.slipway.format.SlipwayException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseManifestsTest {
  @TempDir Path release;

  private Manifest writeManifest(int files) throws Exception {
    List<FileEntry> entries = new ArrayList<>();
    for (int i = 0; i < files; i++) {
      entries.add(new FileEntry(String.format("f%05d.js", i), i, FileEntry.MODE_FILE, "b".repeat(64)));
    }
    Manifest manifest = new Manifest(1, new Manifest.App("shop", "1.4.2"), "b1d", "2026-03-01T10:15:00Z",
        new Manifest.BuiltWith("v20.11.1", "10.8.2", "15.1.6", "linux", "x64", "115"), ">=20.9.0",
        new Manifest.Start("none", "server.js", null), new Manifest.Lockfile("package-lock.json", "a".repeat(64)),
        List.of(), entries);
    Files.createDirectories(release.resolve(ArchiveLayout.DEPLOY_DIR));
    Files.write(release.resolve(ArchiveLayout.MANIFEST), Json.prettyBytes(manifest));
    return manifest;
  }

  @Test
  void theHeaderHasEverythingButTheFileList() throws Exception {
    Manifest full = writeManifest(500);

    Manifest.Header header = ReleaseManifests.headerIfPresent(release).orElseThrow();

    assertThat(header).isEqualTo(full.header());
    assertThat(header.app()).isEqualTo(full.app());
    assertThat(header.buildId()).isEqualTo(full.buildId());
    assertThat(header.builtWith()).isEqualTo(full.builtWith());
    assertThat(header.enginesNode()).isEqualTo(full.enginesNode());
    assertThat(header.start()).isEqualTo(full.start());
    assertThat(header.lockfile()).isEqualTo(full.lockfile());
  }

  @Test
  void aReleaseWithoutAManifestHasNoHeaderAndADamagedOneIsNamed() throws Exception {
    assertThat(ReleaseManifests.headerIfPresent(release)).isEmpty();

    Files.createDirectories(release.resolve(ArchiveLayout.DEPLOY_DIR));
    Files.writeString(release.resolve(ArchiveLayout.MANIFEST), "{\"formatVersion\":1,\"app\":");
    assertThatThrownBy(() -> ReleaseManifests.headerIfPresent(release))
        .isInstanceOfSatisfying(SlipwayException.class, e -> {
          assertThat(e.causeCode()).isEqualTo("RELEASE_DAMAGED");
          assertThat(e.getMessage()).contains(ArchiveLayout.MANIFEST);
        });
  }
}
