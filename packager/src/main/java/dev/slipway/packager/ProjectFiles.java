package dev.slipway.packager;

import dev.slipway.format.ArchiveFiles;
import dev.slipway.format.ArchivePaths;
import dev.slipway.format.ArchiveSource;
import dev.slipway.format.FailureKind;
import dev.slipway.format.ReproducibleArchiveWriter;
import dev.slipway.format.Sha256;
import dev.slipway.format.SlipwayException;
import dev.slipway.packager.analysis.SecretContent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Collects exactly the files production needs from a project folder (issue #2): package.json, the
 * lockfile, next.config.*, public/**, .next/** without build leftovers, and what --include names.
 * Nothing else: no sources, no node_modules, no .git, no .env files or keys.
 *
 * <p>Named files and generated ones are kept (a handful); folders are kept as roots and walked,
 * in the archive's order, each time the files are handed over ({@link SortedTreeWalk}), so a
 * build of 50k files is never listed in memory (issue #7). {@link #check} walks once without
 * reading content, so that a refusal comes before the archive is written.
 */
final class ProjectFiles implements ArchiveFiles {
  /** What node loads as a native addon: built for one OS, CPU, C library and Node ABI. */
  static final String NATIVE_ADDON = ".node";
  static final List<String> NEXT_CONFIG_NAMES =
      List.of("next.config.js", "next.config.mjs", "next.config.cjs", "next.config.ts");

  private final Path projectDir;
  /** What no archive may hold: secrets, unsafe names, names Windows refuses. */
  private final UnshippableFiles refusals;
  /** Files named one by one (package.json, the lockfile, --include FILE) and generated ones, which win. */
  private final SortedMap<String, ArchiveSource> named = new TreeMap<>();
  /** Folders whose files are all shipped but build leftovers, by their path on disk, walked in this order. */
  private final SortedMap<String, Tree> trees = new TreeMap<>();

  /**
   * A folder walked for its files: {@code folder} of {@code base}, names relative to {@code base}.
   * The files of {@code merged} trees (a standalone build's, issue #18) come from several folders
   * into one release: two of them naming one file with different content is a clash, refused.
   */
  private record Tree(Path base, String folder, SortedTreeWalk.Filter filter, boolean merged) {}
  /** The names {@link #check} saw, in order, as one SHA-256; null before it ran. */
  private byte[] checkedNames;

  ProjectFiles(Path projectDir, Set<String> allowedSecretFiles, boolean forWindows) {
    this.projectDir = projectDir;
    this.refusals = new UnshippableFiles(allowedSecretFiles, forWindows);
  }

  /**
   * What {@link #check} found: how many files, their bytes, and the native addons ({@code *.node}
   * files, sorted) that tie shipped dependencies to the build's platform (issue #18).
   */
  record Totals(int fileCount, long bytes, List<String> nativeAddons) {
    Totals {
      nativeAddons = List.copyOf(nativeAddons);
    }
  }

  /** Adds a file the project must have or may have. */
  void addFile(String relative) throws IOException {
    Path file = projectDir.resolve(relative);
    if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      put(relative, file);
    }
  }

  /** Adds a folder recursively, skipping build leftovers and dependencies (when the files are walked). */
  void addTree(String relative) {
    if (Files.isDirectory(projectDir.resolve(relative), LinkOption.NOFOLLOW_LINKS)) {
      trees.putIfAbsent(projectDir.resolve(relative).toString(), new Tree(projectDir, relative, NextBuildLeftovers::excluded, false));
    }
  }

  /**
   * Adds the files of {@code folder} of {@code base} (empty: all of {@code base}) named relative to
   * {@code base}, merged file by file with the other merged trees (issue #18: a standalone build's
   * tree, {@code .next/static} and {@code public/} land in one release).
   */
  void addMergedTree(Path base, String folder, SortedTreeWalk.Filter filter) {
    addTree(base, folder, filter, true);
  }

  /**
   * Adds the files of {@code folder} of {@code base}, a folder outside the project (the production
   * dependencies {@code --bundle-deps} installs in a staging folder, issue #18), named relative to
   * {@code base}.
   */
  void addTree(Path base, String folder, SortedTreeWalk.Filter filter) {
    addTree(base, folder, filter, false);
  }

  private void addTree(Path base, String folder, SortedTreeWalk.Filter filter, boolean merged) {
    Path path = base.resolve(folder);
    if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
      trees.put(path.toString(), new Tree(base, folder, filter, merged));
    }
  }

  /** --include PATH: a file or folder inside the project that must exist. */
  void addInclude(String include) throws IOException {
    String relative = include.replace('\\', '/');
    while (relative.startsWith("./")) {
      relative = relative.substring(2);
    }
    while (relative.endsWith("/")) {
      relative = relative.substring(0, relative.length() - 1);
    }
    Path path = projectDir.resolve(relative).normalize();
    if (ArchivePaths.problem(relative).isPresent() || !path.startsWith(projectDir)) {
      throw new SlipwayException(
          FailureKind.USAGE, "BAD_INCLUDE", "--include " + include + " is not a path inside the project", null,
          "name a file or folder relative to " + projectDir);
    }
    if (DependencyIncludes.shippedByDefault(include, relative)) {
      return;
    }
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      throw new SlipwayException(
          FailureKind.PROJECT, "INCLUDE_NOT_FOUND", "--include " + include + ": no such file or folder in " + projectDir,
          null, "check the path (it is relative to the project folder)");
    }
    if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
      addTree(relative);
    } else {
      put(relative, path);
    }
  }

  void addGenerated(String name, byte[] content) {
    named.put(name, ArchiveSource.bytes(content));
  }

  /** Whether {@code name} was added as a file of its own or generated (not whether a folder holds it). */
  boolean contains(String name) {
    return named.containsKey(name);
  }

  /**
   * Walks every file once: refuses what the archive must not hold (a secret, by name or by its
   * first bytes; an unsafe name, a link; names that collide when case is ignored, as an
   * IllegalArgumentException) and counts the files and their bytes. Only the first {@link
   * SecretContent#HEAD_BYTES} of files outside {@code .next/} are read: those are what the project
   * put there by hand (public/, --include), while .next/ is the build's output, tens of thousands
   * of chunks whose libraries legitimately hold marker-like strings.
   */
  Totals check() throws IOException {
    Consumer<String> names = ReproducibleArchiveWriter.nameCheck();
    MessageDigest seen = Sha256.newDigest();
    var totals = new Object() {
      int files;
      long bytes;
      final List<String> addons = new ArrayList<>();
    };
    byte[] head = new byte[SecretContent.HEAD_BYTES];
    forEach((name, source) -> {
      names.accept(name);
      refusals.refuseSecretContent(name, source, head);
      addName(seen, name);
      totals.files++;
      totals.bytes += source.size();
      if (name.endsWith(NATIVE_ADDON)) {
        totals.addons.add(name);
      }
    });
    checkedNames = seen.digest();
    return new Totals(totals.files, totals.bytes, totals.addons);
  }

  /**
   * The same walk again, for the writer, which reads the files as it goes: it ends by refusing
   * (PROJECT_CHANGED) when the names were not exactly those {@link #check} saw. A file added or
   * removed in between, by a build step still running, say, was never checked for names that
   * collide when case is ignored, and the archive would not be what the check passed; the writer
   * then leaves no archive behind. A file whose size changed is refused by the writer itself.
   */
  ArchiveFiles unchangedSinceCheck() {
    if (checkedNames == null) {
      throw new IllegalStateException("check() walks the project first");
    }
    return each -> {
      MessageDigest seen = Sha256.newDigest();
      forEach((name, source) -> {
        addName(seen, name);
        each.file(name, source);
      });
      if (!MessageDigest.isEqual(seen.digest(), checkedNames)) {
        throw new SlipwayException(
            FailureKind.PROJECT, "PROJECT_CHANGED",
            "files were added to or removed from " + projectDir + " while it was being packaged; no archive was written",
            null, "let the build finish before packaging (nothing may write into .next or public/ meanwhile), then run packager again");
      }
    };
  }

  /** A name and a separator no name holds, so that the digest tells "a", "b" from "ab". */
  private static void addName(MessageDigest digest, String name) {
    digest.update(name.getBytes(StandardCharsets.UTF_8));
    digest.update((byte) 0);
  }

  /**
   * Hands over the named files and the folders' files merged in the archive's order. A name found
   * twice (an --include inside public/, say) is handed over once, the named or generated file first.
   */
  @Override
  public void forEach(Each each) throws IOException {
    List<SortedTreeWalk> walks = new ArrayList<>();
    List<Boolean> merged = new ArrayList<>();
    for (Tree tree : trees.values()) {
      walks.add(new SortedTreeWalk(tree.base(), tree.folder(), tree.filter(), refusals::refuseUnshippable));
      merged.add(tree.merged());
    }
    Iterator<Map.Entry<String, ArchiveSource>> namedFiles = named.entrySet().iterator();
    Map.Entry<String, ArchiveSource> nextNamed = namedFiles.hasNext() ? namedFiles.next() : null;
    while (true) {
      String least = nextNamed == null ? null : nextNamed.getKey();
      for (SortedTreeWalk walk : walks) {
        String name = walk.name();
        if (name != null && (least == null || name.compareTo(least) < 0)) {
          least = name;
        }
      }
      if (least == null) {
        return;
      }
      ArchiveSource source = null;
      boolean namedWins = false;
      if (nextNamed != null && nextNamed.getKey().equals(least)) {
        source = nextNamed.getValue();
        namedWins = true;
        nextNamed = namedFiles.hasNext() ? namedFiles.next() : null;
      }
      ArchiveSource firstMerged = null;
      for (int i = 0; i < walks.size(); i++) {
        SortedTreeWalk walk = walks.get(i);
        if (least.equals(walk.name())) {
          ArchiveSource here = walk.source();
          if (source == null) {
            source = here;
          }
          if (merged.get(i) && !namedWins) {
            if (firstMerged == null) {
              firstMerged = here;
            } else {
              MergeClash.refuseDifferent(least, firstMerged, here);
            }
          }
          walk.advance();
        }
      }
      each.file(least, source);
    }
  }

  private void put(String name, Path file) throws IOException {
    refusals.refuseUnshippable(name);
    // Kept as the project folder plus the name, not as the Path (see ArchiveSource.fileIn).
    named.put(name, ArchiveSource.fileIn(projectDir, name, executable(file)));
  }

  private static boolean executable(Path file) throws IOException {
    if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return false;
    }
    return Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS).contains(PosixFilePermission.OWNER_EXECUTE);
  }
}
