package dev.slipway.packager;

import dev.slipway.format.Reporter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * {@code packager package --bundle-deps} (issue #18): the production dependencies, installed on
 * the build machine by {@code npm ci --omit=dev} in a staging folder that holds only package.json,
 * the lockfile and the project's {@code .npmrc} (so the project's own {@code node_modules}, with
 * its devDependencies, is never shipped), and shipped as the release's {@code node_modules/}. The
 * server then needs no registry and runs no {@code npm ci}. Chosen over shipping an npm cache for
 * {@code npm ci --offline} by measurement (docs/FORMAT.md, "Shipped dependencies").
 *
 * <p>{@code node_modules/.bin} folders are left out: they hold only links (archives hold none),
 * and nothing the release starts runs them. Any other link (a {@code file:} dependency) is
 * refused as every link in the content is.
 */
final class BundledDependencies implements AutoCloseable {
  private final Path staging;

  private BundledDependencies(Path staging) {
    this.staging = staging;
  }

  /** Installs the production dependencies of the project in a new staging folder. */
  static BundledDependencies install(Path projectDir, Path lockfile, String npm, Reporter reporter, OutputStream log)
      throws IOException {
    Path staging = Files.createTempDirectory("slipway-bundle-deps-");
    BundledDependencies bundled = new BundledDependencies(staging);
    try {
      for (String name : List.of("package.json", lockfile.getFileName().toString(), ProjectNpmrc.NAME)) {
        Path from = projectDir.resolve(name);
        if (Files.isRegularFile(from, LinkOption.NOFOLLOW_LINKS)) {
          Files.copy(from, staging.resolve(name), StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
      reporter.step("--bundle-deps: npm ci --omit=dev in " + staging);
      CleanBuild.run(staging, List.of(npm, "ci", "--omit=dev", "--no-audit", "--no-fund"), log,
          "--bundle-deps: ", "BUNDLE_DEPS_FAILED", "BUNDLE_DEPS_FAILED");
      return bundled;
    } catch (IOException | RuntimeException e) {
      bundled.close();
      throw e;
    }
  }

  /** Adds the installed {@code node_modules/} to the release. */
  void addTo(ProjectFiles files) {
    files.addTree(staging, "node_modules", BundledDependencies::excluded);
  }

  /** @param name relative to the staging folder */
  static boolean excluded(String name) {
    return name.endsWith("/.bin") && name.startsWith("node_modules/");
  }

  @Override
  public void close() throws IOException {
    CleanBuild.deleteTree(staging);
  }
}
