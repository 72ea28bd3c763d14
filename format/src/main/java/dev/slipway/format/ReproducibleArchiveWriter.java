package dev.slipway.format;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.SortedMap;
import java.util.zip.Deflater;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;

/**
 * Writes a byte-reproducible {@code .tar.gz}: the same files give the same bytes whatever their
 * mtimes, owners or the order the file system lists them in.
 *
 * <p>After Jib's {@code ReproducibleLayerBuilder}: entries are built from archive names (never from
 * a {@code File}, which would leak mtime, owner and mode), sorted, with parent folders added
 * explicitly, a fixed time, uid/gid 0, empty owner names and modes 0644/0755 only. The gzip header
 * carries no file name and no time.
 *
 * <p>The manifest must be the first entry, yet it holds every file's SHA-256. To read each file
 * only once, the files are hashed while they are compressed into a temporary second gzip member;
 * then the final archive is written as a first member (the manifest) followed by that member's
 * bytes. Concatenated gzip members are one valid gzip stream (RFC 1952 section 2.2) that
 * {@code gzip -d}, {@code tar -xzf} and our reader all accept. The body member is compressed on
 * several threads ({@link ParallelGzipOutputStream}: fixed blocks, so the bytes do not depend on
 * the threads) while this thread reads and hashes the files. Memory stays flat: a fixed set of
 * buffers, whatever the archive's size.
 */
public final class ReproducibleArchiveWriter {
  /** 2000-01-01T00:00:00Z: used when SOURCE_DATE_EPOCH is not set. Any fixed value would do. */
  public static final Instant DEFAULT_ENTRY_TIME = Instant.ofEpochSecond(946_684_800L);

  private static final int BUFFER = 64 * 1024;
  /** GNU tar's record size: lets the first member end right after the manifest without padding. */
  private static final int TAR_RECORD = 512;
  private static final String DEPLOY_FOLDER = ArchiveLayout.DEPLOY_DIR + "/";

  private final Instant entryTime;
  private final int threads;

  public ReproducibleArchiveWriter(Instant entryTime) {
    this(entryTime, Runtime.getRuntime().availableProcessors());
  }

  /**
   * @param threads threads that compress the body (see {@link ParallelGzipOutputStream}); the
   *     archive's bytes do not depend on it
   */
  public ReproducibleArchiveWriter(Instant entryTime, int threads) {
    this.entryTime = Instant.ofEpochSecond(entryTime.getEpochSecond());
    this.threads = threads;
  }

  /** Progress callback: bytes of file content written so far. */
  @FunctionalInterface
  public interface Progress {
    void advanced(long bytesDone);

    Progress NONE = bytes -> {};
  }

  /** The archive written: where, its SHA-256 and size, and how many files and bytes of content it holds. */
  public record Result(Path archive, String sha256, long size, int fileCount, long contentBytes) {}

  /**
   * @param target the archive to write; replaced atomically only when complete
   * @param sources every file except the manifest, by archive path
   * @param header the manifest's fields but its file list, which the writer fills in as it hashes
   * @throws IllegalArgumentException before anything is written, when two paths collide when case
   *     is ignored (Windows and macOS file systems would make one file of them) or a path is unsafe
   */
  public Result write(Path target, SortedMap<String, ArchiveSource> sources, Manifest.Header header, Progress progress)
      throws IOException {
    if (sources.containsKey(ArchiveLayout.MANIFEST)) {
      throw new IllegalArgumentException("the manifest is written by the writer itself");
    }
    checkNames(sources.keySet());
    return write(target, ArchiveFiles.of(sources), header, progress);
  }

