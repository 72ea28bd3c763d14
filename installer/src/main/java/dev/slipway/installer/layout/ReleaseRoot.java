package dev.slipway.installer.layout;

import dev.slipway.format.FailureKind;
import dev.slipway.format.LocalIoFailure;
import dev.slipway.format.SlipwayException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The folder that holds everything of one app on the server:
 *
 * <pre>
 * ROOT/releases/&lt;releaseId&gt;/   complete, verified, npm-installed releases
 * ROOT/current -&gt; releases/&lt;id&gt;   the live release (a relative symlink; see {@link CurrentLink})
 * ROOT/shared/                  what outlives releases: .env.production, the npm cache
 * ROOT/history.jsonl            one JSON line per install / rollback / adopt
 * ROOT/.slipway/                the installer's own state: lock, release marks
 * ROOT/.staging-&lt;UTC&gt;-&lt;rnd&gt;/    a release being assembled
 * ROOT/.trash-&lt;id&gt;-&lt;rnd&gt;/        a release being deleted (see {@link Retention})
 * </pre>
 *
 * <p>Staging folders live inside ROOT (not in /tmp) so that the final rename into {@code
 * releases/} stays on one file system, where rename(2) is atomic.
 *
 * <p>An instance says only where things are; it holds no open files. Obtain one with {@link #open}
 * (which checks the root can be used) or {@link #openForAdoption}.
 */
public final class ReleaseRoot {

  static final String STAGING_PREFIX = ".staging-";
  static final String TRASH_PREFIX = ".trash-";
  /** Where {@link #adoptCurrentDirectory} keeps the new link until the folder has moved. */
  static final String ADOPTING_LINK = ".current.adopting";

  private static final DateTimeFormatter UTC_SECOND =
      DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final Path path;

  private ReleaseRoot(Path path) {
    this.path = path;
  }

  /**
   * Opens the root of one app.
   *
   * @param root the ROOT folder; made absolute
   * @param create true for commands that change the root (install, rollback): proves ROOT is
   *     writable with a real write (permission bits lie when running as root, and say nothing about
   *     read-only mounts) and creates whatever folders are missing. False for read-only commands
   *     (status, history), which must work on a read-only mount and never create anything; ROOT
   *     must then exist.
   * @throws SlipwayException ROOT_LAYOUT: {@code ROOT_MISSING}, {@code ROOT_NOT_A_FOLDER}, {@code
   *     ROOT_UNWRITABLE}, {@code CURRENT_NOT_A_LINK} (a real folder left by a manual deploy: see
   *     {@link #adoptCurrentDirectory}) or {@code CURRENT_FOREIGN_LINK}
   */
  public static ReleaseRoot open(Path root, boolean create) throws IOException {
    ReleaseRoot releaseRoot = locate(root, create);
    // Check before creating anything, so a refused root is left exactly as it was found.
    CurrentLink.liveReleaseId(releaseRoot);
    if (create) {
      releaseRoot.prepareForWriting();
    }
    return releaseRoot;
  }

  /**
   * Opens a root whose {@code current} may be a real folder, for {@link #adoptCurrentDirectory}
   * only. Like {@code open(root, true)} otherwise.
   */
  public static ReleaseRoot openForAdoption(Path root) throws IOException {
    ReleaseRoot releaseRoot = locate(root, true);
    releaseRoot.prepareForWriting();
    return releaseRoot;
  }

  private static ReleaseRoot locate(Path root, boolean create) {
    Objects.requireNonNull(root, "root");
    Path abs = root.toAbsolutePath().normalize();
    if (Files.exists(abs) && !Files.isDirectory(abs)) {
      throw new SlipwayException(
          FailureKind.ROOT_LAYOUT,
          "ROOT_NOT_A_FOLDER",
          "the root " + abs + " is a file, not a folder: pass the app's root folder as --root",
          null,
          "pass --root with the folder that holds (or will hold) releases/ and current");
    }
    if (!create && !Files.isDirectory(abs)) {
      throw new SlipwayException(
          FailureKind.ROOT_LAYOUT,
          "ROOT_MISSING",
          "the root " + abs + " does not exist: nothing has been installed there yet",
          null,
          "check --root, or install a release first");
    }
    return new ReleaseRoot(abs);
  }

  private void prepareForWriting() {
    StateFiles.refusePlantedLinks(this); // issue #20: before anything is written
    StateOwnership.check(this);
    try {
      StateFiles.createRoot(path);
      probeWrite();
      Files.createDirectories(releasesDir());
      Files.createDirectories(sharedDir());
      StateFiles.createStateFolder(stateDir());
    } catch (IOException e) {
      throw unwritable(e);
    }
  }

  /**
   * Writes, fsyncs and deletes a small file: the only test that tells the truth for read-only
   * mounts, ACLs, and for root, where permission bits do not stop writes.
   */
  private void probeWrite() throws IOException {
    Path probe = path.resolve(".slipway-write-probe-" + AtomicFiles.randomSuffix());
    try {
      Files.write(probe, new byte[] {'.'});
    } finally {
      Files.deleteIfExists(probe);
    }
  }

  private SlipwayException unwritable(IOException e) {
    String reason = e.getMessage() == null ? e.toString() : e.getMessage();
    if (LocalIoFailure.isDiskFull(e)) {
      return new SlipwayException(
          FailureKind.DISK_FULL,
          "DISK_FULL",
          "no space left on the device that holds " + path + ": free some space and retry",
          e.toString(),
          "free space (`installer list --root " + path + "` shows the releases; a lower --keep keeps fewer), then retry");
    }
    return new SlipwayException(
        FailureKind.ROOT_LAYOUT,
        "ROOT_UNWRITABLE",
        "cannot write into the root "
            + path
            + ": run the installer as the user that owns it, or make it writable",
        e.toString(),
        "check the owner and mode of "
            + path
            + " and whether its file system is mounted read-only");
  }

  /** The ROOT folder itself (absolute, normalized). */
  public Path path() {
    return path;
  }

  /** {@code ROOT/releases}. */
  public Path releasesDir() {
    return path.resolve("releases");
  }

  /** {@code ROOT/releases/<releaseId>}; the id is validated, so the result is always inside. */
  public Path releaseDir(String releaseId) {
    return releasesDir().resolve(ReleaseId.parse(releaseId).value());
  }

  /** {@code ROOT/current}: the link to the live release (may not exist yet). */
  public Path current() {
    return path.resolve("current");
  }

  /** {@code ROOT/shared}: what outlives releases. */
  public Path sharedDir() {
    return path.resolve("shared");
  }

  /** {@code ROOT/history.jsonl}. */
  public Path historyFile() {
    return path.resolve("history.jsonl");
  }

  /** {@code ROOT/.slipway}: the installer's own state (lock, release marks). */
  public Path stateDir() {
    return path.resolve(".slipway");
  }

  /** {@code ROOT/shared/.env.production}: the env file when none is given. */
  public Path defaultEnvFile() {
    return sharedDir().resolve(".env.production");
  }

  /** {@code ROOT/shared/npm-cache}: kept across releases so npm ci does not download again. */
  public Path npmCacheDir() {
    return sharedDir().resolve("npm-cache");
  }

  /**
   * Creates a new, empty {@code ROOT/.staging-<UTC>-<random>} folder for a release being assembled.
   * The UTC time in the name tells a human how old a leftover is.
   */
  public Path newStagingDir() throws IOException {
    String stamp = UTC_SECOND.format(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    while (true) {
      Path dir = path.resolve(STAGING_PREFIX + stamp + "-" + AtomicFiles.randomSuffix());
      try {
        return Files.createDirectory(dir);
      } catch (FileAlreadyExistsException e) {
        // Another name: astronomically unlikely, but never reuse someone's folder.
      }
    }
  }

  /**
   * The {@code ROOT/.staging-*} folders that exist now: the caller's own, and leftovers of crashed
   * runs (see {@link Retention}).
   */
  public List<Path> stagingDirs() throws IOException {
    return foldersStartingWith(STAGING_PREFIX);
  }

  /** A fresh name for a release being deleted: {@code ROOT/.trash-<id>-<random>}. */
  Path newTrashPath(String releaseId) {
    return path.resolve(TRASH_PREFIX + releaseId + "-" + AtomicFiles.randomSuffix());
  }

  /** Folders whose deletion was interrupted. */
  List<Path> trashDirs() throws IOException {
    return foldersStartingWith(TRASH_PREFIX);
  }

  private List<Path> foldersStartingWith(String prefix) throws IOException {
    List<Path> found = new ArrayList<>();
    if (!Files.isDirectory(path)) {
      return found;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(path, prefix + "*")) {
      for (Path entry : entries) {
        if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
          found.add(entry);
        }
      }
    }
    found.sort(null);
    return found;
  }

  /**
   * Turns a {@code current} folder left by a manual deploy into the first managed release ({@code
   * installer adopt --root ROOT}): see {@link CurrentAdoption#adopt}. Call while holding {@link
   * RootLock}.
   *
   * @return the id of the release {@code current} now points to
   */
  public String adoptCurrentDirectory(String releaseId) throws IOException {
    return CurrentAdoption.adopt(this, releaseId);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ReleaseRoot && ((ReleaseRoot) o).path.equals(path);
  }

  @Override
  public int hashCode() {
    return path.hashCode();
  }

  @Override
  public String toString() {
    return path.toString();
  }
}
