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
