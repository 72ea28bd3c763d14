package dev.slipway.packager;
import dev.slipway.format.Reporter;

import dev.slipway.format.ArchiveLayout;
import dev.slipway.format.EnvManifest;
import dev.slipway.format.FailureKind;
import dev.slipway.format.Json;
import dev.slipway.format.Manifest;
import dev.slipway.format.ManifestText;
import dev.slipway.format.ReproducibleArchiveWriter;
import dev.slipway.format.Sha256;
import dev.slipway.format.Sidecar;
import dev.slipway.format.ShippedDependencies;
import dev.slipway.format.SlipwayException;
import dev.slipway.format.WorkerThreads;
import dev.slipway.packager.analysis.LockfileSync;
import dev.slipway.packager.analysis.NextConfigImports;
import dev.slipway.packager.analysis.Npmrc;
import dev.slipway.packager.analysis.PackageJson;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The engine of {@code packager package}: checks that the project can run on a server, collects
 * exactly its production files, and writes the archive and its sidecar (issue #2). The CLI is a
 * thin layer over this class; tests call it directly.
 */
public final class Packager {
  private final Reporter reporter;
  private final OutputStream buildLog;

  /**
   * @param buildLog where {@code --build} sends npm's and next's output (stderr on the CLI, so that
   *     {@code --json} keeps stdout clean)
   */
  public Packager(Reporter reporter, OutputStream buildLog) {
    this.reporter = reporter;
    this.buildLog = buildLog;
  }

  public PackageResult pack(PackageRequest request) throws IOException {
    Path dir = request.projectDir();
    ProjectConfig config = ProjectConfig.read(dir);
    reporter.step("checking " + dir);
    PackageJson pkg = readPackageJson(dir);
    Path lockfile = findLockfile(dir);
    List<String> warnings = new ArrayList<>(checkLockfileInSync(pkg, lockfile));
    if (request.build()) {
      CleanBuild.run(dir, request.npm(), reporter, buildLog);
    }
    String buildId = checkBuild(dir);
    AppIdentity identity = AppIdentity.of(pkg, dir, buildId);
    warnings.addAll(identity.warnings());
    StartEntry entry = StartEntry.of(dir);
    entry.checkBuild(dir);
    Optional<StandaloneBuild> standalone = StandaloneBuild.detect(dir);
    if (standalone.isPresent()) {
      standalone.get().checkBuildId(buildId);
      standalone.get().envFilesLeftOut().ifPresent(warnings::add);
      if (request.bundleDeps()) {
        warnings.add("--bundle-deps changes nothing for a standalone build (output: 'standalone'): its release already"
            + " carries the node_modules/ its traces list, and the server runs no npm ci");
      }
    } else {
      // Only npm ci runs the lifecycle scripts: on the server, or here for --bundle-deps.
      LifecycleScriptsCheck.check(pkg, lockfile);
    }
    boolean bundle = request.bundleDeps() && standalone.isEmpty();
    // npm ci on the server reads the .npmrc; a release that ships its dependencies runs none.
    Optional<Npmrc> npmrc = standalone.isPresent() || bundle ? Optional.empty() : ProjectNpmrc.check(dir);
    List<Path> nextConfigs = existing(dir, ProjectFiles.NEXT_CONFIG_NAMES);
    for (Path nextConfig : nextConfigs) {
      warnings.addAll(checkConfigImports(nextConfig, pkg, entry));
    }
    List<Manifest.Link> links =
        standalone.isPresent() ? standalone.get().links(lockfile) : TurbopackLinks.read(dir, lockfile);

    // Three independent reads overlap (issue #7): node and npm answer, the env scan reads all the
    // server code, and this thread walks the project. The archive is written once all three are in.
    ExecutorService background = WorkerThreads.pool(2, "slipway-packager-background");
    BundledDependencies bundled = null;
    try {
      reporter.step("collecting production files, scanning the server code for env vars, probing node and npm");
      Future<BuildProbe.Result> probe = background.submit(() -> BuildProbe.probe(request.node(), request.npm(), dir, lockfile));
      EnvManifestBuilder env =
          new EnvManifestBuilder()
              .require(config.requireEnv(), EnvSource.PROJECT_CONFIG)
              .allowMissing(config.optionalEnv(), EnvSource.PROJECT_CONFIG)
              .readExamples(dir)
              .require(request.requiredEnv(), EnvSource.FLAG)
              .allowMissing(request.optionalEnv(), EnvSource.FLAG);
      npmrc.ifPresent(n -> env.require(n.requiredEnv(), EnvSource.NPMRC).allowMissing(n.optionalEnv(), EnvSource.NPMRC));
      Future<EnvManifest> envScan = background.submit(() -> env.build(dir.resolve(".next/server")));

      Set<String> allowedSecrets = new HashSet<>(request.allowedSecretFiles());
      allowedSecrets.addAll(config.allowSecretFile());
      if (npmrc.isPresent()) {
        allowedSecrets.add(ProjectNpmrc.NAME); // checked above: it holds no literal credential
      }
      ProjectFiles files = new ProjectFiles(dir, allowedSecrets, request.webConfig().forWindows());
      files.addFile("package.json");
      // Shipped in every release, also those that run no npm ci: the manifest records it, and it
      // says exactly which versions the shipped node_modules/ holds (npm ls reads it there).
      files.addFile(lockfile.getFileName().toString());
      if (standalone.isPresent()) {
        // Next's resolved configuration is in the tree's required-server-files.json, which the
        // entry starts from: no next.config.* is read on the server.
        standalone.get().addTo(files);
      } else {
        if (npmrc.isPresent()) {
          files.addFile(ProjectNpmrc.NAME);
        }
        for (Path nextConfig : nextConfigs) {
          files.addFile(nextConfig.getFileName().toString());
        }
        files.addTree("public");
        files.addTree(".next");
        if (bundle) {
          bundled = BundledDependencies.install(dir, lockfile, request.npm(), reporter, buildLog);
          bundled.addTo(files);
        }
      }
      for (String include : concat(config.include(), request.includes())) {
        files.addInclude(include);
      }
      Manifest.Start start = entry.addTo(files, request.webConfig());
      if (standalone.isEmpty()) {
        // A standalone tree holds the traced files already, where the traces put them.
        warnings.addAll(TracedFiles.read(dir).addTo(files));
      }

      EnvManifest envManifest = await(envScan);
      warnings.addAll(env.warnings());
      warnings.forEach(reporter::warn);
      files.addGenerated(ArchiveLayout.ENV_MANIFEST, Json.prettyBytes(envManifest));
      BuildProbe.Result built = await(probe);
      String source = standalone.isPresent() ? ShippedDependencies.STANDALONE : bundle ? ShippedDependencies.BUNDLED : null;
      Release release = new Release(identity.app(), buildId, lockfile, start, built, source, links);
      return write(request, pkg, release, files, envManifest, warnings);
    } finally {
      // No interrupt: a probe's node or npm finishes in a moment, and is not left behind.
      background.shutdown();
      WorkerThreads.awaitStopped(background);
      if (bundled != null) {
        bundled.close();
      }
    }
  }

  /**
   * What the manifest's header says of the release but its format version.
   *
   * @param dependencySource {@link ShippedDependencies#STANDALONE}, {@link
   *     ShippedDependencies#BUNDLED}, or null when the server installs them with {@code npm ci}
   */
  private record Release(
      Manifest.App app, String buildId, Path lockfile, Manifest.Start start, BuildProbe.Result built,
      String dependencySource, List<Manifest.Link> links) {}

  private PackageResult write(
      PackageRequest request, PackageJson pkg, Release release, ProjectFiles files, EnvManifest envManifest,
      List<String> warnings)
      throws IOException {
    Manifest.Lockfile lock = new Manifest.Lockfile(release.lockfile().getFileName().toString(), Sha256.of(release.lockfile()));
    String buildTime = request.sourceDateEpoch().map(Instant::toString).orElse(null);

    Path archive = request.outDir().resolve(archiveName(release.app(), release.buildId()));
    reporter.step("writing " + archive);
    Instant entryTime = request.sourceDateEpoch().orElse(ReproducibleArchiveWriter.DEFAULT_ENTRY_TIME);
    ProjectFiles.Totals totals;
    try {
      // Before a byte is read: a walk of the names alone, which also refuses secrets and links,
      // and counts the bytes for the progress line. Then the writer walks again as it reads.
      totals = files.check();
    } catch (IllegalArgumentException e) {
      // Paths that differ only in case are one file on Windows and macOS.
      throw new SlipwayException(
          FailureKind.PROJECT, "PATHS_COLLIDE", "the files cannot be packaged: " + e.getMessage(), null,
          "rename one of the two files: Windows and macOS file systems ignore case, so one would overwrite the other");
    }
    // The native addons the walk found tie a release that ships its dependencies to this platform.
    ShippedDependencies dependencies = release.dependencySource() == null
        ? null
        : new ShippedDependencies(release.dependencySource(), release.built().libc(), totals.nativeAddons());
    // Version 1 without links nor dependencies: byte for byte what earlier packagers wrote (issue #16).
    Manifest.Header manifest = new Manifest.Header(
        Manifest.formatVersionFor(dependencies, release.links()), release.app(), release.buildId(), buildTime,
        release.built().builtWith(), pkg.enginesNode(), release.start(), lock, dependencies, release.links());
    ReproducibleArchiveWriter.Result written = new ReproducibleArchiveWriter(entryTime)
        .write(archive, files.unchangedSinceCheck(), manifest, done -> reporter.progress(done, totals.bytes()));
    Path sidecar = Sidecar.write(archive, written.sha256());
    return new PackageResult(
        archive, sidecar, written.sha256(), written.size(), written.fileCount(), written.contentBytes(), warnings,
        manifest, envManifest);
  }

  /** The task's result, its failure rethrown as the task threw it. */
  private static <T> T await(Future<T> task) throws IOException {
    try {
      return task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted");
    } catch (ExecutionException e) {
      throw WorkerThreads.rethrown(e.getCause());
    }
  }

  private static PackageJson readPackageJson(Path dir) {
    Path file = dir.resolve("package.json");
    if (!Files.isRegularFile(file)) {
      throw new SlipwayException(
          FailureKind.PROJECT, "NO_PACKAGE_JSON", "no package.json in " + dir + ": this is not a Node.js project folder",
          null, "run packager in the Next.js app's folder, or pass it: packager package DIR");
    }
    try {
      return PackageJson.read(file);
    } catch (IllegalArgumentException e) {
      throw new SlipwayException(
          FailureKind.PROJECT, "BAD_PACKAGE_JSON", "package.json cannot be used: " + e.getMessage(), null,
          "fix package.json: it must be one JSON object, with strings where npm expects them");
    }
  }

  private static Path findLockfile(Path dir) {
    // npm-shrinkwrap.json wins over package-lock.json, as it does for npm itself.
    for (String name : List.of("npm-shrinkwrap.json", "package-lock.json")) {
      if (Files.isRegularFile(dir.resolve(name))) {
        return dir.resolve(name);
      }
    }
    throw new SlipwayException(
        FailureKind.LOCKFILE, "NO_LOCKFILE",
        "no package-lock.json in " + dir + ": without a lockfile the server would install different dependencies",
        null, "run `npm install` once and commit package-lock.json");
  }

  /**
   * Refuses what makes {@code npm ci} refuse (a dependency missing from the lock, or locked at a
   * version outside its range); a stale root entry in the lock is only a warning, since npm ci
   * installs fine from it.
   */
  private static List<String> checkLockfileInSync(PackageJson pkg, Path lockfile) {
    List<String> mismatches = LockfileSync.installMismatches(pkg, lockfile);
    if (!mismatches.isEmpty()) {
      throw new SlipwayException(
          FailureKind.LOCKFILE, "LOCKFILE_OUT_OF_SYNC",
          lockfile.getFileName() + " is out of sync with package.json: `npm ci` on the server would refuse it",
          String.join("\n", mismatches.subList(0, Math.min(10, mismatches.size()))),
          "run `npm install` and commit the updated " + lockfile.getFileName());
    }
    return LockfileSync.rootEntryMismatches(pkg, lockfile).stream()
        .map(m -> lockfile.getFileName() + " is stale (npm ci still installs from it): " + m
            + "; run `npm install` to refresh it")
        .toList();
  }

  private static String checkBuild(Path dir) throws IOException {
    Path buildIdFile = dir.resolve(".next/BUILD_ID");
    if (!Files.isRegularFile(buildIdFile)) {
      throw new SlipwayException(
          FailureKind.BUILD_MISSING, "NO_BUILD_ID",
          "no production build: .next/BUILD_ID is missing: run next build first, or pass --build",
          null, "npm run build (or packager package --build, which also cleans .next and runs npm ci)");
    }
    if (!Files.isDirectory(dir.resolve(".next/static"))) {
      throw new SlipwayException(
          FailureKind.BUILD_MISSING, "NO_STATIC",
          "incomplete build: .next/static is missing (the server would fail with ENOENT scandir '.next/static'): "
              + "run next build again, or pass --build",
          null, "packager package --build");
    }
    String buildId = Files.readString(buildIdFile, StandardCharsets.UTF_8).strip();
    if (buildId.isEmpty()) {
      throw new SlipwayException(
          FailureKind.BUILD_MISSING, "NO_BUILD_ID", "incomplete build: .next/BUILD_ID is empty: pass --build",
          null, "packager package --build");
    }
    String problem = ManifestText.buildIdProblem(buildId);
    if (problem != null) {
      // Every command prints the build id (issue #20); Next's own ids and commit hashes fit.
      throw new SlipwayException(
          FailureKind.BUILD_MISSING, "BAD_BUILD_ID", ".next/BUILD_ID cannot be used: " + problem, null,
          "make next.config's generateBuildId return letters, digits, '.', '_' and '-' only (a commit hash), then build again");
    }
    return buildId;
  }

  /**
   * A config that imports a devDependency dies on the server when the server loads it: only the
   * project's own server.js does; the generated entry starts Next with the build's resolved
   * configuration instead (issue #16, item 2), so there it is only a warning.
   */
  private static List<String> checkConfigImports(Path nextConfig, PackageJson pkg, StartEntry entry) throws IOException {
    List<String> devOnly = NextConfigImports.devOnlyImports(nextConfig, pkg);
    if (devOnly.isEmpty()) {
      return List.of();
    }
    if (entry.generated()) {
      return List.of(nextConfig.getFileName() + " imports " + String.join(", ", devOnly)
          + ", which is only a devDependency: the generated server.js does not load it (it starts Next with the"
          + " build's resolved configuration), but a script that runs it on the server would need it in \"dependencies\"");
    }
    throw new SlipwayException(
        FailureKind.CONFIG_DEV_DEPENDENCY, "CONFIG_IMPORTS_DEV_DEPENDENCY",
        nextConfig.getFileName() + " imports " + String.join(", ", devOnly)
            + ", which is only a devDependency: the server installs with --omit=dev and the project's own server.js would die loading it",
        null, "move " + String.join(", ", devOnly) + " to \"dependencies\" in package.json (npm install --save "
            + String.join(" ", devOnly) + ")");
  }

  static String archiveName(Manifest.App app, String buildId) {
    return safe(app.name().replaceFirst("^@", "").replace('/', '-')) + "-" + safe(app.version()) + "-" + safe(buildId) + ".tar.gz";
  }

  private static String safe(String part) {
    return part.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  private static List<Path> existing(Path dir, List<String> names) {
    return names.stream().map(dir::resolve).filter(Files::isRegularFile).toList();
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
