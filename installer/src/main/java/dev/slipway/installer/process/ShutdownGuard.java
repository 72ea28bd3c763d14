package dev.slipway.installer.process;

import dev.slipway.process.ProcessTree;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stops the process trees the caller tracks when the JVM shuts down: on SIGTERM (systemd stop,
 * {@code docker stop}), SIGINT (Ctrl-C) or SIGHUP, the JVM runs its shutdown hooks ({@link
 * Runtime#addShutdownHook}), but it never stops child processes on its own, and a tree started
 * through setsid does not even get the terminal's SIGINT. SIGKILL runs no hook; for that case see
 * {@link ChildRegistry#reapLeftovers()}.
 *
 * <p>The caller owns the guard: {@link #install} it, then either {@link #track} each tree after
 * starting it and {@link #untrack} it after stopping it, or hand the guard to a {@link
 * ChildRegistry}, which tracks what it registers (that covers the trees {@link SmokeStart} and
 * {@link NpmCi} start); {@link #close} it when done.
 */
public final class ShutdownGuard implements AutoCloseable {

  private final Duration grace;
  private final Set<ProcessTree> trees = ConcurrentHashMap.newKeySet();
  private final Thread hook = new Thread(this::stopAll, "slipway-shutdown-guard");

  private ShutdownGuard(Duration grace) {
    this.grace = Objects.requireNonNull(grace, "grace");
  }

  /**
   * Creates a guard and registers its shutdown hook. Keep {@code grace} short: service managers
   * SIGKILL a JVM that does not exit in time (systemd after 90 s, docker after 10 s by default).
   */
  public static ShutdownGuard install(Duration grace) {
    ShutdownGuard guard = new ShutdownGuard(grace);
    Runtime.getRuntime().addShutdownHook(guard.hook);
    return guard;
  }

  /** A guard without a hook: {@link #stopAll()} is called by the test. */
  static ShutdownGuard notInstalled(Duration grace) {
    return new ShutdownGuard(grace);
  }

  public void track(ProcessTree tree) {
    trees.add(Objects.requireNonNull(tree, "tree"));
  }

  public void untrack(ProcessTree tree) {
    trees.remove(tree);
  }

  /** What the hook does: stops every tracked tree; one failure does not spare the others. */
  void stopAll() {
    List<ProcessTree> snapshot = new ArrayList<>(trees);
    for (ProcessTree tree : snapshot) {
      try {
        tree.stopTree(grace);
        trees.remove(tree);
      } catch (RuntimeException e) {
        // Nothing left to report to in a dying JVM but stderr; the registry still lists the tree.
        System.err.println("warning: could not stop " + tree + ": " + e.getMessage());
      }
    }
  }

  /** Removes the hook; tracked trees are left as they are. */
  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or about to; it will do its job
    }
  }
}
