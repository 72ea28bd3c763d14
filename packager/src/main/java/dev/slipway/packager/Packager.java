package dev.slipway.packager;
import dev.slipway.format.Reporter;

import dev.slipway.format.ArchiveLayout;
import dev.slipway.format.EnvManifest;
import dev.slipway.format.FailureKind;
import dev.slipway.format.Json;
import dev.slipway.format.Manifest;
import dev.slipway.format.ReproducibleArchiveWriter;
import dev.slipway.format.Sha256;
import dev.slipway.format.Sidecar;
import dev.slipway.format.SlipwayException;
import dev.slipway.format.WorkerThreads;
import dev.slipway.packager.analysis.LockfileSync;
import dev.slipway.packager.analysis.NextConfigImports;
import dev.slipway.packager.analysis.PackageJson;
import dev.slipway.templates.Templates;
import dev.slipway.templates.WebConfigKind;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
  /** The entry the generated web.config names, when the project has no server.js of its own. */
  static final String ENTRY = "server.js";
  /** The port the reverse-proxy web.config forwards to; the service that runs node must use it. */
  static final int REVERSE_PROXY_PORT = 3000;

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
    List<Path> nextConfigs = existing(dir, ProjectFiles.NEXT_CONFIG_NAMES);
    for (Path nextConfig : nextConfigs) {
      checkConfigImports(nextConfig, pkg);
    }

    // Three independent reads overlap (issue #7): node and npm answer, the env scan reads all the
    // server code, and this thread walks the project. The archive is written once all three are in.
    ExecutorService background = WorkerThreads.pool(2, "slipway-packager-background");
    try {
      reporter.step("collecting production files, scanning the server code for env vars, probing node and npm");
      Future<Manifest.BuiltWith> probe = background.submit(() -> BuildProbe.probe(request.node(), request.npm(), dir, lockfile));
      EnvManifestBuilder env =
          new EnvManifestBuilder()
              .require(config.requireEnv(), ProjectConfig.FILE_NAME)
              .allowMissing(config.optionalEnv(), ProjectConfig.FILE_NAME)
              .readExamples(dir)
              .require(request.requiredEnv(), "--require-env")
              .allowMissing(request.optionalEnv(), "--optional-env");
      Future<EnvManifest> envScan = background.submit(() -> env.build(dir.resolve(".next/server")));

      Set<String> allowedSecrets = new HashSet<>(request.allowedSecretFiles());
      allowedSecrets.addAll(config.allowSecretFile());
      ProjectFiles files = new ProjectFiles(dir, allowedSecrets, request.webConfig().forWindows());
      files.addFile("package.json");
      files.addFile(lockfile.getFileName().toString());
      for (Path nextConfig : nextConfigs) {
        files.addFile(nextConfig.getFileName().toString());
      }
      files.addTree("public");
      files.addTree(".next");
      for (String include : concat(config.include(), request.includes())) {
        files.addInclude(include);
      }
      Manifest.Start start = addStartFiles(request.webConfig(), pkg, files);

      EnvManifest envManifest = await(envScan);
      warnings.addAll(env.warnings());
      warnings.forEach(reporter::warn);
      files.addGenerated(ArchiveLayout.ENV_MANIFEST, Json.prettyBytes(envManifest));
      Manifest.BuiltWith builtWith = await(probe);
      return write(request, pkg, buildId, lockfile, start, builtWith, files, envManifest, warnings);
    } finally {
      // No interrupt: a probe's node or npm finishes in a moment, and is not left behind.
      background.shutdown();
      WorkerThreads.awaitStopped(background);
    }
  }

  private PackageResult write(
      PackageRequest request, PackageJson pkg, String buildId, Path lockfile, Manifest.Start start,
      Manifest.BuiltWith builtWith, ProjectFiles files, EnvManifest envManifest, List<String> warnings)
      throws IOException {
    Manifest.Lockfile lock = new Manifest.Lockfile(lockfile.getFileName().toString(), Sha256.of(lockfile));
    String buildTime = request.sourceDateEpoch().map(Instant::toString).orElse(null);

    Path archive = request.outDir().resolve(archiveName(pkg, buildId));
    reporter.step("writing " + archive);
    Instant entryTime = request.sourceDateEpoch().orElse(ReproducibleArchiveWriter.DEFAULT_ENTRY_TIME);
    Manifest.Header manifest = new Manifest.Header(
        Manifest.FORMAT_VERSION, new Manifest.App(pkg.name(), pkg.version()), buildId, buildTime,
        builtWith, pkg.enginesNode(), start, lock, List.of());
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
    ReproducibleArchiveWriter.Result written = new ReproducibleArchiveWriter(entryTime)
        .write(archive, files.unchangedSinceCheck(), manifest, done -> reporter.progress(done, totals.bytes()));
    Path sidecar = Sidecar.write(archive, written.sha256());
    return new PackageResult(
        archive, sidecar, written.sha256(), written.size(), written.fileCount() + 1, warnings, manifest, envManifest);
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
          "fix package.json (it needs a name and a version)");
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
    return buildId;
  }

  private static void checkConfigImports(Path nextConfig, PackageJson pkg) throws IOException {
    List<String> devOnly = NextConfigImports.devOnlyImports(nextConfig, pkg);
    if (!devOnly.isEmpty()) {
      throw new SlipwayException(
          FailureKind.CONFIG_DEV_DEPENDENCY, "CONFIG_IMPORTS_DEV_DEPENDENCY",
          nextConfig.getFileName() + " imports " + String.join(", ", devOnly)
              + ", which is only a devDependency: the server installs with --omit=dev and next start would die",
          null, "move " + String.join(", ", devOnly) + " to \"dependencies\" in package.json (npm install --save "
              + String.join(" ", devOnly) + ")");
    }
  }

  private static Manifest.Start addStartFiles(WebConfigKind kind, PackageJson pkg, ProjectFiles files) throws IOException {
    if (kind == WebConfigKind.NONE || kind == WebConfigKind.REVERSE_PROXY) {
      if (!pkg.scripts().containsKey("start")) {
        throw new SlipwayException(
            FailureKind.PROJECT, "NO_START_SCRIPT",
            "package.json has no \"start\" script, and --web-config " + kind.cliName() + " starts the app with it",
            null, "add \"start\": \"next start\" to scripts in package.json");
      }
      if (kind == WebConfigKind.REVERSE_PROXY) {
        files.addGenerated("web.config", utf8(Templates.webConfig(kind, ENTRY, REVERSE_PROXY_PORT)));
      }
      return new Manifest.Start(kind.cliName(), null, "start");
    }
    // The project's own server.js (a custom server) wins; otherwise we generate one that takes
    // PORT unparsed, since iisnode hands a named pipe there.
    files.addFile(ENTRY);
    if (!files.contains(ENTRY)) {
      files.addGenerated(ENTRY, utf8(Templates.serverJs()));
    }
    files.addGenerated("web.config", utf8(Templates.webConfig(kind, ENTRY, REVERSE_PROXY_PORT)));
    return new Manifest.Start(kind.cliName(), ENTRY, null);
  }

  static String archiveName(PackageJson pkg, String buildId) {
    return safe(pkg.name().replaceFirst("^@", "").replace('/', '-')) + "-" + safe(pkg.version()) + "-" + safe(buildId) + ".tar.gz";
  }

  private static String safe(String part) {
    return part.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
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
