package dev.slipway.format;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Where {@link SafeArchiveReader} puts what it has checked: a staging folder ({@link #folder}) or
 * nowhere ({@link #nowhere}, for {@code installer verify}, which checks every byte and writes none).
 * A name reaches a target only after the reader has found it safe, and a file's content only after
 * it matched the manifest ({@link #writeFile}) or while it is being checked ({@link #createFile},
 * for files too large to hold).
 */
public interface UnpackTarget extends Closeable {
  void createFolder(String name) throws IOException;

  /** A new file, streamed; refuses (DUPLICATE_ENTRY) one that already exists. */
  OutputStream createFile(String name) throws IOException;

  /**
   * A new file whose whole, already checked content is {@code content[0, length)}; the target may
   * write it later, on another thread ({@link #finish} waits). The target owns {@code content} now.
   */
  void writeFile(String name, byte[] content, int length, boolean executable) throws IOException;

  /** Called once a streamed file's content has matched the manifest. */
  void markExecutable(String name) throws IOException;

  /** Waits until everything handed over is written; throws the first failure. */
  void finish() throws IOException;

  /** Stops writing (what is pending is dropped) and returns only when nothing writes any more. */
  @Override
  void close() throws IOException;

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
      public void writeFile(String name, byte[] content, int length, boolean executable) {}

      @Override
      public void markExecutable(String name) {}

      @Override
      public void finish() {}

      @Override
      public void close() {}
    };
  }

  /** Writes into {@code staging}, which must exist, on {@code writers} threads; never outside it. */
  static UnpackTarget folder(java.nio.file.Path staging, int writers) {
    return new StagingFolder(staging, writers);
  }
}
