package dev.slipway.packager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.format.FailureKind;
import dev.slipway.format.Manifest;
import dev.slipway.format.Reporter;
import dev.slipway.format.SafeArchiveReader;
import dev.slipway.format.SlipwayException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Turbopack's links under .next/node_modules (issue #16), with real symbolic links in a synthetic
 * project: shipped in the manifest when they land in node_modules, refused otherwise.
 */
class TurbopackLinksTest {
  private static final String CRON = ".next/node_modules/node-cron-850d997d12dc4759";
  private static final String SCOPED = ".next/node_modules/@scope/pkg-1da2903d5925b8a2";

  @TempDir Path tmp;
  Path project;

  @BeforeEach
  void createProject() throws IOException {
    project = SyntheticProject.create(tmp.resolve("shop"));
    SyntheticProject.write(project, "package.json", """
        {
          "name": "shop",
          "version": "2.0.0",
          "scripts": { "build": "next build", "start": "next start" },
          "dependencies": { "next": "^15.0.0", "node-cron": "^4.0.0", "@scope/pkg": "^1.0.0" },
          "devDependencies": { "is-number": "^7.0.0" }
        }
        """);
    SyntheticProject.write(project, "package-lock.json", """
        {
          "name": "shop", "version": "2.0.0", "lockfileVersion": 3, "requires": true,
          "packages": {
            "": {
              "name": "shop", "version": "2.0.0",
              "dependencies": { "next": "^15.0.0", "node-cron": "^4.0.0", "@scope/pkg": "^1.0.0" },
              "devDependencies": { "is-number": "^7.0.0" }
            },
            "node_modules/@scope/pkg": { "version": "1.2.0" },
            "node_modules/is-number": { "version": "7.0.0", "dev": true },
            "node_modules/next": { "version": "15.5.29" },
            "node_modules/node-cron": { "version": "4.2.1" }
          }
        }
        """);
    for (String module : List.of("node-cron", "@scope/pkg", "is-number")) {
      SyntheticProject.write(project, "node_modules/" + module + "/package.json", "{}");
    }
  }

  private void link(String path, String target) throws IOException {
    Files.createDirectories(project.resolve(path).getParent());
    Files.createSymbolicLink(project.resolve(path), Path.of(target));
  }

  private PackageResult pack(PackageRequest request) throws IOException {
    return new Packager(Reporter.SILENT, new ByteArrayOutputStream()).pack(request);
  }

  private PackageRequest request(String out) {
    return PackageRequest.defaults(project).withOutDir(tmp.resolve(out));
  }

