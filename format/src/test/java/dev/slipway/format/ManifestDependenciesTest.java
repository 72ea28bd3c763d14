package dev.slipway.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The manifest's shipped dependencies (format version 3, issue #18): the rules, the JSON, the version. */
class ManifestDependenciesTest {
  private static final ShippedDependencies STANDALONE = new ShippedDependencies(ShippedDependencies.STANDALONE, "glibc",
      List.of("node_modules/@img/sharp-linux-x64/lib/sharp-linux-x64.node"));

  @TempDir Path tmp;

  @Test
  void aManifestThatShipsItsDependenciesIsVersion3AndListsThemBeforeTheFiles() throws Exception {
    Manifest manifest = manifest(STANDALONE);
    String json = new String(Json.prettyBytes(manifest), StandardCharsets.UTF_8);

    assertThat(manifest.formatVersion()).isEqualTo(Manifest.DEPENDENCIES_FORMAT_VERSION);
    assertThat(manifest.header().shipsDependencies()).isTrue();
    assertThat(json).startsWith("{\n  \"formatVersion\" : 3,");
    assertThat(json.indexOf("\"dependencies\"")).isPositive().isLessThan(json.indexOf("\"files\""));
    assertThat(json).contains("\"source\" : \"standalone\"", "\"libc\" : \"glibc\"", "sharp-linux-x64.node");
    assertThat(json).doesNotContain("hasNativeAddons").doesNotContain("shipsDependencies");
    assertThat(ManifestParser.manifest(json.getBytes(StandardCharsets.UTF_8))).isEqualTo(manifest);
    assertThat(Json.mapper().readValue(json, Manifest.class)).as("data binding, as an installed release is read").isEqualTo(manifest);
  }

  @Test
  void aManifestWithoutShippedDependenciesHasNoDependenciesField() {
    Manifest manifest = ArchiveFixtures.manifest(List.of());

    assertThat(manifest.header().shipsDependencies()).isFalse();
    assertThat(new String(Json.prettyBytes(manifest), StandardCharsets.UTF_8)).doesNotContain("dependencies");
  }

  @Test
  void dependenciesInAVersion2HeaderAreRefused() {
    Manifest manifest = ArchiveFixtures.manifest(List.of());

    assertThatThrownBy(() -> new Manifest.Header(2, manifest.app(), manifest.buildId(), null, manifest.builtWith(),
            null, manifest.start(), manifest.lockfile(), STANDALONE, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dependencies need formatVersion 3");
  }

  @Test
  void anArchiveThatShipsItsDependenciesRoundTripsThroughTheWriterAndReader() throws Exception {
    Manifest.Header header = manifest(STANDALONE).header();
    var written = new ReproducibleArchiveWriter(ReproducibleArchiveWriter.DEFAULT_ENTRY_TIME)
        .write(tmp.resolve("a.tar.gz"), ArchiveFixtures.sources(tmp.resolve("app")), header, ReproducibleArchiveWriter.Progress.NONE);

    try (var in = Files.newInputStream(written.archive())) {
      var result = SafeArchiveReader.extract(in, Files.createDirectory(tmp.resolve("out")), SafeArchiveReader.Progress.NONE);
      assertThat(result.manifest()).isEqualTo(header);
      assertThat(result.manifest().dependencies().nativeAddons()).containsExactlyElementsOf(STANDALONE.nativeAddons());
    }
  }

  @Test
  void aHeaderCheckThatRefusesStopsTheReaderBeforeAnyFileOfTheReleaseIsWritten() throws Exception {
    Manifest.Header header = manifest(STANDALONE).header();
    var written = new ReproducibleArchiveWriter(ReproducibleArchiveWriter.DEFAULT_ENTRY_TIME)
        .write(tmp.resolve("a.tar.gz"), ArchiveFixtures.sources(tmp.resolve("app")), header, ReproducibleArchiveWriter.Progress.NONE);
    Path out = Files.createDirectory(tmp.resolve("out"));
    List<Manifest.Header> seen = new java.util.ArrayList<>();

    try (var in = Files.newInputStream(written.archive())) {
      assertThatThrownBy(() -> SafeArchiveReader.extract(in, out, SafeArchiveReader.Progress.NONE, h -> {
            seen.add(h);
            throw new SlipwayException(FailureKind.NODE_PREFLIGHT, "PLATFORM_MISMATCH", "another platform");
          }))
          .isInstanceOf(SlipwayException.class).hasMessageContaining("another platform");
    }

    assertThat(seen).containsExactly(header);
    try (var files = Files.walk(out)) {
      assertThat(files.filter(Files::isRegularFile).map(f -> out.relativize(f).toString()))
          .as("only staging's copy of the manifest").containsExactly(ArchiveLayout.MANIFEST);
    }
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource(delimiter = '|', value = {
      "npm        | glibc | ''                               | dependencies.source must be one of",
      "standalone | gnu   | ''                               | dependencies.libc must be one of",
      "standalone | glibc | ../outside.node                  | '..' segment",
      "standalone | glibc | /abs/sharp.node                  | absolute path",
      "standalone | glibc | node_modules/x/index.js          | no addon (*.node)",
      "standalone | glibc | node_modules/b.node;node_modules/a.node | sorted and unique",
      "standalone | glibc | node_modules/a.node;node_modules/a.node | sorted and unique",
  })
  void invalidDependenciesAreRefused(String source, String libc, String addons, String why) {
    List<String> list = addons.isEmpty() ? List.of() : List.of(addons.split(";"));

    assertThatThrownBy(() -> new ShippedDependencies(source, libc, list))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(why);
  }

  @Test
  void aMissingSourceOrLibcIsRefusedWhenTheManifestIsRead() {
    String json = new String(Json.prettyBytes(manifest(STANDALONE)), StandardCharsets.UTF_8)
        .replace("\"libc\" : \"glibc\",", "");

    assertThatThrownBy(() -> ManifestParser.manifest(json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dependencies.libc must be one of")
        .hasMessageContaining("missing");
  }

  private static Manifest manifest(ShippedDependencies dependencies) {
    Manifest base = ArchiveFixtures.manifest(List.of());
    return new Manifest(Manifest.formatVersionFor(dependencies, List.of()), base.app(), base.buildId(), null,
        base.builtWith(), base.enginesNode(), base.start(), base.lockfile(), dependencies, List.of(), List.of());
  }
}
