package dev.slipway.installer;

/**
 * Called as each step begins. Production uses {@link #NONE}; the crash tests of issue #6 use
 * {@link #fromEnvironment()} to freeze the installer at a named step and kill it there.
 */
@FunctionalInterface
public interface StepHook {
  void reached(Step step);

  StepHook NONE = step -> {};

  /**
   * {@code SLIPWAY_TEST_HOLD_AT=npm} prints {@code slipway-test: holding at npm} on stderr and
   * blocks until the process is killed. Test seam only; documented in docs/RELIABILITY.md.
   */
  static StepHook fromEnvironment() {
    String holdAt = System.getenv("SLIPWAY_TEST_HOLD_AT");
    if (holdAt == null || holdAt.isBlank()) {
      return NONE;
    }
    return step -> {
      if (step.label().equals(holdAt.strip())) {
        System.err.println("slipway-test: holding at " + step.label());
        System.err.flush();
        Object forever = new Object();
        synchronized (forever) {
          while (true) {
            try {
              forever.wait();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return;
            }
          }
        }
      }
    };
  }
}