  private SlipwayException refusal(PackageRequest request) {
    Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> pack(request));
    assertThat(thrown).isInstanceOf(SlipwayException.class);
    assertThat(request.outDir()).satisfiesAnyOf(out -> assertThat(out).doesNotExist(), out -> assertThat(out).isEmptyDirectory());
    return (SlipwayException) thrown;
  }

  @Test
  void turbopackLinksIntoNodeModulesShipInAVersion2ManifestAndNotAsEntries() throws IOException {
    link(CRON, "../../node_modules/node-cron");
    link(SCOPED, "../../../node_modules/@scope/pkg");

    PackageResult result = pack(request("out"));

    assertThat(result.manifest().formatVersion()).isEqualTo(2);
    assertThat(result.manifest().links()).extracting(Manifest.Link::path, Manifest.Link::target, Manifest.Link::packageName)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(SCOPED, "../../../node_modules/@scope/pkg", "@scope/pkg"),
            org.assertj.core.groups.Tuple.tuple(CRON, "../../node_modules/node-cron", "node-cron"));
    assertThat(ArchiveListing.files(result.archive())).noneMatch(name -> name.contains("node_modules"));
    try (InputStream in = Files.newInputStream(result.archive())) {
      assertThat(SafeArchiveReader.readManifest(in).links()).isEqualTo(result.manifest().links());
    }
  }

  @Test
  void aProjectWithoutLinksIsPackagedAsVersion1WithoutALinksField() throws IOException {
    PackageResult result = pack(request("out"));

    assertThat(result.manifest().formatVersion()).isEqualTo(1);
    try (InputStream in = Files.newInputStream(result.archive());
        var tar = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(
            new org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream(in, true))) {
      tar.getNextEntry();
      String manifest = new String(tar.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(manifest).startsWith("{\n  \"formatVersion\" : 1,").doesNotContain("\"links\"");
    }
  }

  @Test
  void aLinkThatLeavesNodeModulesIsRefusedNamingItsTarget() throws IOException {
    link(CRON, "../../.env");

    SlipwayException refused = refusal(request("out"));

    assertThat(refused.causeCode()).isEqualTo("SYMLINK_IN_CONTENT");
    assertThat(refused.kind()).isEqualTo(FailureKind.PROJECT);
    assertThat(refused.getMessage()).contains(CRON).contains("outside the release's node_modules/");
    assertThat(refused.evidence()).isEqualTo(CRON + " -> ../../.env");
  }

  @Test
  void anAbsoluteLinkIsRefused() throws IOException {
    link(CRON, project.resolve("node_modules/node-cron").toString());

    SlipwayException refused = refusal(request("out"));

    assertThat(refused.causeCode()).isEqualTo("SYMLINK_IN_CONTENT");
    assertThat(refused.getMessage()).contains("absolute path");
  }

  @Test
  void aLinkWhosePackageIsNotInstalledIsRefused() throws IOException {
    link(CRON, "../../node_modules/left-pad");

    SlipwayException refused = refusal(request("out"));

    assertThat(refused.causeCode()).isEqualTo("SYMLINK_IN_CONTENT");
    assertThat(refused.getMessage()).contains("node_modules/left-pad, which does not exist");
    assertThat(refused.fix()).contains("npm ci");
  }

  @Test
  void aLinkDeeperInNextNodeModulesIsRefused() throws IOException {
    link(".next/node_modules/node-cron-1/lib/x", "../../../../node_modules/node-cron");

    SlipwayException refused = refusal(request("out"));

    assertThat(refused.causeCode()).isEqualTo("SYMLINK_IN_CONTENT");
    assertThat(refused.getMessage()).contains("directly in .next/node_modules/");
  }

  @Test
  void aLinkToADevDependencyIsRefusedWithTheFixThatMovesIt() throws IOException {
    link(".next/node_modules/is-number-0a1b2c3d4e5f6789", "../../node_modules/is-number");

    SlipwayException refused = refusal(request("out"));

    assertThat(refused.causeCode()).isEqualTo("LINKED_DEV_DEPENDENCY");
    assertThat(refused.kind()).isEqualTo(FailureKind.CONFIG_DEV_DEPENDENCY);
    assertThat(refused.getMessage()).contains("is-number").contains("--omit=dev");
    assertThat(refused.fix()).contains("npm install --save-prod is-number");
  }

  @Test
  void includeOfNextNodeModulesIsWhatTheDefaultAlreadyDoes() throws IOException {
    link(CRON, "../../node_modules/node-cron");

    PackageResult plain = pack(request("out"));
    PackageResult included = pack(request("out2").withIncludes(List.of(".next/node_modules", CRON), Set.of()));

    assertThat(included.manifest().links()).isEqualTo(plain.manifest().links());
    assertThat(Files.readAllBytes(included.archive())).isEqualTo(Files.readAllBytes(plain.archive()));
  }

  @Test
  void includeOfAnythingInNodeModulesIsAUsageError() {
    for (String include : List.of("node_modules/node-cron", "node_modules", "lib/node_modules/x")) {
      SlipwayException refused = refusal(request("out").withIncludes(List.of(include), Set.of()));

      assertThat(refused.kind()).as(include).isEqualTo(FailureKind.USAGE);
      assertThat(refused.causeCode()).isEqualTo("BAD_INCLUDE");
      assertThat(refused.getMessage()).contains("--include " + include).contains("npm ci");
    }
  }
}
