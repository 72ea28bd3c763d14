package dev.slipway.installer.release;

import dev.slipway.installer.StepHook;

/** Remembers which step a run is in, so a failure is recorded with its step; calls the step hook. */
final class StepTracker {
  private Step current = Step.LOCK;

  @FunctionalInterface
  public interface IoSupplier<T> {
    T get() throws java.io.IOException;
  }

  public void enter(Step step, StepHook hook) {
    current = step;
    hook.reached(step);
    if (Thread.currentThread().isInterrupted()) {
      throw Abort.interrupted();
    }
  }

  public <T> T enter(Step step, StepHook hook, IoSupplier<T> action) throws java.io.IOException {
    current = step;
    T value = action.get();
    hook.reached(step);
    return value;
  }

  public Step current() {
    return current;
  }
}
