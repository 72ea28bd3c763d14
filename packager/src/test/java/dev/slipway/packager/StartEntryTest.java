package dev.slipway.packager;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.format.FailureKind;
import dev.slipway.format.SlipwayException;
import dev.slipway.templates.Templates;
import dev.slipway.templates.WebConfigKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every release starts with `node server.js`, for every --web-config (issue #16, item 2). */
class StartEntryTest extends SyntheticProjectTestBase {
  @ParameterizedTest
  @EnumSource(WebConfigKind.class)
  void everyWebConfigModeStartsWithTheGeneratedServerJs(WebConfigKind kind) throws IOException {
    PackageResult result = packing.pack(packing.request().withWebConfig(kind));

    assertThat(result.manifest().start().entry()).isEqualTo("server.js");
    assertThat(result.manifest().start().npmScript()).isNull();
    assertThat(unpacked(result).resolve("server.js")).hasContent(Templates.serverJs());
    List<String> files = ArchiveListing.files(result.archive());
    if (kind == WebConfigKind.NONE) {
      assertThat(files).doesNotContain("web.config");
    } else {
      assertThat(files).contains("web.config");
    }
  }

  @Test
  void packagesWithoutAStartScript() throws IOException {
    SyntheticProject.write(project, "package.json",
        Files.readString(project.resolve("package.json")).replace("\"start\": \"next start\"", "\"lint\": \"next lint\""));

    PackageResult result = packing.pack(packing.request().withWebConfig(WebConfigKind.REVERSE_PROXY));

    assertThat(result.manifest().start().entry()).isEqualTo("server.js");
  }

  @Test
  void theProjectsOwnServerJsStaysTheEntryWithoutAWebConfig() throws IOException {
    SyntheticProject.write(project, "server.js", "// custom server\n");

    PackageResult result = packing.pack(packing.request().withWebConfig(WebConfigKind.NONE));

    assertThat(result.manifest().start().entry()).isEqualTo("server.js");
    assertThat(unpacked(result).resolve("server.js")).hasContent("// custom server\n");
  }

  @Test
  void refusesABuildWithoutRequiredServerFilesWhenTheEntryIsGenerated() throws IOException {
    Files.delete(project.resolve(".next/required-server-files.json"));

    SlipwayException e = packing.refused(FailureKind.BUILD_MISSING, "NO_SERVER_FILES");

    assertThat(e.getMessage()).contains(".next/required-server-files.json", "run next build again");
  }

  @Test
  void aCustomServerNeedsNoRequiredServerFiles() throws IOException {
    Files.delete(project.resolve(".next/required-server-files.json"));
    SyntheticProject.write(project, "server.js", "// custom server\n");

    assertThat(packing.pack().manifest().start().entry()).isEqualTo("server.js");
  }

  @Test
  void aConfigImportingADevDependencyIsOnlyAWarningSinceTheGeneratedEntryDoesNotLoadIt() throws IOException {
    SyntheticProject.write(project, "next.config.mjs", "import isNumber from 'is-number';\nexport default {};\n");

    PackageResult result = packing.pack();

    assertThat(result.warnings()).anySatisfy(w -> assertThat(w).contains("next.config.mjs imports is-number"));
    assertThat(packing.warnings).anySatisfy(w -> assertThat(w).contains("does not load it"));
  }

  private Path unpacked(PackageResult result) throws IOException {
    Path out = Files.createDirectory(tmp.resolve("unpacked"));
    try (var in = Files.newInputStream(result.archive())) {
      dev.slipway.format.SafeArchiveReader.extract(in, out, dev.slipway.format.SafeArchiveReader.Progress.NONE);
    }
    return out;
  }
}
