package dev.slipway.format;

import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The few things every worker pool of Slipway needs (the parallel gzip writer, the unpack's file
 * checks, the packager's background reads): daemon threads with readable names, an end that waits
 * for the workers whatever interrupts arrive, and a worker's failure rethrown as it was thrown.
 */
public final class WorkerThreads {
  private WorkerThreads() {}

  /** A fixed pool of daemon threads named {@code name-1}, {@code name-2}, ... */
  public static ExecutorService pool(int threads, String name) {
    AtomicInteger number = new AtomicInteger();
    return Executors.newFixedThreadPool(Math.max(1, threads), task -> {
      Thread thread = new Thread(task, name + "-" + number.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
  }

  /**
   * Waits until every worker has stopped, even when this thread is interrupted meanwhile (the
   * interrupt is kept for the caller): a worker still running may be writing into a file or a
   * buffer the caller is about to delete or free.
   */
  public static void awaitStopped(ExecutorService pool) {
    boolean interrupted = false;
    while (true) {
      try {
        if (pool.awaitTermination(1, TimeUnit.MINUTES)) {
          break;
        }
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * A worker's failure as the caller should see it: unchecked ones and errors are thrown as they
   * are, an IOException is returned for the caller to throw, anything else is wrapped in one.
   */
  public static IOException rethrown(Throwable failure) {
    if (failure instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (failure instanceof Error error) {
      throw error;
    }
    return failure instanceof IOException io ? io : new IOException(failure);
  }
}
