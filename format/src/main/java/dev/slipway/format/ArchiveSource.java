package dev.slipway.format;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/** Where the bytes of one archive file come from: a file on disk, or content we generated. */
public sealed interface ArchiveSource {
  long size() throws IOException;

  /** 0644 or 0755; nothing else ever enters an archive. */
  int mode();

  InputStream open() throws IOException;

  static ArchiveSource file(Path path, boolean executable) {
    return new FromFile(path, executable ? FileEntry.MODE_EXECUTABLE : FileEntry.MODE_FILE);
  }

  /**
   * The file {@code relative} inside {@code folder}. Holds the folder (one shared {@link Path}) and
   * the relative name (usually the archive name itself) rather than a {@link Path} a file: a Path
   * is about 200 bytes, 10 MB for a build of 50k files (issue #7: the packager's memory).
   */
  static ArchiveSource fileIn(Path folder, String relative, boolean executable) {
    return new InFolder(folder, relative, executable ? FileEntry.MODE_EXECUTABLE : FileEntry.MODE_FILE);
  }

  static ArchiveSource bytes(byte[] content) {
    return new FromBytes(content, FileEntry.MODE_FILE);
  }

  record FromFile(Path path, int mode) implements ArchiveSource {
    public FromFile {
      Objects.requireNonNull(path, "path");
    }

    @Override
    public long size() throws IOException {
      return Files.size(path);
    }

    @Override
    public InputStream open() throws IOException {
      return Files.newInputStream(path);
    }
  }

  record InFolder(Path folder, String relative, int mode) implements ArchiveSource {
    public InFolder {
      Objects.requireNonNull(folder, "folder");
      Objects.requireNonNull(relative, "relative");
    }

    public Path path() {
      return folder.resolve(relative);
    }

    @Override
    public long size() throws IOException {
      return Files.size(path());
    }

    @Override
    public InputStream open() throws IOException {
      return Files.newInputStream(path());
    }
  }

  record FromBytes(byte[] content, int mode) implements ArchiveSource {
    public FromBytes {
      content = content.clone();
    }

    @Override
    public long size() {
      return content.length;
    }

    @Override
    public InputStream open() {
      return new ByteArrayInputStream(content);
    }
  }
}
