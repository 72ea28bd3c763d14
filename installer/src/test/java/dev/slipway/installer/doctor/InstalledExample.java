package dev.slipway.installer.doctor;

import dev.slipway.format.Reporter;
import dev.slipway.installer.user.AppUser;
import dev.slipway.installer.InstallRequest;
import dev.slipway.installer.InstallResult;
import dev.slipway.installer.Installer;
import dev.slipway.installer.StepHook;
import dev.slipway.installer.layout.FileTrees;
import dev.slipway.packager.PackageRequest;
import dev.slipway.packager.Packager;
import dev.slipway.testkit.ExampleApp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * The real example app, packaged by the real packager and installed by the real installer into a
 * fresh root, as {@code TestArchives.v1()} and {@code TestRoot} do for the installer's own tests
 * (those are package-private there): a root whose shared env file sets the required GREETING and
 * whose npm cache is the run's shared one.
 */
final class InstalledExample {
  /** npm may answer from its cache without asking the registry: same result, much faster tests. */
  static final Map<String, String> NPM_ENV = Map.of("npm_config_prefer_offline", "true");
  static final String GREETING_LINE = "GREETING=hello from the env file\n";

  final Path root;
  final String releaseId;
  final Path release;

  private InstalledExample(Path root, String releaseId) {
    this.root = root;
    this.releaseId = releaseId;
    this.release = root.resolve("releases").resolve(releaseId);
  }

  static InstalledExample install(Path rootDir) throws IOException {
    Path shared = Files.createDirectories(rootDir.resolve("shared"));
    Files.writeString(shared.resolve(".env.production"), GREETING_LINE);
    Path cache = Files.createDirectories(ExampleApp.repoRoot().resolve("target/testkit/npm-cache"));
    Files.createSymbolicLink(shared.resolve("npm-cache"), cache);
    InstallResult result = new Installer(Reporter.SILENT, NPM_ENV, Clock.systemUTC(), StepHook.NONE)
        .install(InstallRequest.of(archiveV1(), rootDir).withAppUser(AppUser.ROOT_ALLOWED));
    return new InstalledExample(rootDir, result.releaseId());
  }

  /** The example app as CI would package it, once per run. */
  static synchronized Path archiveV1() throws IOException {
    Path dir = ExampleApp.repoRoot().resolve("target/doctor-it/archives/v1");
    if (Files.exists(dir)) {
      FileTrees.deleteRecursively(dir);
    }
    Path app = ExampleApp.freshCopy(dir.resolve("app"));
    return new Packager(Reporter.SILENT, new ByteArrayOutputStream())
        .pack(PackageRequest.defaults(app).withOutDir(dir.resolve("out")))
        .archive();
  }
}