  /**
   * Writes the files {@code files} hands over, in its order. Each name must be safe and come after
   * the one before; the rest of {@link #checkNames} (names that collide when case is ignored) is
   * the caller's to check first, with {@link #nameCheck} (the packager does, in a walk that reads
   * no content).
   *
   * @param target the archive to write; replaced atomically only when complete, never touched on failure
   * @param files every file except the manifest, in strictly increasing order of their names
   * @param header the manifest's fields but its file list, which the writer fills in as it hashes
   * @throws IllegalArgumentException when a name is out of order, unsafe or the manifest's; the
   *     target is left as it was
   */
  public Result write(Path target, ArchiveFiles files, Manifest.Header header, Progress progress) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path body = null;
    Path manifest = null;
    Path partial = null;
    try {
      // Inside the try, so that a failure to make the second or third leaves none behind.
      body = Files.createTempFile(dir, "." + target.getFileName() + ".", ".body");
      manifest = Files.createTempFile(dir, "." + target.getFileName() + ".", ".manifest");
      partial = Files.createTempFile(dir, "." + target.getFileName() + ".", ".partial");
      BodyWritten written = writeBody(body, manifest, header, files, progress);
      MessageDigest digest = Sha256.newDigest();
      try (OutputStream out =
          new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(partial), BUFFER), digest)) {
        writeManifestMember(out, manifest);
        Files.copy(body, out);
      }
      // createTempFile makes it 0600; an archive is no secret, and its sidecar is 0644 too.
      if (partial.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        Files.setPosixFilePermissions(partial, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
      }
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return new Result(target, Sha256.hex(digest.digest()), Files.size(target), written.fileCount(), written.bytes());
    } finally {
      for (Path temporary : new Path[] {body, manifest, partial}) {
        if (temporary != null) {
          Files.deleteIfExists(temporary);
        }
      }
    }
  }

  /**
   * The rules the installer checks on the manifest's paths, on the names alone: safe, and no two
   * that collide when case is ignored (nor with the manifest itself). {@link #write} checks them
   * before it reads a byte; callers may check first to tell this refusal from others.
   *
   * @throws IllegalArgumentException naming the first name that breaks a rule
   */
  public static void checkNames(java.util.Collection<String> names) {
    names.forEach(nameCheck());
  }

  /**
   * The rules of {@link #checkNames}, one name at a time, for names that come in the archive's
   * order from a walk rather than from a collection (issue #7). Remembers hashes of the names only.
   */
  public static java.util.function.Consumer<String> nameCheck() {
    return new FileListCheck()::acceptPath;
  }

  private record BodyWritten(int fileCount, long bytes) {}

  /**
   * The body member, and beside it the manifest, one entry as each file is hashed. Folders are
   * emitted as "F/" just before the first file inside them, which is their place in the sorted
   * order of all names (any name between "F/" and a name inside F starts with "F/" itself), so
   * nothing but the file at hand needs to be held (issue #7).
   */
  private BodyWritten writeBody(Path body, Path manifest, Manifest.Header header, ArchiveFiles files, Progress progress)
      throws IOException {
    try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(body), BUFFER);
        TarArchiveOutputStream tar = newTar(newBodyGzip(file));
        OutputStream manifestFile = new BufferedOutputStream(Files.newOutputStream(manifest), BUFFER);
        ManifestJsonWriter listed = new ManifestJsonWriter(manifestFile, header)) {
      BodyEntries entries = new BodyEntries(tar, listed, progress);
      files.forEach(entries::file);
      entries.finish();
      tar.finish();
      return new BodyWritten(listed.fileCount(), entries.done);
    }
  }

  /** Tar entries of the body, one file at a time, with their folders and their manifest entries. */
  private final class BodyEntries {
    private final TarArchiveOutputStream tar;
    private final ManifestJsonWriter listed;
    private final Progress progress;
    private final byte[] buffer = new byte[BUFFER];
    private long done;
    private String previous;
    private boolean deployFolderWritten;

    BodyEntries(TarArchiveOutputStream tar, ManifestJsonWriter listed, Progress progress) {
      this.tar = tar;
      this.listed = listed;
      this.progress = progress;
    }

    void file(String name, ArchiveSource source) throws IOException {
      // What the folder and manifest logic here relies on. Names that collide when case is ignored
      // are the caller's check (checkNames, nameCheck): it needs the names' hashes, megabytes at
      // 50k files (issue #7), and the installer refuses such an archive anyway.
      if (previous != null && previous.compareTo(name) >= 0) {
        throw new IllegalArgumentException("files must come sorted and once: '" + name + "' after '" + previous + "'");
      }
      if (name.equals(ArchiveLayout.MANIFEST)) {
        throw new IllegalArgumentException("the manifest is written by the writer itself");
      }
      ArchivePaths.requireSafe(name);
      // .deploy/ is always there (the installer writes its logs in it), even with no file inside.
      if (!deployFolderWritten && DEPLOY_FOLDER.compareTo(name) < 0) {
        if (!name.startsWith(DEPLOY_FOLDER)) {
          writeFolder(tar, DEPLOY_FOLDER); // else the loop below writes it, as any file's folder
        }
        deployFolderWritten = true;
      }
      for (int slash = name.indexOf('/'); slash > 0; slash = name.indexOf('/', slash + 1)) {
        if (previous == null || !previous.regionMatches(0, name, 0, slash + 1)) {
          writeFolder(tar, name.substring(0, slash + 1));
        }
      }
      long size = source.size();
      tar.putArchiveEntry(entry(name, size, source.mode()));
      MessageDigest digest = Sha256.newDigest();
      try (InputStream in = source.open()) {
        for (int n; (n = in.read(buffer)) != -1; ) {
          digest.update(buffer, 0, n);
          tar.write(buffer, 0, n);
          done += n;
        }
      }
      // commons-compress refuses an entry whose content is shorter or longer than its header
      // says, so a file that changed while we read it fails here instead of shipping torn.
      tar.closeArchiveEntry();
      listed.add(new FileEntry(name, size, source.mode(), Sha256.hex(digest.digest())));
      progress.advanced(done);
      previous = name;
    }

    void finish() throws IOException {
      if (!deployFolderWritten) {
        writeFolder(tar, DEPLOY_FOLDER);
      }
    }
  }

  private void writeFolder(TarArchiveOutputStream tar, String name) throws IOException {
    tar.putArchiveEntry(entry(name, 0, FileEntry.MODE_EXECUTABLE));
    tar.closeArchiveEntry();
  }

  static void requireManifestFits(long size) {
    if (size > ArchiveLayout.MAX_MANIFEST_BYTES) {
      // A refusal of its own (exit 10), not an IllegalArgumentException that ended as INTERNAL (issue #20).
      throw new SlipwayException(FailureKind.PROJECT, "MANIFEST_TOO_LARGE", "the manifest would be " + size
          + " bytes, more than the " + ArchiveLayout.MAX_MANIFEST_BYTES + " (32 MiB) an installer reads", null,
          "package fewer files or shorter names: leave out what production does not need (a cache, test data, source maps)");
    }
  }

  private void writeManifestMember(OutputStream out, Path manifest) throws IOException {
    long size = Files.size(manifest);
    requireManifestFits(size);
    // Closing the gzip stream ends its Deflater, also on failure; it does not close the archive.
    try (GzipCompressorOutputStream gzip = newGzip(new NonClosingOutputStream(out))) {
      TarArchiveOutputStream tar = newTar(gzip);
      tar.putArchiveEntry(entry(ArchiveLayout.MANIFEST, size, FileEntry.MODE_FILE));
      Files.copy(manifest, tar);
      tar.closeArchiveEntry();
      // No tar.finish(): the end-of-archive blocks come at the end of the body member.
      tar.flush();
    }
  }

  private TarArchiveOutputStream newTar(OutputStream out) {
    TarArchiveOutputStream tar = new TarArchiveOutputStream(out, TAR_RECORD, "UTF-8");
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    tar.setAddPaxHeadersForNonAsciiNames(true);
    return tar;
  }

  /**
   * The body is most of the work: it is deflated in blocks on {@code threads} threads while this
   * thread reads, hashes and tar-frames the files. Same level and header as {@link #newGzip}.
   */
  private OutputStream newBodyGzip(OutputStream out) throws IOException {
    return new ParallelGzipOutputStream(
        out, Deflater.DEFAULT_COMPRESSION, ParallelGzipOutputStream.DEFAULT_BLOCK_SIZE, threads);
  }

  private static GzipCompressorOutputStream newGzip(OutputStream out) throws IOException {
    GzipParameters parameters = new GzipParameters();
    // gzip's default level, so archives are as small as `tar -czf`'s (issue #7 compares them).
    parameters.setCompressionLevel(Deflater.DEFAULT_COMPRESSION);
    parameters.setModificationTime(0);
    parameters.setFileName(null);
    // 255 = unknown: the OS byte would otherwise differ between Linux and Windows builds.
    parameters.setOperatingSystem(255);
    return new GzipCompressorOutputStream(out, parameters);
  }

  private TarArchiveEntry entry(String name, long size, int mode) {
    TarArchiveEntry entry = new TarArchiveEntry(name, true);
    boolean folder = name.endsWith("/");
    entry.setMode((folder ? 040000 : 0100000) | mode);
    entry.setSize(folder ? 0 : size);
    entry.setModTime(java.nio.file.attribute.FileTime.from(entryTime));
    entry.setUserId(0);
    entry.setGroupId(0);
    entry.setUserName("");
    entry.setGroupName("");
    return entry;
  }

  /** Lets a gzip member finish without closing the archive file it is written into. */
  private static final class NonClosingOutputStream extends java.io.FilterOutputStream {
    NonClosingOutputStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }

}
