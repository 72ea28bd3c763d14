package dev.slipway.format;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Locale;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

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
  private static final int BUFFER = 64 * 1024;
  /** Per-entry allowance for tar headers, PAX records and padding when bounding the inflated size. */
  private static final long PER_ENTRY_OVERHEAD = 4 * 512;
  /** Largest tar header we read, PAX records and GNU long names included. */
  private static final long MAX_HEADER_BYTES = 64 * 1024;
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
    BoundedInputStream bounded = new BoundedInputStream(gunzip(compressed), ArchiveLayout.MAX_MANIFEST_BYTES + MAX_HEADER_BYTES);
    TarArchiveInputStream tar = new TarArchiveInputStream(bounded, "UTF-8");
    return parseManifest(readManifestBytes(tar, bounded));
  }

  /** Reads the env manifest that follows the manifest, without writing anything. */
  public static EnvManifest readEnvManifest(InputStream compressed) throws IOException {
    BoundedInputStream bounded = new BoundedInputStream(gunzip(compressed), ArchiveLayout.MAX_MANIFEST_BYTES + MAX_HEADER_BYTES);
    TarArchiveInputStream tar = new TarArchiveInputStream(bounded, "UTF-8");
    FileEntry expected = streamManifest(tar, bounded, UnpackTarget.nowhere()).check().envManifest();
    if (expected == null || expected.size() > ArchiveLayout.MAX_MANIFEST_BYTES) {
      return EnvManifest.empty();
    }
    // .deploy/env.json sorts right after the .deploy folder: it is among the first entries.
    bounded.setLimit(bounded.count() + 16 * MAX_HEADER_BYTES + expected.size());
    for (TarArchiveEntry entry; (entry = nextEntry(tar, bounded)) != null; ) {
      if (entry.getName().equals(ArchiveLayout.ENV_MANIFEST)) {
        checkType(entry);
        return parseEnvManifest(readExactly(tar, entry, expected.size()));
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
    try (InputStream gzip = gunzip(new KeptOpen(compressed))) {
      BoundedInputStream bounded = new BoundedInputStream(gzip, ArchiveLayout.MAX_MANIFEST_BYTES + MAX_HEADER_BYTES);
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
        + (listed.fileCount() + listed.folderCount() + 4L) * PER_ENTRY_OVERHEAD + MAX_HEADER_BYTES);

    long done = 0;
    int fileCount = 0;
    byte[] envBytes = null;
    PackedFileList.Reader cursor = manifest.files().reader();
    ListedFile next = cursor.next();
    String previousKey = null;
    for (TarArchiveEntry entry; (entry = nextEntry(tar, bounded)) != null; ) {
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
      checkType(entry);
      if ((entry.getMode() & 07000) != 0) {
        throw ArchiveRefusal.of(
            "SPECIAL_MODE_BITS", raw, "setuid, setgid or sticky bit set (mode " + Integer.toOctalString(entry.getMode()) + ")");
      }
      if (name.equals(ArchiveLayout.MANIFEST) || (previousKey != null && key.compareTo(previousKey) <= 0)) {
        throw outOfPlace(raw, name, key, previousKey, listed);
      }
      previousKey = key;
      if (folderEntry) {
        if (!listedNext && !name.equals(ArchiveLayout.DEPLOY_DIR)) {
          throw unexpected(raw, name, true, next, listed);
        }
        target.createFolder(name);
        continue;
      }
      if (!listedNext) {
        throw unexpected(raw, name, false, next, listed);
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
        envBytes = readWhole(tar, file, new byte[(int) file.size()]);
        checkHash(file, Sha256.newDigest(), envBytes);
        writeWhole(target, name, envBytes);
      } else if (file.size() <= SMALL_FILE) {
        checks.submit(file, readWhole(tar, file, checks.buffer((int) file.size())));
      } else {
        write(target, tar, file);
      }
      done += file.size();
      fileCount++;
      progress.advanced(done, total);
    }
    checks.finish();
    if (next != null) {
      throw missing(next);
    }
    EnvManifest env = envBytes != null ? parseEnvManifest(envBytes) : EnvManifest.empty();
    return new Result(manifest.header(), env, done, fileCount);
  }

  /** An entry that does not sort after the one before it: a duplicate, or out of the manifest's order. */
  private static SlipwayException outOfPlace(String raw, String name, String key, String previousKey, FileListCheck listed) {
    // Every listed file up to the previous entry was matched, so a listed one here is a second copy.
    if (name.equals(ArchiveLayout.MANIFEST) || key.equals(previousKey) || listed.mayHoldFile(name)) {
      return ArchiveRefusal.of("DUPLICATE_ENTRY", raw, "appears twice in the archive");
    }
    if (differsOnlyInCase(name, listed)) {
      return caseCollision(raw);
    }
    return ArchiveRefusal.of("OUT_OF_ORDER", raw,
        "comes after '" + ArchivePaths.printable(previousKey) + "'; entries must be in the manifest's sorted order");
  }

  /** An entry in sorted order that is not the manifest's next file (or a folder before it). */
  private static SlipwayException unexpected(String raw, String name, boolean folder, ListedFile next, FileListCheck listed) {
    boolean listedHere = folder ? listed.mayHoldFolder(name) : listed.mayHoldFile(name);
    if (listedHere && next != null && next.path().compareTo(name) < 0) {
      return missing(next); // the archive went past the next listed file
    }
    if (differsOnlyInCase(name, listed)) {
      return caseCollision(raw);
    }
    return ArchiveRefusal.of("NOT_IN_MANIFEST", raw, folder ? "folder holds no file of the manifest" : "is not listed in the manifest");
  }

  /** Not a listed file or folder itself, but one of them when case is ignored. */
  private static boolean differsOnlyInCase(String name, FileListCheck listed) {
    return !listed.mayHoldFile(name) && !listed.mayHoldFolder(name) && listed.mayHoldIgnoringCase(name);
  }

  private static SlipwayException caseCollision(String raw) {
    return ArchiveRefusal.of(
        "CASE_COLLISION", raw, "differs only in case from a path of the manifest (they collide on Windows and macOS)");
  }

  private static SlipwayException missing(ListedFile file) {
    return ArchiveRefusal.of("MISSING_FILE", file.path(),
        "is listed in the manifest but not in the archive (entries must come in the manifest's order)");
  }

  private static InputStream gunzip(InputStream compressed) throws IOException {
    try {
      // decompressConcatenated: the writer emits the manifest and the body as two gzip members.
      return new GzipCompressorInputStream(compressed, true);
    } catch (IOException e) {
      throw ArchiveRefusal.of("NOT_GZIP", null, "it is not a gzip file (" + e.getMessage() + ")");
    }
  }

  /**
   * The next entry's header, read under its own small bound: commons-compress buffers a whole PAX
   * record or GNU long name in memory, so a 65 KiB archive could otherwise make it allocate
   * gigabytes (found by the hostile-archive suite).
   */
  private static TarArchiveEntry nextEntry(TarArchiveInputStream tar, BoundedInputStream bounded) {
    long limit = bounded.limit();
    bounded.setLimit(Math.min(limit, bounded.count() + MAX_HEADER_BYTES));
    try {
      return nextEntry(tar);
    } finally {
      bounded.setLimit(limit);
    }
  }

  private static TarArchiveEntry nextEntry(TarArchiveInputStream tar) {
    TarArchiveEntry entry;
    try {
      entry = tar.getNextEntry();
    } catch (EOFException e) {
      throw ArchiveRefusal.of("TRUNCATED", null, "it ends in the middle of an entry (truncated?)");
    } catch (IOException | IllegalArgumentException e) {
      throw ArchiveRefusal.of("CORRUPT_TAR", null, "it is not a readable tar.gz (" + e.getMessage() + ")");
    }
    // commons-compress computes each header's checksum but only reports it (isCheckSumOK); GNU tar
    // refuses a header whose checksum is wrong, and so do we: its fields cannot be trusted.
    if (entry != null && !entry.isCheckSumOK()) {
      throw ArchiveRefusal.of("CORRUPT_TAR", entry.getName(), "its tar header's checksum is wrong (a damaged archive?)");
    }
    return entry;
  }

  private static byte[] readManifestBytes(TarArchiveInputStream tar, BoundedInputStream bounded) {
    TarArchiveEntry first = manifestEntry(tar, bounded);
    return readExactly(tar, first, first.getSize());
  }

  /** The first entry, which must be the manifest (a file of at most MAX_MANIFEST_BYTES); its content is not read. */
  private static TarArchiveEntry manifestEntry(TarArchiveInputStream tar, BoundedInputStream bounded) {
    TarArchiveEntry first = nextEntry(tar, bounded);
    if (first == null) {
      throw ArchiveRefusal.of("MISSING_MANIFEST", null, "it is empty; " + ArchiveLayout.MANIFEST + " must be its first entry");
    }
    if (!first.getName().equals(ArchiveLayout.MANIFEST)) {
      throw ArchiveRefusal.of(
          "MISSING_MANIFEST", first.getName(), "is the first entry; " + ArchiveLayout.MANIFEST + " must come first");
    }
    checkType(first);
    if (first.isDirectory()) {
      throw ArchiveRefusal.of("MISSING_MANIFEST", first.getName(), "is a folder; it must be the manifest file");
    }
    if (first.getSize() > ArchiveLayout.MAX_MANIFEST_BYTES) {
      throw ArchiveRefusal.of("BAD_MANIFEST", first.getName(), "is larger than " + ArchiveLayout.MAX_MANIFEST_BYTES + " bytes");
    }
    return first;
  }

  /** The entry's content, which must be exactly {@code size} bytes; a short or broken read is a refusal. */
  private static byte[] readExactly(TarArchiveInputStream tar, TarArchiveEntry entry, long size) {
    if (entry.getSize() != size) {
      throw ArchiveRefusal.of("SIZE_MISMATCH", entry.getName(), "is " + entry.getSize() + " bytes, the manifest says " + size);
    }
    // Into an array of the final size (at most MAX_MANIFEST_BYTES): readNBytes would gather chunks
    // and copy them, briefly holding a 50k-file manifest twice (issue #7: peak memory).
    byte[] bytes = new byte[(int) size];
    int read;
    try {
      read = tar.readNBytes(bytes, 0, bytes.length);
    } catch (IOException e) {
      throw readFailure(entry.getName(), e);
    }
    if (read != size) {
      throw readFailure(entry.getName(), new EOFException());
    }
    return bytes;
  }

  /** A failure while reading the archive (not while writing staging): truncated or corrupt input. */
  private static SlipwayException readFailure(String entry, IOException e) {
    String message = String.valueOf(e.getMessage());
    if (e instanceof EOFException || message.toLowerCase(Locale.ROOT).contains("truncated")) {
      return ArchiveRefusal.of("TRUNCATED", entry, ArchiveLayout.MANIFEST.equals(entry)
          ? "the archive ends inside the manifest (truncated?)"
          : "the archive ends inside this file (truncated?)");
    }
    return ArchiveRefusal.of("CORRUPT_TAR", entry, "cannot be read: " + ArchivePaths.printable(message));
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
    TarArchiveEntry entry = manifestEntry(tar, bounded);
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
      throw unknownFormatVersion(e.version);
    } catch (com.fasterxml.jackson.core.JsonProcessingException | RuntimeException e) {
      throw badManifest(ArchiveLayout.MANIFEST, e);
    } catch (IOException e) {
      throw readFailure(ArchiveLayout.MANIFEST, e);
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
      throw unknownFormatVersion(e.version);
    } catch (IOException | RuntimeException e) {
      throw badManifest(ArchiveLayout.MANIFEST, e);
    }
  }

  private static SlipwayException unknownFormatVersion(int version) {
    return new SlipwayException(
        FailureKind.INTEGRITY,
        "UNKNOWN_FORMAT_VERSION",
        "archive refused: manifest format version " + version + " is not supported (this installer reads versions "
            + Manifest.FORMAT_VERSION + " to " + Manifest.NEWEST_FORMAT_VERSION + ")",
        null,
        "use an installer of the same Slipway version as the packager that built the archive");
  }

  /** BAD_MANIFEST for a manifest (or env manifest) that is not valid JSON or not a valid record. */
  private static SlipwayException badManifest(String entry, Exception e) {
    if (e instanceof SlipwayException refusal) {
      return refusal;
    }
    if (e instanceof LinkRefusal link) {
      return link.refusal(); // its own cause code: a hostile link, not a damaged manifest (issue #16)
    }
    if (e instanceof ManifestText.Refusal text) {
      return text.refusal(); // its own cause code: text meant for a terminal, not a damaged manifest (issue #20)
    }
    if (e instanceof com.fasterxml.jackson.core.JsonProcessingException json) {
      return ArchiveRefusal.of("BAD_MANIFEST", entry, "is not valid JSON: " + firstLine(json.getOriginalMessage()));
    }
    if (e instanceof IOException || e instanceof IllegalArgumentException || e instanceof NullPointerException) {
      return ArchiveRefusal.of("BAD_MANIFEST", entry, "is invalid: " + firstLine(rootMessage(e)));
    }
    throw (RuntimeException) e;
  }

  static EnvManifest parseEnvManifest(byte[] bytes) {
    try {
      return ManifestParser.envManifest(bytes);
    } catch (IOException | RuntimeException e) {
      throw badManifest(ArchiveLayout.ENV_MANIFEST, e);
    }
  }

  private static void checkType(TarArchiveEntry entry) {
    // Decide on the raw type flag: commons-compress's isFile() is true for every flag but '5'
    // (devices, FIFOs and unknown types included), so it cannot be trusted for this.
    byte flag = entry.getLinkFlag();
    if (flag == TarConstants.LF_NORMAL || flag == TarConstants.LF_OLDNORM || flag == TarConstants.LF_DIR) {
      return;
    }
    String type;
    if (flag == TarConstants.LF_SYMLINK) {
      type = "a symbolic link (to '" + ArchivePaths.printable(entry.getLinkName()) + "')";
    } else if (flag == TarConstants.LF_LINK) {
      type = "a hard link (to '" + ArchivePaths.printable(entry.getLinkName()) + "')";
    } else if (flag == TarConstants.LF_CHR || flag == TarConstants.LF_BLK) {
      type = "a device node";
    } else if (flag == TarConstants.LF_FIFO) {
      type = "a FIFO";
    } else {
      type = "an entry of unsupported type '" + ArchivePaths.printable(String.valueOf((char) flag)) + "'";
    }
    throw ArchiveRefusal.of("UNSUPPORTED_ENTRY_TYPE", entry.getName(), "is " + type + "; only files and folders are allowed");
  }

  /** A small file's whole content, into the first {@code expected.size()} bytes of {@code content}. */
  private static byte[] readWhole(InputStream in, ListedFile expected, byte[] content) {
    int size = (int) expected.size();
    int read = 0;
    while (read < size) {
      int n;
      try {
        n = in.read(content, read, size - read);
      } catch (IOException e) {
        throw readFailure(expected.path(), e);
      }
      if (n < 0) {
        throw ArchiveRefusal.of("TRUNCATED", expected.path(), "the archive ends inside this file");
      }
      read += n;
    }
    return content;
  }

  private static void writeWhole(UnpackTarget target, String name, byte[] content) throws IOException {
    try (OutputStream out = target.createFile(name)) {
      out.write(content);
    }
  }

  /** A large file, streamed into {@code target} while it is hashed; marked executable once it matched. */
  private static void write(UnpackTarget target, InputStream in, ListedFile expected) throws IOException {
    String name = expected.path();
    long size = expected.size();
    MessageDigest digest = Sha256.newDigest();
    byte[] buffer = new byte[BUFFER];
    long written = 0;
    try (OutputStream out = target.createFile(name)) {
      while (written < size) {
        int n;
        try {
          n = in.read(buffer, 0, (int) Math.min(buffer.length, size - written));
        } catch (IOException e) {
          throw readFailure(name, e);
        }
        if (n < 0) {
          throw ArchiveRefusal.of("TRUNCATED", name, "the archive ends inside this file");
        }
        digest.update(buffer, 0, n);
        out.write(buffer, 0, n);
        written += n;
      }
    }
    checkHash(expected, digest, null);
    if (expected.executable()) {
      target.markExecutable(name);
    }
  }

  /** Refuses (HASH_MISMATCH) unless {@code digest}, after {@code content} if not null, is the manifest's SHA-256. */
  static void checkHash(ListedFile expected, MessageDigest digest, byte[] content) {
    if (content != null) {
      digest.update(content);
    }
    byte[] actual = digest.digest();
    if (!MessageDigest.isEqual(actual, expected.sha256())) {
      throw ArchiveRefusal.of(
          "HASH_MISMATCH", expected.path(), "SHA-256 is " + Sha256.hex(actual) + ", the manifest says " + expected.sha256Hex());
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return String.valueOf(cause.getMessage());
  }

  private static String firstLine(String message) {
    String text = String.valueOf(message);
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }

}
