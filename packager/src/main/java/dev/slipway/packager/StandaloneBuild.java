package dev.slipway.packager;

import dev.slipway.format.FailureKind;
import dev.slipway.format.Manifest;
import dev.slipway.format.SlipwayException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A build with Next's {@code output: 'standalone'} (issue #18). {@code next build} then writes
 * {@code .next/standalone/}: a {@code server.js}, the {@code .next/} server files, the traced
 * files the app reads, and the {@code node_modules/} its traces need (next, react, sharp's native
 * addon for next/image), about 40 MB where {@code npm ci --omit=dev} installs 350 MB. It leaves out
 * {@code .next/static} and {@code public/}, which the release needs: Next's own server answers 404
 * for them without the copies its Docker guide makes by hand.
 *
 * <p>The release is that tree at its root, with {@code .next/static/} and {@code public/} merged
 * in file by file ({@link MergeClash}), and Slipway's entry as {@code server.js} instead of Next's:
 * Next's does {@code parseInt(process.env.PORT)}, which a named pipe (iisnode) turns into NaN, the
 * HTTP 500.1002 of the issue; ours takes PORT as given and loads the release's env file.
 * Turbopack's links in {@code .next/standalone/.next/node_modules/} (to packages it keeps external,
 * such as node-cron) travel as manifest links, as a normal build's do (issue #16).
 */
final class StandaloneBuild {
  static final String FOLDER = ".next/standalone";
  /** Turbopack's links inside the standalone tree: carried by the manifest, never as entries. */
  private static final String LINKS = TurbopackLinks.FOLDER;

  private final Path projectDir;
  private final Path tree;

  private StandaloneBuild(Path projectDir) {
    this.projectDir = projectDir;
    this.tree = projectDir.resolve(FOLDER);
  }

  /**
   * The project's standalone build, when {@code next build} wrote one: {@code
   * .next/standalone/server.js} and {@code .next/standalone/.next/required-server-files.json}
   * (what Next 15 and 16 write for {@code output: 'standalone'}).
   */
  static Optional<StandaloneBuild> detect(Path projectDir) {
    Path tree = projectDir.resolve(FOLDER);
    boolean complete = Files.isRegularFile(tree.resolve(StartEntry.ENTRY), LinkOption.NOFOLLOW_LINKS)
        && Files.isRegularFile(tree.resolve(StartEntry.SERVER_FILES), LinkOption.NOFOLLOW_LINKS);
    return complete ? Optional.of(new StandaloneBuild(projectDir)) : Optional.empty();
  }

  /**
   * Refuses a standalone tree of another build than {@code .next}'s (STANDALONE_STALE): one left
   * by an earlier build would ship server code that does not match the static files.
   */
  void checkBuildId(String buildId) throws IOException {
    Path own = tree.resolve(".next/BUILD_ID");
    String found = Files.isRegularFile(own) ? Files.readString(own, StandardCharsets.UTF_8).strip() : "(none)";
    if (!found.equals(buildId)) {
      throw new SlipwayException(
          FailureKind.BUILD_MISSING, "STANDALONE_STALE",
          FOLDER + " is not the build in .next: its BUILD_ID is " + found + ", .next/BUILD_ID is " + buildId,
          own.toString(), "run next build again (it rewrites " + FOLDER + "), or pass --build");
    }
  }

  /** Turbopack's links in the standalone tree, resolving into its own {@code node_modules/}. */
  List<Manifest.Link> links(Path lockfile) throws IOException {
    // The traces copy what the server loads, devDependency or not: none is missing after all.
    return TurbopackLinks.read(tree, lockfile, false);
  }

  /** The standalone tree at the release's root, then {@code .next/static/} and {@code public/}. */
  void addTo(ProjectFiles files) {
    files.addMergedTree(tree, "", StandaloneBuild::excluded);
    files.addMergedTree(projectDir, ".next/static", NextBuildLeftovers::excluded);
    files.addMergedTree(projectDir, "public", NextBuildLeftovers::excluded);
  }

  /**
   * The env files {@code next build} copied into the tree from the build machine ({@code .env} and
   * {@code .env.production}, with whatever secrets they hold): never shipped, since values come from
   * the server's env file (which the installer writes as the release's {@code .env.production}).
   * Returns a warning naming them, or nothing.
   */
  Optional<String> envFilesLeftOut() throws IOException {
    List<String> found;
    try (var listing = Files.list(tree)) {
      found = listing.map(path -> path.getFileName().toString()).filter(StandaloneBuild::isEnvFile).sorted().toList();
    }
    if (found.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of("left out " + String.join(", ", found.stream().map(name -> FOLDER + "/" + name).toList())
        + ": next build copied the build machine's env files into the standalone tree; the server's values come from"
        + " its own env file (ROOT/shared/.env.production)");
  }

  /** @param name relative to the standalone tree */
  static boolean excluded(String name) {
    return name.equals(LINKS) || name.startsWith(LINKS + "/") || isEnvFile(name) || NextBuildLeftovers.buildLeftover(name);
  }

  private static boolean isEnvFile(String name) {
    return name.startsWith(".env") && name.indexOf('/') < 0;
  }
}
