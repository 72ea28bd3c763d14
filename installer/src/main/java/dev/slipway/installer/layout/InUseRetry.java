package dev.slipway.installer.layout;

import java.io.IOException;

/**
 * How a file operation that may meet a file in use is attempted (issue #25, item 5). On Linux a
 * file in use can be renamed and deleted, so an operation is tried once ({@link #ONCE}); on
 * Windows a file {@code node.exe}, an antivirus scanner or the indexer holds open refuses both,
 * often for an instant, and the Windows implementation tries again before giving up ({@code
 * platform.WindowsInUseRetry}). What gives up in the end is retention's to report: a warning, and
 * the next install tries again.
 */
@FunctionalInterface
public interface InUseRetry {

  /** One file operation. */
  @FunctionalInterface
  interface Operation {
    void run() throws IOException;
  }

  /** Tries once: Linux. */
  InUseRetry ONCE = Operation::run;

  void attempt(Operation operation) throws IOException;
}
