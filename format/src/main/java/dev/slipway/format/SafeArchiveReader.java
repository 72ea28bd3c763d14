package dev.slipway.format;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Unpacks an archive into a staging folder, trusting nothing in it (issues #3 and #6).
 *
 * <p>The manifest must come first; after it, every entry must be a regular file or folder the
 * manifest names, with a safe relative path, no special mode bits, the declared size and the
 * declared SHA-256, at most once (also ignoring case, which Windows and macOS file systems do).
 * Links, devices and FIFOs are refused, as GNU tar's and libarchive's secure modes do, so nothing
 * can ever be written outside the staging folder. Decompressed bytes are counted against what the
 * manifest declares, which stops compression bombs. Everything streams with fixed buffers.
 *
 * <p>On refusal it throws a {@link SlipwayException} of kind {@link FailureKind#INTEGRITY} naming
 * the entry; what it already wrote stays inside the staging folder for the caller to delete.
 */
public final class SafeArchiveReader {
  /** Per-entry allowance for tar headers, PAX records and padding when bounding the inflated size. */
  private static final long PER_ENTRY_OVERHEAD = 4 * 512;
  /**
   * Files up to this size are read whole and handed to {@link ParallelFileChecks}; larger ones are
   * streamed and checked on this thread. Bounds what waits in memory.
   */
  static final int SMALL_FILE = 256 * 1024;
  /** Threads that hash and write the small files while this one inflates the next (issue #7). */
  private static final int CHECK_THREADS = 2;

  @FunctionalInterface
  public interface Progress {
    void advanced(long bytesDone, long bytesTotal);

    Progress NONE = (done, total) -> {};
  }

  /**
   * What was read: the manifest without its file list (the list was checked entry by entry and is
   * not kept, issue #7), the env manifest, the bytes and the files unpacked.
   */
  public record Result(Manifest.Header manifest, EnvManifest envManifest, long bytes, int fileCount) {}

  private SafeArchiveReader() {}

  /** Reads only the manifest (for {@code packager inspect}). */
  public static Manifest readManifest(InputStream compressed) throws IOException {
    BoundedInputStream bounded = new BoundedInputStream(TarEntries.gunzip(compressed), ArchiveLayout.MAX_MANIFEST_BYTES + TarEntries.MAX_HEADER_BYTES);
    TarArchiveInputStream tar = new TarArchiveInputStream(bounded, "UTF-8");
    return parseManifest(TarEntries.readManifestBytes(tar, bounded));
  }

  /** Reads the env manifest that follows the manifest, without writing anything. */
  public static EnvManifest readEnvManifest(InputStream compressed) throws IOException {
    BoundedInputStream bounded = new BoundedInputStream(TarEntries.gunzip(compressed), ArchiveLayout.MAX_MANIFEST_BYTES + TarEntries.MAX_HEADER_BYTES);
    TarArchiveInputStream tar = new TarArchiveInputStream(bounded, "UTF-8");
    FileEntry expected = streamManifest(tar, bounded, UnpackTarget.nowhere()).check().envManifest();
    if (expected == null || expected.size() > ArchiveLayout.MAX_MANIFEST_BYTES) {
      return EnvManifest.empty();
    }
    // .deploy/env.json sorts right after the .deploy folder: it is among the first entries.
    bounded.setLimit(bounded.count() + 16 * TarEntries.MAX_HEADER_BYTES + expected.size());
    for (TarArchiveEntry entry; (entry = TarEntries.nextEntry(tar, bounded)) != null; ) {
      if (entry.getName().equals(ArchiveLayout.ENV_MANIFEST)) {
        TarEntries.checkType(entry);
        return parseEnvManifest(TarEntries.readExactly(tar, entry, expected.size()));
      }
    }
    return EnvManifest.empty();
  }

  /**
   * Unpacks {@code compressed} into {@code staging}, which must exist and be empty. Returns or
   * throws only once nothing writes into staging any more.
   *
   * @throws SlipwayException of kind INTEGRITY (or DISK_FULL) when the archive is refused
   */
  public static Result extract(InputStream compressed, Path staging, Progress progress) throws IOException {
    return extract(compressed, staging, progress, HeaderCheck.NONE);
  }

  /**
   * As {@link #extract(InputStream, Path, Progress)}, calling {@code beforeFiles} with the parsed
   * header before any file of the release is written: a release tied to another platform (issue
   * #18) is refused with nothing unpacked but staging's copy of the manifest.
   */
  public static Result extract(InputStream compressed, Path staging, Progress progress, HeaderCheck beforeFiles)
      throws IOException {
    try (var list = Files.list(staging)) {
      if (list.findAny().isPresent()) {
        throw new IllegalArgumentException("staging folder is not empty: " + staging);
      }
    }
    return read(compressed, UnpackTarget.folder(staging), progress, beforeFiles);
  }

  /** Looks at a manifest's header once it is parsed, before the entries after it are read; throws to refuse. */
  @FunctionalInterface
  public interface HeaderCheck {
    HeaderCheck NONE = header -> {};

    void check(Manifest.Header header) throws IOException;
  }

  /**
   * Checks {@code compressed} exactly as {@link #extract} does (every entry, size and SHA-256),
   * writing nothing anywhere.
   *
   * @throws SlipwayException of kind INTEGRITY when the archive is refused
   */
  public static Result check(InputStream compressed, Progress progress) throws IOException {
    return read(compressed, UnpackTarget.nowhere(), progress);
  }

  /**
   * Reads the whole archive into {@code target}, checking everything. Returns or throws only once
   * nothing writes into the target any more.
   */
  public static Result read(InputStream compressed, UnpackTarget target, Progress progress) throws IOException {
    return read(compressed, target, progress, HeaderCheck.NONE);
  }

  private static Result read(InputStream compressed, UnpackTarget target, Progress progress, HeaderCheck beforeFiles)
      throws IOException {
    try (ParallelFileChecks checks = new ParallelFileChecks(target, CHECK_THREADS)) {
      return read(compressed, target, checks, progress, beforeFiles);
    }
  }

  /**
   * The manifest is parsed once, as it streams from the archive into the target ({@link
   * #streamManifest}): that validates the header and the whole file list, keeps hashes of the
   * paths and packs the entries ({@link PackedFileList}), never the manifest's bytes (issue #7:
   * memory nearly flat in the number of files). Then
   * the reader walks the packed list in step with the entries, which the writer emits in the same
   * sorted order, folders as "F/" just before their content. So every file entry must be the
   * manifest's next file, exactly; anything else is refused, and the hashes only choose which
   * refusal to report.
   */
  private static Result read(InputStream compressed, UnpackTarget target, ParallelFileChecks checks, Progress progress,
      HeaderCheck beforeFiles) throws IOException {
    // Closed here to free the inflater's native memory at once; the caller's stream stays open,
    // since the installer goes on reading it to hash the bytes after the tar's end.
    try (InputStream gzip = TarEntries.gunzip(new KeptOpen(compressed))) {
      BoundedInputStream bounded = new BoundedInputStream(gzip, ArchiveLayout.MAX_MANIFEST_BYTES + TarEntries.MAX_HEADER_BYTES);
      TarArchiveInputStream tar = new TarArchiveInputStream(bounded, "UTF-8");
      CheckedManifest manifest = streamManifest(tar, bounded, target);
      try (PackedFileList files = manifest.files()) {
        beforeFiles.check(manifest.header());
        return readFiles(tar, bounded, target, checks, progress, manifest);
      } catch (PackedFileList.SpillFailure e) {
        throw spillFailure(e);
      }
    }
  }

  /**
   * The temporary folder's I/O, never the archive's: DISK_FULL when it is full, otherwise an I/O
   * error that names the folder and how to choose another.
   */
  private static IOException spillFailure(PackedFileList.SpillFailure e) {
    String fix = "point java.io.tmpdir at a folder with space the installer can write (-Djava.io.tmpdir=DIR in SLIPWAY_JAVA_OPTS)";
    if (LocalIoFailure.isDiskFull(e.getCause())) {
      throw new SlipwayException(FailureKind.DISK_FULL, "DISK_FULL", e.getMessage(), null, fix);
    }
    return new IOException(e.getMessage() + "; " + fix, e.getCause());
  }

  /** The caller's stream, which closing the gzip reader must not close. */
  private static final class KeptOpen extends java.io.FilterInputStream {
    KeptOpen(InputStream in) {
      super(in);
    }

    @Override
    public void close() {}
  }

  private static Result readFiles(TarArchiveInputStream tar, BoundedInputStream bounded, UnpackTarget target,
      ParallelFileChecks checks, Progress progress, CheckedManifest manifest) throws IOException {
    FileListCheck listed = manifest.check();
    long total = listed.totalSize();
    bounded.setLimit(bounded.count() + total
        + (listed.fileCount() + listed.folderCount() + 4L) * PER_ENTRY_OVERHEAD + TarEntries.MAX_HEADER_BYTES);

    long done = 0;
    int fileCount = 0;
    byte[] envBytes = null;
    PackedFileList.Reader cursor = manifest.files().reader();
    ListedFile next = cursor.next();
    String previousKey = null;
    for (TarArchiveEntry entry; (entry = TarEntries.nextEntry(tar, bounded)) != null; ) {
      String raw = entry.getName();
      boolean folderEntry = entry.isDirectory();
      String name = folderEntry && raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw;
      // Folders sort as "F/", exactly where the writer puts them: before their content.
      String key = folderEntry ? name + "/" : name;
      // The next listed file, or a folder of it, was checked as a path when the manifest was read;
      // anything else is checked here first, so an unsafe name is refused as such (issue #7: the
      // check ran twice for every entry of a cold unpack).
      boolean listedNext = next != null && (folderEntry ? next.path().startsWith(key) : next.path().equals(name));
      if (!listedNext) {
        ArchivePaths.problem(name)
            .ifPresent(why -> { throw ArchiveRefusal.of("UNSAFE_PATH", raw, why); });
      }
      TarEntries.checkType(entry);
      if ((entry.getMode() & 07000) != 0) {
        throw ArchiveRefusal.of(
            "SPECIAL_MODE_BITS", raw, "setuid, setgid or sticky bit set (mode " + Integer.toOctalString(entry.getMode()) + ")");
      }
      if (name.equals(ArchiveLayout.MANIFEST) || (previousKey != null && key.compareTo(previousKey) <= 0)) {
        throw EntryRefusals.outOfPlace(raw, name, key, previousKey, listed);
      }
      previousKey = key;
      if (folderEntry) {
        if (!listedNext && !name.equals(ArchiveLayout.DEPLOY_DIR)) {
          throw EntryRefusals.unexpected(raw, name, true, next, listed);
        }
        target.createFolder(name);
        continue;
      }
      if (!listedNext) {
        throw EntryRefusals.unexpected(raw, name, false, next, listed);
      }
      ListedFile file = next;
      next = cursor.next();
      if (entry.getSize() != file.size()) {
        throw ArchiveRefusal.of(
            "SIZE_MISMATCH", raw, "is " + entry.getSize() + " bytes, the manifest says " + file.size());
      }
      if (name.equals(ArchiveLayout.ENV_MANIFEST)) {
        if (file.size() > ArchiveLayout.MAX_MANIFEST_BYTES) {
          throw ArchiveRefusal.of("BAD_MANIFEST", raw, "is larger than " + ArchiveLayout.MAX_MANIFEST_BYTES + " bytes");
        }
        envBytes = EntryContent.readWhole(tar, file, new byte[(int) file.size()]);
        EntryContent.checkHash(file, Sha256.newDigest(), envBytes);
        EntryContent.writeWhole(target, name, envBytes);
      } else if (file.size() <= SMALL_FILE) {
        checks.submit(file, EntryContent.readWhole(tar, file, new byte[(int) file.size()]));
      } else {
        EntryContent.write(target, tar, file);
      }
      done += file.size();
      fileCount++;
      progress.advanced(done, total);
    }
    checks.finish();
    if (next != null) {
      throw EntryRefusals.missing(next);
    }
    EnvManifest env = envBytes != null ? parseEnvManifest(envBytes) : EnvManifest.empty();
    return new Result(manifest.header(), env, done, fileCount);
  }

  /**
   * The manifest's header, its file list checked against every rule of {@link FileListCheck}
   * (whose path hashes it keeps), and the list's entries packed.
   */
  private record CheckedManifest(Manifest.Header header, FileListCheck check, PackedFileList files) {}

  /**
   * Reads the manifest entry, parsing and validating it as it streams into {@code target}'s
   * {@code .deploy/manifest.json}, which holds exactly the entry's bytes when this returns.
   */
  private static CheckedManifest streamManifest(TarArchiveInputStream tar, BoundedInputStream bounded, UnpackTarget target)
      throws IOException {
    TarArchiveEntry entry = TarEntries.manifestEntry(tar, bounded);
    // Opening and closing the copy are the staging folder's I/O: their failures are not the archive's.
    try (OutputStream copy = target.createFile(ArchiveLayout.MANIFEST)) {
      return parseWhileCopying(tar, entry.getSize(), copy);
    }
  }

  private static CheckedManifest parseWhileCopying(InputStream tar, long size, OutputStream copy) throws IOException {
    FileListCheck check = new FileListCheck();
    PackedFileList files = new PackedFileList();
    boolean parsed = false;
    try {
      ManifestCopy in = new ManifestCopy(tar, size, copy);
      Manifest.Header header = ManifestParser.header(in, file -> {
        check.accept(file);
        files.accept(file);
      });
      in.drain();
      parsed = true;
      return new CheckedManifest(header, check, files);
    } catch (ManifestCopy.WriteFailure e) {
      throw e.getCause(); // staging's I/O, not the archive's
    } catch (PackedFileList.SpillFailure e) {
      throw spillFailure(e);
    } catch (ManifestParser.UnsupportedVersion e) {
      throw EntryRefusals.unknownFormatVersion(e.version);
    } catch (com.fasterxml.jackson.core.JsonProcessingException | RuntimeException e) {
      throw EntryRefusals.badManifest(ArchiveLayout.MANIFEST, e);
    } catch (IOException e) {
      throw EntryRefusals.readFailure(ArchiveLayout.MANIFEST, e);
    } finally {
      if (!parsed) {
        files.close();
      }
    }
  }

  /**
   * The whole manifest, refused exactly as the unpack path refuses it: another {@code
   * formatVersion} (the first field, FORMAT.md) as UNKNOWN_FORMAT_VERSION, a missing one as
   * BAD_MANIFEST. It used to look for the version anywhere in a separate pass first, so a manifest
   * without one was called "format version -1" by {@code packager inspect} (found by review).
   */
  static Manifest parseManifest(byte[] bytes) {
    try {
      return ManifestParser.manifest(bytes);
    } catch (ManifestParser.UnsupportedVersion e) {
      throw EntryRefusals.unknownFormatVersion(e.version);
    } catch (IOException | RuntimeException e) {
      throw EntryRefusals.badManifest(ArchiveLayout.MANIFEST, e);
    }
  }

  static EnvManifest parseEnvManifest(byte[] bytes) {
    try {
      return ManifestParser.envManifest(bytes);
    } catch (IOException | RuntimeException e) {
      throw EntryRefusals.badManifest(ArchiveLayout.ENV_MANIFEST, e);
    }
  }
}
