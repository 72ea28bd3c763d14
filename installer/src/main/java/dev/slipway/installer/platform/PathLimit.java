package dev.slipway.installer.platform;

import dev.slipway.format.FailureKind;
import dev.slipway.format.FileEntry;
import dev.slipway.format.Manifest;
import dev.slipway.format.SlipwayException;
import dev.slipway.format.TerminalText;
import dev.slipway.installer.layout.ReleaseId;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The longest path a release may have on this host (issue #25, item 4). Windows tools that are
 * not long-path aware fail at MAX_PATH (260 characters, drive and terminator included): npm,
 * IIS's own modules and Explorer among them. Unless long paths are enabled (registry {@code
 * LongPathsEnabled}), every file of the archive, written below the release folder, must stay under
 * {@value #WINDOWS_LIMIT} characters: ten short of MAX_PATH, for the drive prefix and for the
 * files an app writes next to its own. Linux has no such limit (PATH_MAX is 4096 bytes).
 *
 * @param limit the first length refused; empty when there is none
 */
public record PathLimit(OptionalInt limit) {
  public static final int WINDOWS_LIMIT = 250;
  public static final String CAUSE = "PATH_TOO_LONG";
  public static final PathLimit NONE = new PathLimit(OptionalInt.empty());
  /**
   * Room for {@code ReleaseId.next}'s collision suffix ({@code -2}, {@code -3}, …): the id is only
   * known after unpacking, the check runs before.
   */
  static final int ID_SUFFIX_ROOM = 3;

  public static PathLimit windows(boolean longPathsEnabled) {
    return longPathsEnabled ? NONE : new PathLimit(OptionalInt.of(WINDOWS_LIMIT));
  }

  /** A path that is too long: what it is and how long it would be. */
  public record Longest(String entry, Path folder, int length) {}

  /**
   * The folders the archive's files are written below: the staging folder they are unpacked into
   * and {@code ROOT\releases\<id>} it is renamed to; the longer one counts.
   */
  public static int folderLength(Path stagingDir, Path releasesDir, String buildId) {
    int idLength = ReleaseId.next(Instant.EPOCH, buildId, Set.of()).value().length() + ID_SUFFIX_ROOM;
    int releaseLength = releasesDir.toAbsolutePath().toString().length() + 1 + idLength;
    return Math.max(stagingDir.toAbsolutePath().toString().length(), releaseLength);
  }

  /** The longest file or link path of the archive, written below a folder {@code folderLength} long. */
  public static Optional<Longest> longest(Manifest manifest, Path folder, int folderLength) {
    List<String> paths = new ArrayList<>();
    manifest.files().stream().map(FileEntry::path).forEach(paths::add);
    manifest.links().stream().map(Manifest.Link::path).forEach(paths::add);
    Longest longest = null;
    for (String path : paths) {
      int length = folderLength + 1 + path.length(); // a separator, then the entry; '/' becomes '\'
      if (longest == null || length > longest.length()) {
        longest = new Longest(path, folder, length);
      }
    }
    return Optional.ofNullable(longest);
  }

  /**
   * @throws SlipwayException ROOT_LAYOUT {@value #CAUSE} when a path would reach the limit; nothing
   *     has been unpacked then
   */
  public void check(Manifest manifest, Path folder, int folderLength) {
    if (limit.isEmpty()) {
      return;
    }
    Optional<Longest> longest = longest(manifest, folder, folderLength);
    if (longest.isEmpty() || longest.get().length() < limit.getAsInt()) {
      return;
    }
    Longest found = longest.get();
    throw new SlipwayException(FailureKind.ROOT_LAYOUT, CAUSE,
        "a file of the archive would have a path of " + found.length() + " characters on this host, and Windows"
            + " tools fail from " + limit.getAsInt() + " unless long paths are enabled; nothing was unpacked",
        "longest entry: " + TerminalText.escape(found.entry()) + " (" + found.entry().length() + " characters)\n"
            + "below: " + found.folder() + " (" + folderLength + " characters with the release id)",
        "use a shorter root (e.g. C:\\s\\" + found.folder().getFileName() + "), or enable long paths and run again:"
            + " reg add HKLM\\SYSTEM\\CurrentControlSet\\Control\\FileSystem /v LongPathsEnabled /t REG_DWORD /d 1 /f");
  }
}
