package dev.slipway.format;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * Where {@link SafeArchiveReader} puts what it has checked: a staging folder ({@link #folder}) or
 * nowhere ({@link #nowhere}, for {@code installer verify}, which checks every byte and writes none).
 * A name reaches a target only after the reader has found it safe. Targets are called from several
 * threads at once (the reader checks and writes small files in parallel), never twice for one name.
 */
public interface UnpackTarget {
  void createFolder(String name) throws IOException;

  /** A new file; refuses (DUPLICATE_ENTRY) one that already exists. */
  OutputStream createFile(String name) throws IOException;

  /** Called once the file's content has matched the manifest. */
  void markExecutable(String name) throws IOException;

  /** Checks everything, keeps nothing: no file is written, no space is needed. */
  static UnpackTarget nowhere() {
    return new UnpackTarget() {
      @Override
      public void createFolder(String name) {}

      @Override
      public OutputStream createFile(String name) {
        return OutputStream.nullOutputStream();
      }

      @Override
      public void markExecutable(String name) {}
    };
  }

  /** Writes into {@code staging}, which must exist; never outside it. */
  static UnpackTarget folder(Path staging) {
    return new StagingFolder(staging);
  }
}
