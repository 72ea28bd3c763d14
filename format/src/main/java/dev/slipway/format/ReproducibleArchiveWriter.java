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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
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

  public record Result(Path archive, String sha256, long size, List<FileEntry> files) {}

  /**
   * @param target the archive to write; replaced atomically only when complete
   * @param sources every file except the manifest, by archive path
   * @param manifestFor builds the manifest's bytes from the hashed file list
   */
  public Result write(
      Path target,
      SortedMap<String, ArchiveSource> sources,
      Function<List<FileEntry>, byte[]> manifestFor,
      Progress progress)
      throws IOException {
    if (sources.containsKey(ArchiveLayout.MANIFEST)) {
      throw new IllegalArgumentException("the manifest is written by the writer itself");
    }
    sources.keySet().forEach(ArchivePaths::requireSafe);
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path body = Files.createTempFile(dir, "." + target.getFileName() + ".", ".body");
    Path partial = Files.createTempFile(dir, "." + target.getFileName() + ".", ".partial");
    try {
      List<FileEntry> files = writeBody(body, sources, progress);
      byte[] manifest = manifestFor.apply(files);
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
      return new Result(target, Sha256.hex(digest.digest()), Files.size(target), files);
    } finally {
      Files.deleteIfExists(body);
      Files.deleteIfExists(partial);
    }
  }

  private List<FileEntry> writeBody(Path body, SortedMap<String, ArchiveSource> sources, Progress progress)
      throws IOException {
    List<FileEntry> files = new ArrayList<>(sources.size());
    SortedSet<String> folders = foldersOf(sources.keySet());
    // Folders and files in one sorted sequence, so a folder always precedes its content.
    SortedSet<String> names = new TreeSet<>(sources.keySet());
    folders.forEach(folder -> names.add(folder + "/"));
    byte[] buffer = new byte[BUFFER];
    long done = 0;
    try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(body), BUFFER);
        TarArchiveOutputStream tar = newTar(newBodyGzip(file))) {
      for (String name : names) {
        if (name.endsWith("/")) {
          tar.putArchiveEntry(entry(name, 0, FileEntry.MODE_EXECUTABLE));
          tar.closeArchiveEntry();
          continue;
        }
        ArchiveSource source = sources.get(name);
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
        files.add(new FileEntry(name, size, source.mode(), Sha256.hex(digest.digest())));
        progress.advanced(done);
      }
      tar.finish();
    }
    return files;
  }

  private void writeManifestMember(OutputStream out, byte[] manifest) throws IOException {
    GzipCompressorOutputStream gzip = newGzip(new NonClosingOutputStream(out));
    TarArchiveOutputStream tar = newTar(gzip);
    tar.putArchiveEntry(entry(ArchiveLayout.MANIFEST, manifest.length, FileEntry.MODE_FILE));
    tar.write(manifest);
    tar.closeArchiveEntry();
    // No tar.finish(): the end-of-archive blocks come at the end of the body member.
    tar.flush();
    gzip.close();
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

  static SortedSet<String> foldersOf(Iterable<String> paths) {
    SortedSet<String> folders = new TreeSet<>();
    for (String path : paths) {
      for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
        folders.add(path.substring(0, slash));
      }
    }
    folders.add(ArchiveLayout.DEPLOY_DIR);
    return folders;
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
