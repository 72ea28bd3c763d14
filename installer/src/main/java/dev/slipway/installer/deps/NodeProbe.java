package dev.slipway.installer.deps;

import dev.slipway.installer.preflight.NodeRuntime;
import dev.slipway.installer.release.Abort;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * The host's node, asked in the background from the moment an install holds the lock (issue #18:
 * asked in line, {@code node -p} held up unpacking a standalone release for about 0.1 s). Its
 * answer, or its refusal ({@code NODE_NOT_FOUND}, {@code NODE_UNUSABLE}), is given where it is
 * needed, by {@link #join()}, so a failure is still reported in the step that needs node.
 *
 * <p>{@link #close()} is the guarantee: whatever ends the install (a refusal before the join, a
 * time-out, a signal, which interrupts the working thread), the probe's thread is interrupted and
 * waited for, and {@code CapturedCommand} stops node's whole process tree when it is interrupted.
 * So no node outlives the step that started it.
 */
public final class NodeProbe implements AutoCloseable {
  /** Far beyond the probe's own 20 s time-out plus the tree's stop grace: close never hangs an install. */
  private static final Duration CLOSE_BOUND = Duration.ofSeconds(60);

  private final FutureTask<NodeRuntime> task;
  private final Thread thread;

  private NodeProbe(String node) {
    this.task = new FutureTask<>(() -> NodeRuntime.probe(node));
    this.thread = new Thread(task, "slipway-node-probe");
    thread.setDaemon(true);
  }

  /** Starts asking {@code node} (a name on the PATH or a full path) on a thread of its own. */
  public static NodeProbe start(String node) {
    NodeProbe probe = new NodeProbe(node);
    probe.thread.start();
    return probe;
  }

  /**
   * Node's answer, waiting for it if need be.
   *
   * @throws dev.slipway.format.SlipwayException the probe's refusal, as {@link NodeRuntime#probe} throws it
   * @throws InterruptedException if this thread is interrupted while waiting (the install's abort)
   */
  public NodeRuntime join() throws InterruptedException {
    try {
      return task.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r; // a SlipwayException: the same refusal the probe in line gave
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw Abort.interrupted(); // the probe itself was interrupted: only close() does that
    } catch (CancellationException e) {
      throw Abort.interrupted();
    }
  }

  /**
   * Stops the probe if it still runs and waits until its thread, and so node's tree, is gone. Keeps
   * this thread's interrupt flag as it was: an aborted install closes it on the way out.
   */
  @Override
  public void close() {
    task.cancel(true);
    boolean interrupted = false;
    long deadline = System.nanoTime() + CLOSE_BOUND.toNanos();
    while (thread.isAlive() && System.nanoTime() < deadline) {
      try {
        thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
