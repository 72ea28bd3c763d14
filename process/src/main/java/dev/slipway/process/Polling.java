package dev.slipway.process;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition by polling it until a deadline. */
public final class Polling {

  private Polling() {}

  /**
   * Polls {@code done} every {@code interval} until it holds or {@code timeout} has passed; returns
   * whether it held. Keeps waiting when interrupted and restores the interrupt flag on return: used
   * while stopping processes, which must finish even when the caller was interrupted (that is
   * usually why we are stopping).
   */
  public static boolean awaitUninterruptibly(BooleanSupplier done, Duration timeout, Duration interval) {
    long deadline = System.nanoTime() + timeout.toNanos();
    boolean interrupted = false;
    try {
      while (true) {
        if (done.getAsBoolean()) {
          return true;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        try {
          Thread.sleep(Math.max(1, Math.min(interval.toMillis(), left / 1_000_000)));
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
