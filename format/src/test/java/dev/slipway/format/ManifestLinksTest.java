package dev.slipway.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The manifest's links (format version 2, issue #16): the rules, the JSON, the version. */
class ManifestLinksTest {
  private static final String SHA = Sha256.of(new byte[0]);
  private static final Manifest.Link CRON =
      new Manifest.Link(".next/node_modules/node-cron-850d997d12dc4759", "../../node_modules/node-cron");
  private static final Manifest.Link SCOPED =
      new Manifest.Link(".next/node_modules/@scope/pkg-1da2903d5925b8a2", "../../../node_modules/@scope/pkg");

  @TempDir Path tmp;

  @Test
  void aTurbopackLinkResolvesToItsPackageInTheReleasesNodeModules() {
    assertThat(CRON.resolved()).isEqualTo("node_modules/node-cron");
    assertThat(CRON.packageName()).isEqualTo("node-cron");
    assertThat(SCOPED.resolved()).isEqualTo("node_modules/@scope/pkg");
    assertThat(SCOPED.packageName()).isEqualTo("@scope/pkg");
    Manifest.Link inside = new Manifest.Link(".next/node_modules/x-1", "../../node_modules/@s/p/lib/index.js");
    assertThat(inside.packageName()).isEqualTo("@s/p");
    assertThat(Manifest.Link.problem(CRON.path(), CRON.target())).isEmpty();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      ".next/node_modules/a-1 | ''                               | empty target",
      ".next/node_modules/a-1 | /etc                             | target: absolute path",
      ".next/node_modules/a-1 | ..\\..\\node_modules\\a         | target: backslash in path",
      ".next/node_modules/a-1 | C:/node_modules/a                | target: drive-letter path",
      ".next/node_modules/a-1 | ../../../outside                 | target leaves the release",
      ".next/node_modules/a-1 | ../../.next/server               | resolves to '.next/server', outside the release's node_modules/",
      ".next/node_modules/a-1 | ../../node_modules               | resolves to 'node_modules', outside",
      ".next/node_modules/a-1 | ../../node_modules/@scope        | resolves to 'node_modules/@scope', outside",
      ".next/node_modules/a-1 | ../../node_modules/a/../../x     | only leading '../' segments are allowed",
      ".next/node_modules/a-1 | ../../node_modules/./a           | only leading '../' segments are allowed",
      ".next/node_modules/a-1 | ../node_modules/a                | resolves to '.next/node_modules/a', outside",
      "server.js              | node_modules/a                   | a link must be inside .next/node_modules/",
      ".next/node_modules     | ../node_modules/a                | a link must be inside .next/node_modules/",
      "../node_modules/a      | node_modules/a                   | '..' segment",
  })
  void aLinkThatCouldLeaveTheDependenciesIsRefused(String path, String target, String why) {
    assertThatThrownBy(() -> new Manifest.Link(path, target))
        .isInstanceOf(LinkRefusal.class)
        .hasMessageContaining(why)
        .satisfies(e -> assertThat(((LinkRefusal) e).causeCode).isEqualTo("UNSAFE_LINK"));
    assertThat(Manifest.Link.problem(path, target)).get().asString().contains(why);
  }

  @Test
  void aManifestWithoutLinksIsVersion1AndHasNoLinksField() {
    Manifest manifest = ArchiveFixtures.manifest(List.of());

    assertThat(manifest.formatVersion()).isEqualTo(1);
    assertThat(manifest.links()).isEmpty();
    assertThat(new String(Json.prettyBytes(manifest), StandardCharsets.UTF_8)).doesNotContain("links");
  }

  /**
   * The SHA-256 of the fixture archive's manifest as the writer of main wrote it before links
   * existed (measured once with that code; its archive bytes were identical too): archives without
   * links must not change by a byte, or every reproducibility promise breaks.
   */
  @Test
  void aManifestWithoutLinksHasTheBytesItHadBeforeLinksExisted() throws Exception {
    var written = ArchiveFixtures.write(tmp.resolve("a.tar.gz"), ArchiveFixtures.sources(tmp.resolve("app")));
    Path out = Files.createDirectory(tmp.resolve("out"));
    try (var in = Files.newInputStream(written.archive())) {
      SafeArchiveReader.extract(in, out, SafeArchiveReader.Progress.NONE);
    }

    assertThat(Sha256.of(out.resolve(ArchiveLayout.MANIFEST)))
        .isEqualTo("d057abce7691553478556fad9af1a659b3f1cc9240fb10903e79a9e41e602094");
  }

  @Test
  void aManifestWithLinksIsVersion2AndListsThemBeforeTheFiles() throws Exception {
    Manifest manifest = ArchiveFixtures.manifest(List.of(SCOPED, CRON), List.of(new FileEntry("a.txt", 0, FileEntry.MODE_FILE, SHA)));
    String json = new String(Json.prettyBytes(manifest), StandardCharsets.UTF_8);

    assertThat(manifest.formatVersion()).isEqualTo(Manifest.LINKS_FORMAT_VERSION);
    assertThat(json).startsWith("{\n  \"formatVersion\" : 2,");
    assertThat(json.indexOf("\"links\"")).isPositive().isLessThan(json.indexOf("\"files\""));
    assertThat(json).contains("\"path\" : \".next/node_modules/node-cron-850d997d12dc4759\",\n"
        + "      \"target\" : \"../../node_modules/node-cron\"\n    }");
    assertThat(json).doesNotContain("resolved").doesNotContain("packageName");
    assertThat(ManifestParser.manifest(json.getBytes(StandardCharsets.UTF_8))).isEqualTo(manifest);
    assertThat(Json.mapper().readValue(json, Manifest.class)).as("data binding, as an installed release is read").isEqualTo(manifest);
  }

  @Test
  void theStreamingWriterWritesTheLinksAsTheRecordDoes() throws Exception {
    Manifest manifest = ArchiveFixtures.manifest(List.of(SCOPED, CRON), List.of(new FileEntry("a.txt", 0, FileEntry.MODE_FILE, SHA)));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ManifestJsonWriter writer = new ManifestJsonWriter(out, manifest.header())) {
      writer.add(manifest.files().get(0));
    }

    assertThat(out.toByteArray()).isEqualTo(Json.prettyBytes(manifest));
  }

  @Test
  void anArchiveWithLinksRoundTripsThroughTheWriterAndReader() throws Exception {
    SortedMap<String, ArchiveSource> sources = ArchiveFixtures.sources(tmp.resolve("app"));
    Manifest.Header header = ArchiveFixtures.manifest(List.of(SCOPED, CRON), List.of()).header();
    var written = new ReproducibleArchiveWriter(ReproducibleArchiveWriter.DEFAULT_ENTRY_TIME)
        .write(tmp.resolve("a.tar.gz"), sources, header, ReproducibleArchiveWriter.Progress.NONE);

    try (var in = Files.newInputStream(written.archive())) {
      var result = SafeArchiveReader.extract(in, Files.createDirectory(tmp.resolve("out")), SafeArchiveReader.Progress.NONE);
      assertThat(result.manifest()).isEqualTo(header);
    }
  }

  @Test
  void linksInAVersion1HeaderAreRefused() {
    Manifest manifest = ArchiveFixtures.manifest(List.of(CRON), List.of());

    assertThatThrownBy(() -> new Manifest.Header(1, manifest.app(), manifest.buildId(), null, manifest.builtWith(),
            null, manifest.start(), manifest.lockfile(), List.of(CRON)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("links need formatVersion 2");
  }

  @Test
  void aVersionNewerThanThreeIsRefusedAsUnsupported() {
    String json = new String(Json.prettyBytes(ArchiveFixtures.manifest(List.of())), StandardCharsets.UTF_8)
        .replace("\"formatVersion\" : 1", "\"formatVersion\" : 4");

    assertThatThrownBy(() -> ManifestParser.manifest(json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(ManifestParser.UnsupportedVersion.class);
  }

  @Test
  void linksThatCollideWithEachOtherOrWithAFileAreRefused() {
    Manifest.Link inside = new Manifest.Link(CRON.path() + "/lib", "../../../node_modules/other");
    Manifest.Link otherCase = new Manifest.Link(CRON.path().toUpperCase(java.util.Locale.ROOT).replace(".NEXT/NODE_MODULES", ".next/node_modules"),
        "../../node_modules/x");

    assertConflict(List.of(CRON, CRON), List.of(), "listed twice");
    assertConflict(List.of(CRON, SCOPED), List.of(), "links must be sorted by path");
    assertConflict(List.of(otherCase, CRON), List.of(), "differs only in case");
    assertConflict(List.of(CRON, inside), List.of(), "a chain of links");
    assertConflict(List.of(CRON), List.of(new FileEntry(CRON.path(), 0, FileEntry.MODE_FILE, SHA)), "at its path");
    assertConflict(List.of(CRON), List.of(new FileEntry(CRON.path().toUpperCase(java.util.Locale.ROOT) + "/x.js", 0,
        FileEntry.MODE_FILE, SHA)), "below its path");
    assertConflict(List.of(CRON), List.of(new FileEntry(".next/node_modules", 0, FileEntry.MODE_FILE, SHA)),
        "the file '.next/node_modules' where the link needs a folder");
    assertConflict(List.of(SCOPED), List.of(new FileEntry(".next/node_modules/@Scope", 0, FileEntry.MODE_FILE, SHA)),
        "where the link needs a folder");
    ArchiveFixtures.manifest(List.of(CRON), List.of(new FileEntry(".next/node_modules-other/x", 0, FileEntry.MODE_FILE, SHA),
        new FileEntry(".next/server/x.js", 0, FileEntry.MODE_FILE, SHA)));
  }

  private static void assertConflict(List<Manifest.Link> links, List<FileEntry> files, String why) {
    assertThatThrownBy(() -> ArchiveFixtures.manifest(links, files))
        .isInstanceOf(LinkRefusal.class)
        .hasMessageContaining(why)
        .satisfies(e -> assertThat(((LinkRefusal) e).causeCode).isEqualTo("LINK_CONFLICT"));
  }

  @Test
  void theWriterRefusesAFileUnderALinkBeforeTheArchiveExists() throws Exception {
    SortedMap<String, ArchiveSource> sources = ArchiveFixtures.sources(tmp.resolve("app"));
    sources.put(CRON.path() + "/index.js", ArchiveSource.bytes(new byte[0]));
    Manifest.Header header = ArchiveFixtures.manifest(List.of(CRON), List.of()).header();

    assertThatThrownBy(() -> new ReproducibleArchiveWriter(ReproducibleArchiveWriter.DEFAULT_ENTRY_TIME)
            .write(tmp.resolve("a.tar.gz"), sources, header, ReproducibleArchiveWriter.Progress.NONE))
        .isInstanceOf(LinkRefusal.class);
    assertThat(tmp.resolve("a.tar.gz")).doesNotExist();
  }
}
