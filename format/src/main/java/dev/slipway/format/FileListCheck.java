package dev.slipway.format;

import java.util.function.Consumer;

/**
 * The rules a manifest's file list must follow, checked one entry at a time so that a list of 50k
 * files never has to be in memory at once (issue #7): sorted by Java's {@code String} order and
 * unique, never the manifest itself, no two paths that differ only in case (or in Unicode
 * normal form, {@link NameFold}) and no file that is a folder of another path when case is ignored (they collide on Windows and macOS file systems,
 * issue #6), and a total size far from overflow.
 *
 * <p>It remembers the paths as {@link NameHashes}, which also lets the reader tell, once the list
 * has been read, which refusal an unexpected entry deserves.
 *
 * <p>Throws {@link IllegalArgumentException} on the first entry that breaks a rule, as the record
 * constructors do.
 */
final class FileListCheck implements Consumer<FileEntry> {
  private final NameHashes files = new NameHashes();
  private final NameHashes folders = new NameHashes();
  private final NameHashes foldedFiles = new NameHashes();
  private final NameHashes foldedFolders = new NameHashes();
  private String previous;
  private long totalSize;
  /** Prefix hashes of the path being checked: at most one per character of a 1024-character path. */
  private final long[] scratch = new long[ArchivePaths.MAX_PATH_LENGTH + 1];

  FileListCheck() {
    // The manifest is no entry of the list, yet a path that differs from it or from its folder
    // only in case collides with it on Windows and macOS (found by review).
    foldedFiles.add(ArchiveLayout.MANIFEST);
    foldedFolders.add(ArchiveLayout.DEPLOY_DIR);
    folders.add(ArchiveLayout.DEPLOY_DIR);
  }
  private int fileCount;
  private FileEntry envManifest;

  @Override
  public void accept(FileEntry file) {
    accept(file.path(), file.size());
    if (file.path().equals(ArchiveLayout.ENV_MANIFEST)) {
      envManifest = file;
    }
  }

  /** The rules on a path alone (for the writer, before it has read a byte of the files). */
  void acceptPath(String path) {
    ArchivePaths.requireSafe(path);
    accept(path, 0);
  }

  private void accept(String path, long size) {
    if (previous != null && previous.compareTo(path) >= 0) {
      throw new IllegalArgumentException("manifest files must be sorted and unique: '" + path + "' after '" + previous + "'");
    }
    if (path.equals(ArchiveLayout.MANIFEST)) {
      throw new IllegalArgumentException("the manifest cannot list itself");
    }
    totalSize += size; // at most 2^40 each: cannot overflow before the check below trips
    if (totalSize > Manifest.MAX_TOTAL_SIZE) {
      throw new IllegalArgumentException("manifest files add up to more than " + Manifest.MAX_TOTAL_SIZE + " bytes");
    }
    String folded = NameFold.fold(path);
    int prefixes = NameHashes.prefixHashes(folded, scratch);
    if (!foldedFiles.addHash(scratch[prefixes])) {
      throw new IllegalArgumentException("manifest names '" + path + "' twice when case is ignored"
          + (NameFold.isAscii(path) ? "" : " (or when spelled in another Unicode normal form, as macOS does)"));
    }
    // A file 'Sub' beside a folder 'sub/' collides on Windows and macOS file systems, whichever
    // comes first in the sorted list.
    if (foldedFolders.containsHash(scratch[prefixes])) {
      throw asFileAndFolder(path);
    }
    for (int k = 0; k < prefixes; k++) {
      if (foldedFolders.addHash(scratch[k]) && foldedFiles.containsHash(scratch[k])) {
        throw asFileAndFolder(folderPrefix(folded, k));
      }
    }
    // NameFold returns the same string when nothing changes, as for most paths of a build.
    if (folded != path) {
      prefixes = NameHashes.prefixHashes(path, scratch);
    }
    files.addHash(scratch[prefixes]);
    for (int k = 0; k < prefixes; k++) {
      folders.addHash(scratch[k]);
    }
    fileCount++;
    previous = path;
  }

  /** {@code path} up to its {@code k}-th '/' after the first character, as {@link NameHashes#prefixHashes} counts. */
  private static String folderPrefix(String path, int k) {
    int slash = path.indexOf('/', 1);
    for (int i = 0; i < k; i++) {
      slash = path.indexOf('/', slash + 1);
    }
    return path.substring(0, slash);
  }

  private static IllegalArgumentException asFileAndFolder(String path) {
    return new IllegalArgumentException("manifest names '" + path + "' as a file and as a folder when case is ignored");
  }

  long totalSize() {
    return totalSize;
  }

  int fileCount() {
    return fileCount;
  }

  /** Distinct folders the files live in. */
  int folderCount() {
    return folders.size();
  }

  /** The entry of {@code .deploy/env.json}, or null when the list has none. */
  FileEntry envManifest() {
    return envManifest;
  }

  /** Whether the list (probably) holds the file {@code path}: see {@link NameHashes}. */
  boolean mayHoldFile(String path) {
    return files.contains(path);
  }

  /** Whether some file (probably) lives in the folder {@code path}. */
  boolean mayHoldFolder(String path) {
    return folders.contains(path);
  }

  /** Whether {@code path} (probably) names a file or folder of the list when case is ignored. */
  boolean mayHoldIgnoringCase(String path) {
    String folded = NameFold.fold(path);
    return foldedFiles.contains(folded) || foldedFolders.contains(folded);
  }
}
