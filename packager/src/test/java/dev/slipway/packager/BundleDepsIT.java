package dev.slipway.packager;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.format.Manifest;
import dev.slipway.format.Reporter;
import dev.slipway.format.SafeArchiveReader;
import dev.slipway.format.ShippedDependencies;
import dev.slipway.testkit.ExampleApp;
import dev.slipway.testkit.RunningServer;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code packager package --bundle-deps} on the real hello-next (issue #18): the archive carries
 * what {@code npm ci --omit=dev} installs (no devDependency, no .bin links), the manifest says so
 * (format version 3, source bundled), and the release unpacked by the format reader starts and
 * serves with no {@code npm ci} at all.
 */
class BundleDepsIT {
  @TempDir Path tmp;

  @Test
  void theReleaseCarriesTheProductionDependenciesAndServesWithoutNpmCi() throws Exception {
    Path app = ExampleApp.freshCopy(tmp.resolve("app"));
    PackageResult result = new Packager(Reporter.SILENT, new ByteArrayOutputStream())
        .pack(PackageRequest.defaults(app).withOutDir(tmp.resolve("out")).withBundleDeps(true));
    System.err.printf("[bundle-deps] hello-next: %d bytes (%d unpacked, %d files)%n",
        result.size(), result.unpackedSize(), result.fileCount());

    Manifest.Header manifest = result.manifest();
    assertThat(manifest.formatVersion()).isEqualTo(Manifest.DEPENDENCIES_FORMAT_VERSION);
    assertThat(manifest.dependencies().source()).isEqualTo(ShippedDependencies.BUNDLED);
    assertThat(manifest.dependencies().nativeAddons()).as("next's SWC binary is an addon")
        .anyMatch(addon -> addon.startsWith("node_modules/@next/swc-"));
    List<String> files = ArchiveListing.files(result.archive());
    assertThat(files).contains("node_modules/next/package.json", "node_modules/react/package.json",
        "node_modules/.package-lock.json", "next.config.mjs", "package-lock.json", "server.js");
    assertThat(files).as("a devDependency, .bin links, the project's own node_modules copy")
        .noneMatch(f -> f.startsWith("node_modules/is-number/") || f.contains("/.bin/"));

    Path release = Files.createDirectories(tmp.resolve("release"));
    long started = System.nanoTime();
    try (InputStream in = Files.newInputStream(result.archive())) {
      SafeArchiveReader.extract(in, release, SafeArchiveReader.Progress.NONE);
    }
    System.err.printf("[bundle-deps] hello-next: verified and unpacked in %d ms%n", (System.nanoTime() - started) / 1_000_000);
    Files.writeString(release.resolve(".env.production"), "GREETING=bundled and offline\n");
    try (RunningServer server = RunningServer.start(List.of("node", "server.js"), release, Map.of(), tmp.resolve("server.log"))) {
      assertThat(server.awaitStatus("/", 200, Duration.ofSeconds(90)).body()).contains("Hello from Slipway");
      assertThat(server.get("/greeting").body()).contains("bundled and offline");
    }
  }
}
