package dev.slipway.installer.layout;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A snapshot of the releases under {@code ROOT/releases}, newest first, with what each one is to
 * the installer: live, the rollback target, bad, or just good.
 *
 * <p>Only folders whose names are valid {@link ReleaseId}s count; files, symlinks (dangling or
 * not) and folders with other names are ignored, so nothing a human put there is ever reported as
 * a release, rolled back to, or pruned.
 */
public final class ReleaseCatalog {

  /** What a release is to the installer. A live release is LIVE even if it is marked bad. */
  public enum Status {
    /** {@code current} points to it. */
    LIVE,
    /** The newest good release older than the live one: what {@code rollback} would pick. */
    PREVIOUS,
    /** Failed its live check; kept for inspection, never rolled back to. */
    BAD,
    /** Any other complete release. */
    GOOD
  }

  /**
   * One release.
   *
   * @param record what {@link ReleaseMarks} knows; null when nothing was recorded (e.g. adopted)
   */
  public record Entry(String releaseId, Path dir, Status status, boolean bad, ReleaseRecord record) {
    public Entry {
      ReleaseId.parse(releaseId);
      Objects.requireNonNull(dir, "dir");
      Objects.requireNonNull(status, "status");
    }

    /**
     * Bytes in the release's regular files, not following links (so {@code node_modules/x ->
     * /elsewhere} counts as nothing). Walks the folder on each call: a release with
     * node_modules has tens of thousands of files, so ask only when showing it.
     */
    public long sizeOnDisk() throws IOException {
      return FileTrees.sizeOnDisk(dir);
    }
  }

  private final List<Entry> releases;
  private final String liveReleaseId;
  private final String rollbackTarget;

  private ReleaseCatalog(List<Entry> releases, String liveReleaseId, String rollbackTarget) {
    this.releases = List.copyOf(releases);
    this.liveReleaseId = liveReleaseId;
    this.rollbackTarget = rollbackTarget;
  }

  /**
   * Reads {@code releases/}, {@code current} and the release marks. Consistent only while no other
   * installer changes the root: hold {@link RootLock} when acting on the result.
   */
  public static ReleaseCatalog scan(ReleaseRoot root) throws IOException {
    String live = CurrentLink.liveReleaseId(root).orElse(null);
    ReleaseMarks marks = new ReleaseMarks(root);

    List<ReleaseId> ids = new ArrayList<>();
    if (Files.isDirectory(root.releasesDir())) {
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(root.releasesDir())) {
        for (Path entry : entries) {
          String name = entry.getFileName().toString();
          if (ReleaseId.isValid(name) && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
            ids.add(ReleaseId.parse(name));
          }
        }
      }
    }
    ids.sort(Comparator.reverseOrder());

    List<ReleaseRecord> records = new ArrayList<>();
    String target = null;
    for (ReleaseId id : ids) {
      ReleaseRecord record = marks.read(id.value()).orElse(null);
      records.add(record);
      boolean bad = record != null && record.bad();
      if (target == null && live != null && !bad && id.isOlderThan(ReleaseId.parse(live))) {
        target = id.value();
      }
    }

    List<Entry> entries = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      String id = ids.get(i).value();
      ReleaseRecord record = records.get(i);
      boolean bad = record != null && record.bad();
      Status status;
      if (id.equals(live)) {
        status = Status.LIVE;
      } else if (bad) {
        status = Status.BAD;
      } else if (id.equals(target)) {
        status = Status.PREVIOUS;
      } else {
        status = Status.GOOD;
      }
      entries.add(new Entry(id, root.releasesDir().resolve(id), status, bad, record));
    }
    return new ReleaseCatalog(entries, live, target);
  }

  /** All releases, newest first. */
  public List<Entry> releases() {
    return releases;
  }

  /** The release {@code current} names; its folder may be missing (deleted by hand). */
  public Optional<String> liveReleaseId() {
    return Optional.ofNullable(liveReleaseId);
  }

  /**
   * The newest release that is older than the live one and not marked bad: what a rollback
   * switches to. Empty when nothing is live (a rollback needs something to roll back from) or no
   * such release exists. Releases newer than the live one never qualify: they are what was rolled
   * back from.
   */
  public Optional<String> rollbackTarget() {
    return Optional.ofNullable(rollbackTarget);
  }

  /** The entry for one release, if its folder exists. */
  public Optional<Entry> find(String releaseId) {
    return releases.stream().filter(e -> e.releaseId().equals(releaseId)).findFirst();
  }
}
