package dev.slipway.format;

import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Checks small files against the manifest and writes them to the target on a few threads, while
 * the reader's thread inflates and frames the next ones (issue #7). On one thread, inflating,
 * hashing and creating files take turns, as in {@code tar -x}; creating a file costs the kernel
 * more than inflating it, so the second core sat idle.
 *
 * <p>Each file is hashed before it is marked executable, and nothing in staging is used before the
 * reader returns, which it does only after {@link #finish} has seen every check pass. What waits is
 * bounded ({@link #MAX_PENDING} files of at most {@link SafeArchiveReader#SMALL_FILE} bytes), so
 * memory stays flat. The first failure (a refusal, a full disk) is thrown by the next {@link
 * #submit} or by {@link #finish}; {@link #close} returns only when no thread writes any more, so the
 * caller may delete staging right after.
 */
final class ParallelFileChecks implements Closeable {
  static final int MAX_PENDING = 64;

  private final UnpackTarget target;
  private final ExecutorService threads;
  private final Semaphore pending = new Semaphore(MAX_PENDING);
  private final AtomicReference<Throwable> failure = new AtomicReference<>();

  ParallelFileChecks(UnpackTarget target, int threadCount) {
    this.target = target;
    this.threads = WorkerThreads.pool(threadCount, "slipway-unpack");
  }

  /**
   * Hands over a whole file: its first {@code expected.size()} bytes in {@code content}, which
   * belongs to this class from now on.
   */
  void submit(ListedFile expected, byte[] content) throws IOException {
    rethrowFailure();
    try {
      pending.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while unpacking " + expected.path());
    }
    threads.execute(() -> {
      try {
        if (failure.get() == null) {
          checkAndWrite(expected, content);
        }
      } catch (Throwable e) {
        failure.compareAndSet(null, e);
      } finally {
        pending.release();
      }
    });
  }

  private void checkAndWrite(ListedFile expected, byte[] content) throws IOException {
    int size = (int) expected.size();
    MessageDigest digest = Sha256.newDigest();
    digest.update(content, 0, size);
    EntryContent.checkHash(expected, digest, null);
    try (OutputStream out = target.createFile(expected.path())) {
      out.write(content, 0, size);
    }
    if (expected.executable()) {
      target.markExecutable(expected.path());
    }
  }

  /** Waits for every file handed over; throws the first failure. */
  void finish() throws IOException {
    try {
      pending.acquire(MAX_PENDING);
      pending.release(MAX_PENDING);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while unpacking");
    }
    rethrowFailure();
  }

  /** Drops what is pending and waits until no thread writes any more. */
  @Override
  public void close() {
    threads.shutdownNow();
    WorkerThreads.awaitStopped(threads);
  }

  private void rethrowFailure() throws IOException {
    Throwable first = failure.get();
    if (first != null) {
      throw WorkerThreads.rethrown(first);
    }
  }
}
