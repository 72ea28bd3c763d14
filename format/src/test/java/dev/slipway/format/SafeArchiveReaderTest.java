package dev.slipway.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeArchiveReaderTest {
  @TempDir Path tmp;

  private Path staging() throws IOException {
    return Files.createDirectories(tmp.resolve("root/staging"));
  }

  private SafeArchiveReader.Result extract(byte[] archive) throws IOException {
    return SafeArchiveReader.extract(new ByteArrayInputStream(archive), staging(), SafeArchiveReader.Progress.NONE);
  }

  private void assertRefused(byte[] archive, String causeCode, String messagePart) {
    assertThatThrownBy(() -> extract(archive))
        .isInstanceOfSatisfying(
            SlipwayException.class,
            e -> {
              assertThat(e.causeCode()).isEqualTo(causeCode);
              assertThat(e.kind()).isEqualTo(FailureKind.INTEGRITY);
              assertThat(e.getMessage()).contains(messagePart);
            });
  }

  @Test
  void unpacksWhatTheWriterWroteAndReturnsBothManifests() throws Exception {
    var written = ArchiveFixtures.write(tmp.resolve("a.tar.gz"), ArchiveFixtures.sources(tmp.resolve("app")));

    SafeArchiveReader.Result result;
    try (InputStream in = Files.newInputStream(written.archive())) {
      result = SafeArchiveReader.extract(in, staging(), SafeArchiveReader.Progress.NONE);
    }
    assertThat(result.fileCount()).isEqualTo(written.fileCount());
    assertThat(result.envManifest().required()).containsExactly("GREETING");
    assertThat(staging().resolve(".next/static/chunks/app.js")).hasSameTextualContentAs(tmp.resolve("app/.next/static/chunks/app.js"));
    // Streamed into staging as it was parsed (issue #7): exactly the entry's bytes.
    assertThat(staging().resolve(ArchiveLayout.MANIFEST)).hasBinaryContent(manifestEntryBytes(written.archive()));
  }

  @Test
  void unpacksAListLongerThanOneBlockOfThePackedFileListInOrder() throws Exception {
    // 6,000 entries of 72 bytes packed: one full block goes to the spill file, the rest stays in memory.
    var sources = ArchiveFixtures.sources(tmp.resolve("app"));
    for (int i = 0; i < 6_000; i++) {
      sources.put(String.format("public/many/%02d/file-%05d.txt", i % 50, i), ArchiveSource.bytes(("file " + i).getBytes()));
    }
    var written = ArchiveFixtures.write(tmp.resolve("a.tar.gz"), sources);

    SafeArchiveReader.Result result;
    try (InputStream in = Files.newInputStream(written.archive())) {
      result = SafeArchiveReader.extract(in, staging(), SafeArchiveReader.Progress.NONE);
    }
    assertThat(result.fileCount()).isEqualTo(written.fileCount()).isGreaterThan(6_000);
    assertThat(staging().resolve("public/many/49/file-05999.txt")).hasContent("file 5999");
    assertThat(staging().resolve("public/many/00/file-00000.txt")).hasContent("file 0");
  }

  @Test
  void theCallersStreamStaysOpenToHashWhatFollowsTheTarEnd() throws Exception {
    var written = ArchiveFixtures.write(tmp.resolve("a.tar.gz"), ArchiveFixtures.sources(tmp.resolve("app")));
    java.security.MessageDigest digest = Sha256.newDigest();

    try (InputStream in = new java.io.BufferedInputStream(
        new java.security.DigestInputStream(Files.newInputStream(written.archive()), digest))) {
      SafeArchiveReader.check(in, SafeArchiveReader.Progress.NONE);
      // What the installer does next: hash the rest of the file (the tar's end blocks, the gzip trailer).
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }

    assertThat(Sha256.hex(digest.digest())).isEqualTo(written.sha256());
  }

  @Test
  void aFailedWriteOfTheManifestCopyIsTheTargetsIoErrorNotARefusal() throws Exception {
    var written = ArchiveFixtures.write(tmp.resolve("a.tar.gz"), ArchiveFixtures.sources(tmp.resolve("app")));
    IOException full = new IOException("No space left on device");
    UnpackTarget failing = new UnpackTarget() {
      @Override
      public void createFolder(String name) {}

      @Override
      public java.io.OutputStream createFile(String name) {
        return new java.io.OutputStream() {
          @Override
          public void write(int b) throws IOException {
            throw full;
          }

          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            throw full;
          }
        };
      }

      @Override
      public void markExecutable(String name) {}
    };

    try (InputStream in = Files.newInputStream(written.archive())) {
      assertThatThrownBy(() -> SafeArchiveReader.read(in, failing, SafeArchiveReader.Progress.NONE))
          .as("the manifest is the first file written")
          .isSameAs(full);
    }
  }

  @Test
  void aTemporaryFolderThatCannotTakeTheFileListIsALocalIoErrorNamingIt() throws Exception {
    var sources = ArchiveFixtures.sources(tmp.resolve("app"));
    for (int i = 0; i < 6_000; i++) {
      sources.put(String.format("public/many/file-%05d.txt", i), ArchiveSource.bytes(new byte[0]));
    }
    var written = ArchiveFixtures.write(tmp.resolve("a.tar.gz"), sources);
    Path missing = tmp.resolve("no-such-tmp");
    String before = System.getProperty("java.io.tmpdir");
    System.setProperty("java.io.tmpdir", missing.toString());
    try (InputStream in = Files.newInputStream(written.archive())) {
      assertThatThrownBy(() -> SafeArchiveReader.check(in, SafeArchiveReader.Progress.NONE))
          .isExactlyInstanceOf(IOException.class)
          .hasMessageContaining(missing.toString())
          .hasMessageContaining("-Djava.io.tmpdir");
    } finally {
      System.setProperty("java.io.tmpdir", before);
    }
  }

  private static byte[] manifestEntryBytes(Path archive) throws IOException {
    try (InputStream in = Files.newInputStream(archive);
        var tar = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(
            new org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream(in, true))) {
      assertThat(tar.getNextEntry().getName()).isEqualTo(ArchiveLayout.MANIFEST);
      return tar.readAllBytes();
    }
  }

  @Test
  void theCheckReadsEveryFileAndBothManifestsWithoutWritingAnything() throws Exception {
    var written = ArchiveFixtures.write(tmp.resolve("a.tar.gz"), ArchiveFixtures.sources(tmp.resolve("app")));
    long bytes = written.contentBytes();

    SafeArchiveReader.Result result;
    try (InputStream in = Files.newInputStream(written.archive())) {
      result = SafeArchiveReader.check(in, SafeArchiveReader.Progress.NONE);
    }
    assertThat(result.fileCount()).isEqualTo(written.fileCount());
    assertThat(result.bytes()).isEqualTo(bytes);
    assertThat(result.envManifest().required()).containsExactly("GREETING");
    try (var inStaging = Files.list(staging())) {
      assertThat(inStaging).isEmpty();
    }
  }

  @Test
  void theCheckRefusesADamagedFileAsTheUnpackDoes() throws IOException {
    byte[] archive = new RawArchive().manifestFor("a.txt", "good").file("a.txt", "evil").tarGz();
    assertThatThrownBy(() -> SafeArchiveReader.check(new ByteArrayInputStream(archive), SafeArchiveReader.Progress.NONE))
        .isInstanceOfSatisfying(SlipwayException.class, e -> assertThat(e.causeCode()).isEqualTo("HASH_MISMATCH"));
  }

  @Test
  void refusesAFileWhoseContentDiffersFromTheManifest() throws Exception {
    byte[] archive = new RawArchive().manifestFor("a.txt", "good").file("a.txt", "evil").tarGz();
    assertRefused(archive, "HASH_MISMATCH", "a.txt");
  }

  @Test
  void refusesParentTraversalBeforeWritingAnything() throws Exception {
    byte[] archive = new RawArchive().manifestFor("a.txt", "x").file("../escaped.txt", "x").tarGz();
    assertRefused(archive, "UNSAFE_PATH", "../escaped.txt");
    assertThat(tmp.resolve("root/escaped.txt")).doesNotExist();
  }

  @Test
  void refusesASymbolicLink() throws Exception {
    TarArchiveEntry link = new TarArchiveEntry("a.txt", TarConstants.LF_SYMLINK);
    link.setLinkName("/etc/passwd");
    byte[] archive = new RawArchive().manifestFor("a.txt", "x").entry(link, new byte[0]).tarGz();
    assertRefused(archive, "UNSUPPORTED_ENTRY_TYPE", "symbolic link");
  }

  @Test
  void refusesAFileTheManifestDoesNotList() throws Exception {
    byte[] archive = new RawArchive().manifestFor("a.txt", "x").file("a.txt", "x").file("b.txt", "y").tarGz();
    assertRefused(archive, "NOT_IN_MANIFEST", "b.txt");
  }

  @Test
  void refusesWhenAManifestFileIsMissing() throws Exception {
    byte[] archive = new RawArchive().manifestFor("a.txt", "x", "b.txt", "y").file("a.txt", "x").tarGz();
    assertRefused(archive, "MISSING_FILE", "b.txt");
  }

  @Test
  void refusesAnArchiveWhoseFirstEntryIsNotTheManifest() throws Exception {
    byte[] archive = new RawArchive().file("a.txt", "x").manifestFor("a.txt", "x").tarGz();
    assertRefused(archive, "MISSING_MANIFEST", "must come first");
  }

  @Test
  void refusesSomethingThatIsNotGzip() {
    assertRefused("just text".getBytes(), "NOT_GZIP", "not a gzip file");
  }

  @Test
  void refusesATruncatedArchive() throws Exception {
    String big = "0123456789abcdef".repeat(50_000);
    byte[] archive = new RawArchive().manifestFor("a.txt", big).file("a.txt", big).tarGz();
    byte[] truncated = Arrays.copyOf(archive, archive.length / 2);
    assertThatThrownBy(() -> extract(truncated))
        .isInstanceOfSatisfying(SlipwayException.class, e -> assertThat(e.causeCode()).isIn("TRUNCATED", "CORRUPT_TAR"));
  }

  @Test
  void refusesAnUnknownFormatVersion() throws Exception {
    byte[] archive = archiveWithManifest(manifestJson().replace("\"formatVersion\" : 1", "\"formatVersion\" : 99"));

    assertRefused(archive, "UNKNOWN_FORMAT_VERSION", "version 99");
    assertInspectRefuses(archive, "UNKNOWN_FORMAT_VERSION", "version 99");
  }

  @Test
  void aManifestWithoutFormatVersionIsABadManifestForUnpackAndInspectAlike() throws Exception {
    byte[] archive = archiveWithManifest(manifestJson().replace("\"formatVersion\" : 1,", ""));

    assertRefused(archive, "BAD_MANIFEST", "formatVersion is missing");
    assertInspectRefuses(archive, "BAD_MANIFEST", "formatVersion is missing");
  }

  private static String manifestJson() {
    return new String(Json.prettyBytes(ArchiveFixtures.manifest(java.util.List.of())));
  }

  private static byte[] archiveWithManifest(String manifest) throws IOException {
    return new RawArchive().file(ArchiveLayout.MANIFEST, manifest).tarGz();
  }

  /** {@code packager inspect}'s read refuses it exactly as the unpack does. */
  private static void assertInspectRefuses(byte[] archive, String causeCode, String messagePart) {
    assertThatThrownBy(() -> SafeArchiveReader.readManifest(new ByteArrayInputStream(archive)))
        .isInstanceOfSatisfying(SlipwayException.class, e -> {
          assertThat(e.causeCode()).isEqualTo(causeCode);
          assertThat(e.getMessage()).contains(messagePart).doesNotContain("version -1");
        });
  }
}
