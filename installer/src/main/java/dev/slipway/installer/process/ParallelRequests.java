package dev.slipway.installer.process;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Requests to a started release, a few at a time, whose outcomes are taken in the order the paths
 * were given (issue #18: install time). The smoke start asks a build's routes this way once its
 * index has answered: what it reports, and the first failure it names, follow the routes' order
 * whatever order the answers come in. Closing it abandons what is not taken yet.
 *
 * @param <T> one request's outcome
 */
final class ParallelRequests<T> implements AutoCloseable {
  /** At most this many requests at once: enough to overlap a few slow pages, few enough for any server. */
  static final int AT_ONCE = 4;

  /** One request; its failure to get an answer is part of its outcome, not an exception. */
  @FunctionalInterface
  interface Request<T> {
    T ask(String path) throws InterruptedException;
  }

  private final ExecutorService pool;
  private final List<Future<T>> outcomes;
  private int taken;

  private ParallelRequests(ExecutorService pool, List<Future<T>> outcomes) {
    this.pool = pool;
    this.outcomes = outcomes;
  }

  /** Starts asking {@code paths}, in their order, at most {@link #AT_ONCE} at a time. */
  static <T> ParallelRequests<T> start(List<String> paths, Request<T> request) {
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(AT_ONCE, paths.size())), task -> {
      Thread thread = new Thread(task, "slipway-smoke-request");
      thread.setDaemon(true);
      return thread;
    });
    return new ParallelRequests<>(pool, paths.stream().map(path -> pool.submit(() -> request.ask(path))).toList());
  }

  /** The outcome of the next path in order, waiting for it if need be. */
  T next() throws InterruptedException {
    try {
      return outcomes.get(taken++).get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException("a request failed unexpectedly", e.getCause());
    }
  }

  /** Stops what still runs: the smoke start is decided, or it was interrupted. */
  @Override
  public void close() {
    pool.shutdownNow();
  }
}
