package dev.slipway.installer.cli;

import dev.slipway.installer.release.Abort;

/**
 * Turns SIGINT / SIGTERM into an orderly abort (issue #6): record the signal and interrupt the
 * working thread, whose finally blocks stop children, remove staging and release the lock. The
 * JVM's default would run shutdown hooks and exit at once, racing that cleanup. If the command has
 * not returned 30 s later, exit anyway.
 */
final class Signals {
  private static final long GRACE_MILLIS = 30_000;

  private Signals() {}

  @SuppressWarnings("restriction")
  static void install(Abort abort, Thread worker) {
    for (String name : new String[] {"INT", "TERM"}) {
      try {
        sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> {
          abort.signalled(name);
          worker.interrupt();
          Thread watchdog = new Thread(() -> {
            try {
              Thread.sleep(GRACE_MILLIS);
            } catch (InterruptedException e) {
              return;
            }
            Runtime.getRuntime().halt("INT".equals(name) ? 130 : 143);
          }, "slipway-abort-watchdog");
          watchdog.setDaemon(true);
          watchdog.start();
        });
      } catch (IllegalArgumentException | UnsupportedOperationException e) {
        // Not available on this platform (e.g. TERM on some Windows JVMs): the default applies.
      }
    }
  }
}
