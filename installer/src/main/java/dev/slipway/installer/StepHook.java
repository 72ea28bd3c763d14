package dev.slipway.installer;

import dev.slipway.installer.release.Step;
import java.util.ServiceLoader;

/**
 * Called as each step begins. Production uses {@link #NONE}; the crash tests of issue #6 freeze the
 * installer at a named step and kill it there.
 */
@FunctionalInterface
public interface StepHook {
  void reached(Step step);

  StepHook NONE = step -> {};

  /**
   * The hook a test put on the class path, else {@link #NONE}. The hook that holds at a step
   * ({@code SLIPWAY_TEST_HOLD_AT}) lives in the installer's test classes and is registered there as
   * a service; the shipped jar (run with {@code -jar}, its class path is itself) holds no
   * implementation, so no environment variable can make a production install hang holding the
   * lock (issue #20). An environment variable check or a system property would have stayed
   * reachable through the environment ({@code JAVA_TOOL_OPTIONS}, {@code SLIPWAY_JAVA_OPTS}).
   */
  static StepHook installed() {
    return ServiceLoader.load(StepHook.class, StepHook.class.getClassLoader()).findFirst().orElse(NONE);
  }
}
