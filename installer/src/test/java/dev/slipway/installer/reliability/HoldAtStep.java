package dev.slipway.installer.reliability;

import dev.slipway.installer.release.Step;
import dev.slipway.installer.StepHook;

/**
 * The crash tests' seam (issue #6): with {@code SLIPWAY_TEST_HOLD_AT=npm}, prints
 * {@code slipway-test: holding at npm} on stderr and blocks until the process is killed. Test code
 * only, registered as a {@link StepHook} service in the test resources: {@link Cli} puts the test
 * classes on the installer's class path, the shipped jar never sees this class (issue #20).
 */
public final class HoldAtStep implements StepHook {
  private final String holdAt = System.getenv().getOrDefault("SLIPWAY_TEST_HOLD_AT", "").strip();

  @Override
  public void reached(Step step) {
    if (holdAt.isEmpty() || !step.label().equals(holdAt)) {
      return;
    }
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
}
