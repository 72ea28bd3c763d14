package dev.slipway.installer.release;

import dev.slipway.format.FailureKind;
import dev.slipway.format.SlipwayException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Ctrl-C and SIGTERM during a run (issue #6): the signal handler records which signal came and
 * interrupts the working thread; the engine notices at its next blocking call or step boundary,
 * stops its children, removes staging, releases the lock, and the CLI exits 130 or 143.
 */
public final class Abort {
  private final AtomicReference<String> signal = new AtomicReference<>();

  /** The signal that aborted this run ("INT" or "TERM"), if any. */
  public String signal() {
    return signal.get();
  }

  public void signalled(String name) {
    signal.compareAndSet(null, name);
  }

  public static SlipwayException interrupted() {
    return new SlipwayException(
        FailureKind.INTERRUPTED_TERM, "ABORTED", "the run was interrupted; current and every release are unchanged",
        null, "run the same command again");
  }

  /**
   * Whether {@code e}, escaping an engine, is how a signal surfaced: the working thread is still
   * interrupted, or an interruptible channel was closed by the interrupt (a read or write during
   * unpack: {@code ClosedByInterruptException}).
   */
  public static boolean bySignal(Throwable e) {
    if (Thread.currentThread().isInterrupted()) {
      return true;
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.nio.channels.ClosedByInterruptException || t instanceof java.io.InterruptedIOException) {
        return true;
      }
    }
    return false;
  }

  /**
   * The exception to report for this run's signal: the engine's own abort message when it has one
   * (it knows, say, that the switch already happened), with the signal's exit code.
   */
  public SlipwayException asFailure(Exception thrown) {
    if (thrown instanceof SlipwayException s
        && (s.kind() == FailureKind.INTERRUPTED_INT || s.kind() == FailureKind.INTERRUPTED_TERM)
        && !"ABORTED".equals(s.causeCode())) {
      return new SlipwayException(kind(), s.causeCode(), s.getMessage(), s.evidence(), s.fix());
    }
    return asFailure();
  }

  private FailureKind kind() {
    return "INT".equals(signal.get()) ? FailureKind.INTERRUPTED_INT : FailureKind.INTERRUPTED_TERM;
  }

  /** The exception to report for this run's signal. */
  public SlipwayException asFailure() {
    boolean ctrlC = "INT".equals(signal.get());
    return new SlipwayException(
        ctrlC ? FailureKind.INTERRUPTED_INT : FailureKind.INTERRUPTED_TERM,
        "ABORTED",
        "aborted by SIG" + (signal.get() == null ? "TERM" : signal.get())
            + ": children stopped, staging removed",
        null,
        "`installer list --root ROOT` shows which release is live; run the same command again");
  }
}
