package dev.slipway.installer;

/** Remembers which step a run is in, so a failure is recorded with its step; calls the step hook. */
final class StepTracker {
  private Step current = Step.LOCK;

  @FunctionalInterface
  interface IoSupplier<T> {
    T get() throws java.io.IOException;
  }

  void enter(Step step, StepHook hook) {
    current = step;
    hook.reached(step);
    if (Thread.currentThread().isInterrupted()) {
      throw Abort.interrupted();
    }
  }

  <T> T enter(Step step, StepHook hook, IoSupplier<T> action) throws java.io.IOException {
    current = step;
    T value = action.get();
    hook.reached(step);
    return value;
  }

  Step current() {
    return current;
  }
}
