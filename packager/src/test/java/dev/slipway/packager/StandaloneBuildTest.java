package dev.slipway.packager;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.format.FailureKind;
import dev.slipway.format.Manifest;
import dev.slipway.format.SafeArchiveReader;
import dev.slipway.format.ShippedDependencies;
import dev.slipway.format.SlipwayException;
import dev.slipway.templates.Templates;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A fake {@code output: 'standalone'} build (issue #18): its tree lands at the release's root with
 * the traced node_modules, .next/static and public/ merged in, Slipway's entry as server.js, and a
 * manifest that says the release ships its dependencies (format version 3). The real build is in
 * {@code StandalonePackagingIT}.
 */
class StandaloneBuildTest extends SyntheticProjectTestBase {
  private static final String SHARP_ADDON = "node_modules/@img/sharp-linux-x64/lib/sharp-linux-x64-0.35.6.node";

  @BeforeEach
  void addStandaloneTree() throws IOException {
    String tree = StandaloneBuild.FOLDER + "/";
    SyntheticProject.write(project, tree + "server.js", "const currentPort = parseInt(process.env.PORT, 10) || 3000\n");
    SyntheticProject.write(project, tree + "package.json", Files.readString(project.resolve("package.json")));
    SyntheticProject.write(project, tree + ".next/BUILD_ID", "abc123");
    SyntheticProject.write(project, tree + ".next/required-server-files.json",
        Files.readString(project.resolve(".next/required-server-files.json")));
    SyntheticProject.write(project, tree + ".next/server/app/page.js", "module.exports = 'page'");
    SyntheticProject.write(project, tree + "node_modules/next/package.json", "{\"name\":\"next\",\"version\":\"15.5.29\"}");
    SyntheticProject.write(project, tree + "node_modules/next/dist/server/next.js", "module.exports = {}");
    SyntheticProject.write(project, tree + SHARP_ADDON, "\u007fELF");
    SyntheticProject.write(project, tree + "node_modules/some-lib/test/fixture-key.pem", "-----BEGIN PRIVATE KEY-----\n");
    SyntheticProject.write(project, tree + "content/posts.json", "[]");
    SyntheticProject.write(project, ".npmrc", "registry=https://npm.example.com/\n//npm.example.com/:_authToken=${NPM_TOKEN}\n");
  }

  @Test
  void theStandaloneTreeIsTheReleaseRootWithStaticAndPublicMergedIn() throws IOException {
    PackageResult result = packing.pack();

    assertThat(ArchiveListing.files(result.archive())).containsExactly(
        ".deploy/manifest.json",
        ".deploy/env.json",
        ".next/BUILD_ID",
        ".next/required-server-files.json",
        ".next/server/app/page.js",
        ".next/static/chunks/main.js",
        "content/posts.json",
        SHARP_ADDON,
        "node_modules/next/dist/server/next.js",
        "node_modules/next/package.json",
        "node_modules/some-lib/test/fixture-key.pem",
        "package-lock.json",
        "package.json",
        "public/robots.txt",
        "server.js",
        "web.config");
    assertThat(unpacked(result).resolve("server.js"))
        .as("Slipway's entry, which takes PORT as given, not Next's parseInt(PORT)").hasContent(Templates.serverJs());
  }

  @Test
  void theManifestSaysTheReleaseShipsItsDependenciesAndNamesTheNativeAddons() throws IOException {
    Manifest.Header manifest = packing.pack().manifest();

    assertThat(manifest.formatVersion()).isEqualTo(Manifest.DEPENDENCIES_FORMAT_VERSION);
    ShippedDependencies dependencies = manifest.dependencies();
    assertThat(dependencies.source()).isEqualTo(ShippedDependencies.STANDALONE);
    assertThat(dependencies.nativeAddons()).containsExactly(SHARP_ADDON);
    assertThat(dependencies.libc()).isEqualTo(hostLibc());
    assertThat(manifest.lockfile().name()).isEqualTo("package-lock.json");
  }

  @Test
  void noNpmrcShipsAndItsTokenIsNoRequiredName() throws IOException {
    PackageResult result = packing.pack();

    assertThat(ArchiveListing.files(result.archive())).doesNotContain(".npmrc", "next.config.mjs");
    assertThat(result.envManifest().required()).doesNotContain("NPM_TOKEN").contains("GREETING");
  }

  @Test
  void theBuildMachinesEnvFilesThatNextCopiedIntoTheTreeAreLeftOutWithAWarning() throws IOException {
    // next build copies .env and .env.production into .next/standalone (writeStandaloneDirectory).
    SyntheticProject.write(project, StandaloneBuild.FOLDER + "/.env", "GREETING=secret-value\n");
    SyntheticProject.write(project, StandaloneBuild.FOLDER + "/.env.production", "DATABASE_URL=postgres://secret\n");

    PackageResult result = packing.pack();

    assertThat(ArchiveListing.files(result.archive())).noneMatch(name -> name.startsWith(".env"));
    assertThat(packing.warnings).anySatisfy(w -> assertThat(w)
        .contains(StandaloneBuild.FOLDER + "/.env, " + StandaloneBuild.FOLDER + "/.env.production")
        .doesNotContain("secret"));
  }

  @Test
  void theSameFileCopiedIntoTheTreeByHandShipsOnce() throws IOException {
    // What Next's Docker guide does: cp -r public .next/standalone/
    Files.copy(project.resolve("public/robots.txt"), Files.createDirectories(
        project.resolve(StandaloneBuild.FOLDER + "/public")).resolve("robots.txt"));

    List<String> files = ArchiveListing.files(packing.pack().archive());

    assertThat(files).containsOnlyOnce("public/robots.txt");
  }

  @Test
  void twoDifferentFilesForOneReleasePathAreRefused() throws IOException {
    SyntheticProject.write(project, StandaloneBuild.FOLDER + "/public/robots.txt", "User-agent: stale\n");

    SlipwayException e = packing.refused(FailureKind.PROJECT, "STANDALONE_FILE_CLASH");

    assertThat(e.getMessage()).contains("public/robots.txt");
    assertThat(e.evidence()).contains(StandaloneBuild.FOLDER + "/public/robots.txt", "/public/robots.txt");
  }

  @Test
  void aStandaloneTreeOfAnotherBuildIsRefused() throws IOException {
    SyntheticProject.write(project, StandaloneBuild.FOLDER + "/.next/BUILD_ID", "old-build");

    SlipwayException e = packing.refused(FailureKind.BUILD_MISSING, "STANDALONE_STALE");

    assertThat(e.getMessage()).contains("old-build", "abc123");
  }

  @Test
  void turbopackLinksInTheTreeTravelInTheManifest() throws IOException {
    Path tree = project.resolve(StandaloneBuild.FOLDER);
    SyntheticProject.write(project, StandaloneBuild.FOLDER + "/node_modules/node-cron/package.json", "{}");
    Files.createDirectories(tree.resolve(".next/node_modules"));
    Files.createSymbolicLink(tree.resolve(".next/node_modules/node-cron-850d997d12dc4759"), Path.of("../../node_modules/node-cron"));

    PackageResult result = packing.pack();

    assertThat(result.manifest().links()).containsExactly(
        new Manifest.Link(".next/node_modules/node-cron-850d997d12dc4759", "../../node_modules/node-cron"));
    assertThat(ArchiveListing.files(result.archive()))
        .contains("node_modules/node-cron/package.json")
        .noneMatch(name -> name.startsWith(".next/node_modules"));
  }

  @Test
  void aProjectsOwnServerJsStaysTheEntryOverNextsStandaloneOne() throws IOException {
    SyntheticProject.write(project, "server.js", "// custom server\n");

    PackageResult result = packing.pack();

    assertThat(unpacked(result).resolve("server.js")).hasContent("// custom server\n");
    assertThat(result.manifest().dependencies().source()).isEqualTo(ShippedDependencies.STANDALONE);
  }

  @Test
  void bundleDepsIsANoOpForAStandaloneBuild() throws IOException {
    PackageResult result = packing.pack(packing.request().withBundleDeps(true));

    assertThat(result.manifest().dependencies().source()).isEqualTo(ShippedDependencies.STANDALONE);
    assertThat(packing.warnings).anySatisfy(w -> assertThat(w).contains("--bundle-deps changes nothing"));
  }

  @Test
  void withoutTheTreesServerFilesTheBuildIsPackagedAsBeforeWithoutTheDeadTree() throws IOException {
    Files.delete(project.resolve(StandaloneBuild.FOLDER + "/.next/required-server-files.json"));

    PackageResult result = packing.pack();

    assertThat(result.manifest().dependencies()).isNull();
    assertThat(ArchiveListing.files(result.archive())).contains(".npmrc", "next.config.mjs")
        .noneMatch(name -> name.startsWith("node_modules/") || name.startsWith(StandaloneBuild.FOLDER));
  }

  private Path unpacked(PackageResult result) throws IOException {
    Path out = Files.createDirectory(tmp.resolve("unpacked"));
    try (InputStream in = Files.newInputStream(result.archive())) {
      SafeArchiveReader.extract(in, out, SafeArchiveReader.Progress.NONE);
    }
    return out;
  }

  /** What Node itself reports: the probe the packager runs, asked here the same way. */
  private static String hostLibc() {
    return Tools.output(List.of("node", "-p",
        "process.platform!=='linux'?'none':(process.report.getReport().header.glibcVersionRuntime?'glibc':'musl')"));
  }
}
