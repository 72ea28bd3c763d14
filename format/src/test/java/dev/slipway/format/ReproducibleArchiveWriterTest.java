package dev.slipway.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReproducibleArchiveWriterTest {
  @TempDir Path tmp;

  @Test
  void sameFilesWithDifferentMtimesGiveIdenticalBytes() throws Exception {
    SortedMap<String, ArchiveSource> sources = ArchiveFixtures.sources(tmp.resolve("app"));
    var first = ArchiveFixtures.write(tmp.resolve("a.tar.gz"), sources);
    try (var files = Files.walk(tmp.resolve("app"))) {
      for (Path p : files.toList()) {
        Files.setLastModifiedTime(p, FileTime.from(Instant.parse("2031-05-06T07:08:09Z")));
      }
    }
    var second = ArchiveFixtures.write(tmp.resolve("b.tar.gz"), sources);

    assertThat(Files.readAllBytes(second.archive())).isEqualTo(Files.readAllBytes(first.archive()));
    assertThat(second.sha256()).isEqualTo(first.sha256()).isEqualTo(Sha256.of(first.archive()));
  }

  @Test
  void manifestIsFirstThenFoldersAndFilesSortedWithFixedOwnerTimeAndMode() throws Exception {
    var result = ArchiveFixtures.write(tmp.resolve("a.tar.gz"), ArchiveFixtures.sources(tmp.resolve("app")));

    List<String> names = new ArrayList<>();
    try (InputStream in = Files.newInputStream(result.archive());
        TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(in, true))) {
      for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
        names.add(e.getName());
        assertThat(e.getLongUserId()).isZero();
        assertThat(e.getLongGroupId()).isZero();
        assertThat(e.getUserName()).isEmpty();
        assertThat(e.getLastModifiedTime().toInstant()).isEqualTo(ReproducibleArchiveWriter.DEFAULT_ENTRY_TIME);
        assertThat(e.getMode() & 07777).isIn(0644, 0755);
      }
    }
    assertThat(names)
        .containsExactly(
            ".deploy/manifest.json",
            ".deploy/",
            ".deploy/env.json",
            ".next/",
            ".next/BUILD_ID",
            ".next/static/",
            ".next/static/chunks/",
            ".next/static/chunks/app.js",
            "package.json",
            "server.js");
  }

  @Test
  void gnuTarAndGzipReadTheArchive() throws Exception {
    var result = ArchiveFixtures.write(tmp.resolve("a.tar.gz"), ArchiveFixtures.sources(tmp.resolve("app")));
    Path out = Files.createDirectory(tmp.resolve("out"));

    Process tar = new ProcessBuilder("tar", "-xzf", result.archive().toString(), "-C", out.toString())
        .redirectErrorStream(true).start();
    assertThat(tar.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(tar.exitValue()).as(new String(tar.getInputStream().readAllBytes())).isZero();
    assertThat(out.resolve(".next/static/chunks/app.js")).hasSameTextualContentAs(tmp.resolve("app/.next/static/chunks/app.js"));
    assertThat(out.resolve(".deploy/manifest.json")).exists();
  }

  @Test
  void manifestRecordsSizeAndSha256OfEveryFile() throws Exception {
    Path app = tmp.resolve("app");
    var result = ArchiveFixtures.write(tmp.resolve("a.tar.gz"), ArchiveFixtures.sources(app));

    Manifest manifest;
    try (InputStream in = Files.newInputStream(result.archive())) {
      manifest = SafeArchiveReader.readManifest(in);
    }

    FileEntry chunk = manifest.files().stream().filter(f -> f.path().equals(".next/static/chunks/app.js")).findFirst().orElseThrow();
    assertThat(chunk.sha256()).isEqualTo(Sha256.of(app.resolve(".next/static/chunks/app.js")));
    assertThat(chunk.size()).isEqualTo(Files.size(app.resolve(".next/static/chunks/app.js")));
    assertThat(manifest.files()).hasSize(result.fileCount());
    assertThat(manifest.files().stream().mapToLong(FileEntry::size).sum()).isEqualTo(result.contentBytes());
  }

  @Test
  void theStreamedManifestHasTheBytesOfTheWholeRecordSerialisedAtOnce() throws Exception {
    Path app = tmp.resolve("app");
    var result = ArchiveFixtures.write(tmp.resolve("a.tar.gz"), ArchiveFixtures.sources(app));
    Path out = Files.createDirectory(tmp.resolve("out"));
    try (InputStream in = Files.newInputStream(result.archive())) {
      SafeArchiveReader.extract(in, out, SafeArchiveReader.Progress.NONE);
    }
    Manifest manifest;
    try (InputStream in = Files.newInputStream(result.archive())) {
      manifest = SafeArchiveReader.readManifest(in);
    }

    // What the packager wrote before it streamed (Json.prettyBytes of the record): same bytes, so
    // archives stay byte-identical across this change.
    assertThat(Files.readAllBytes(out.resolve(ArchiveLayout.MANIFEST))).isEqualTo(Json.prettyBytes(manifest));
  }

  @Test
  void foldersComeRightBeforeTheirContentInTheOrderOfAllNamesSorted() throws Exception {
    Path app = tmp.resolve("app");
    SortedMap<String, ArchiveSource> sources = new java.util.TreeMap<>();
    // '-' and '.' sort before '/', so "a-b" and "a.b/c" come between "a" things and "a/".
    for (String name : List.of("-first", ".deploy-x", ".deploy.txt", "a-b.txt", "a.b/c.txt", "a/x/y.txt", "a/z.txt",
        "b/c/d/e.txt", "zz", "\ud83d\ude00/smile.txt")) {
      sources.put(name, ArchiveSource.bytes(name.getBytes()));
    }
    var result = ArchiveFixtures.write(tmp.resolve("a.tar.gz"), sources);

    List<String> names = entryNames(result.archive());

    List<String> sorted = new ArrayList<>(names.subList(1, names.size()));
    sorted.sort(null);
    assertThat(names.subList(1, names.size())).as("after the manifest").isEqualTo(sorted);
    assertThat(names).containsExactly(
        ArchiveLayout.MANIFEST, "-first", ".deploy-x", ".deploy.txt", ".deploy/", "a-b.txt", "a.b/", "a.b/c.txt", "a/",
        "a/x/", "a/x/y.txt", "a/z.txt", "b/", "b/c/", "b/c/d/", "b/c/d/e.txt", "zz", "\ud83d\ude00/",
        "\ud83d\ude00/smile.txt");
    // And the reader, which walks the manifest in step with the entries, accepts that order.
    try (InputStream in = Files.newInputStream(result.archive())) {
      assertThat(SafeArchiveReader.check(in, SafeArchiveReader.Progress.NONE).fileCount()).isEqualTo(sources.size());
    }
  }

  @Test
  void namesThatDifferOnlyInCaseAreRefusedBeforeAnythingIsWritten() throws Exception {
    SortedMap<String, ArchiveSource> sources = new java.util.TreeMap<>();
    sources.put("public/Logo.png", ArchiveSource.bytes(new byte[] {1}));
    sources.put("public/logo.png", ArchiveSource.bytes(new byte[] {2}));

    assertThatThrownBy(() -> ArchiveFixtures.write(tmp.resolve("out/a.tar.gz"), sources))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'public/logo.png' twice when case is ignored");
    assertThat(tmp.resolve("out")).doesNotExist();
  }

  @Test
  void filesHandedOverOutOfOrderAreRefusedAndNoArchiveAppears() throws Exception {
    Path target = tmp.resolve("out/a.tar.gz");
    ArchiveFiles unsorted = each -> {
      each.file("public/b.png", ArchiveSource.bytes(new byte[] {1}));
      each.file("public/a.png", ArchiveSource.bytes(new byte[] {2}));
    };

    assertThatThrownBy(() -> new ReproducibleArchiveWriter(ReproducibleArchiveWriter.DEFAULT_ENTRY_TIME)
            .write(target, unsorted, ArchiveFixtures.manifest(List.of()).header(), ReproducibleArchiveWriter.Progress.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'public/a.png' after 'public/b.png'");
    try (var left = Files.list(tmp.resolve("out"))) {
      assertThat(left).isEmpty(); // neither the archive nor a temporary file
    }
  }

  @Test
  void aManifestOverTheInstallersCapIsANamedRefusal() {
    // What 200k long file names reach; writing them for real takes minutes, so the size check alone.
    ReproducibleArchiveWriter.requireManifestFits(ArchiveLayout.MAX_MANIFEST_BYTES);
    SlipwayException refusal = catchThrowableOfType(
        () -> ReproducibleArchiveWriter.requireManifestFits(ArchiveLayout.MAX_MANIFEST_BYTES + 1L), SlipwayException.class);

    assertThat(refusal.kind()).isEqualTo(FailureKind.PROJECT);
    assertThat(refusal.causeCode()).isEqualTo("MANIFEST_TOO_LARGE");
    assertThat(refusal.getMessage()).isEqualTo("the manifest would be 33554433 bytes, more than the 33554432 (32 MiB) an installer reads");
  }

  @Test
  void nameCheckRefusesNamesThatDifferOnlyInCaseOneAtATime() {
    var check = ReproducibleArchiveWriter.nameCheck();
    check.accept("public/Logo.png");

    assertThatThrownBy(() -> check.accept("public/logo.png"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("twice when case is ignored");
  }

  private static List<String> entryNames(Path archive) throws Exception {
    List<String> names = new ArrayList<>();
    try (InputStream in = Files.newInputStream(archive);
        TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(in, true))) {
      for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
        names.add(e.getName());
      }
    }
    return names;
  }

  @Test
  void longAndNonAsciiNamesStayReproducible() throws Exception {
    Path app = tmp.resolve("app");
    SortedMap<String, ArchiveSource> sources = ArchiveFixtures.sources(app);
    String longName = ".next/server/app/" + "segment/".repeat(20) + "pägé.js";
    sources.put(longName, ArchiveSource.bytes("x".getBytes()));
    var first = ArchiveFixtures.write(tmp.resolve("a.tar.gz"), sources);
    Thread.sleep(1100); // the one place where wall time is the input under test: a new second must not leak in
    var second = ArchiveFixtures.write(tmp.resolve("b.tar.gz"), sources);

    assertThat(second.sha256()).isEqualTo(first.sha256());
    Path out = Files.createDirectory(tmp.resolve("out"));
    try (InputStream in = Files.newInputStream(first.archive())) {
      SafeArchiveReader.extract(in, out, SafeArchiveReader.Progress.NONE);
    }
    assertThat(out.resolve(longName)).hasContent("x");
  }
}
