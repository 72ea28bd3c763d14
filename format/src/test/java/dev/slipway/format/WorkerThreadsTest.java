package dev.slipway.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class WorkerThreadsTest {
  @Test
  void aWorkersFailureReachesTheCallerAsItWasThrown() {
    IOException io = new IOException("disk");
    assertThat(WorkerThreads.rethrown(io)).isSameAs(io);
    IllegalStateException runtime = new IllegalStateException("bug");
    assertThatThrownBy(() -> WorkerThreads.rethrown(runtime)).isSameAs(runtime);
    Exception checked = new Exception("other");
    assertThat(WorkerThreads.rethrown(checked)).isInstanceOf(IOException.class).hasCause(checked);
  }

  @Test
  void awaitStoppedReturnsOnlyAfterTheWorkersAndKeepsTheInterrupt() throws Exception {
    ExecutorService pool = WorkerThreads.pool(1, "test-worker");
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean finished = new AtomicBoolean();
    pool.execute(() -> {
      started.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      finished.set(true);
    });
    started.await();
    pool.shutdown();
    Thread.currentThread().interrupt();
    new Thread(release::countDown).start();

    WorkerThreads.awaitStopped(pool);

    assertThat(finished).isTrue();
    assertThat(Thread.interrupted()).as("the caller's interrupt is kept").isTrue();
  }
}
