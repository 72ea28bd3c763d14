package dev.slipway.installer.process;

import dev.slipway.process.ProcessTree;
import dev.slipway.format.FailureKind;
import dev.slipway.format.SlipwayException;
import java.time.Duration;

/**
 * A started tree that is in the {@link ChildRegistry} for as long as this is open; {@link #close()}
 * stops it and then forgets it.
 *
 * <p>Used with try-with-resources, so the tree is stopped on every way out, and a failure to stop
 * it is attached to (never replaces) the exception that ended the block.
 */
final class RegisteredTree implements AutoCloseable {

  private final ProcessTree tree;
  private final ChildRegistry registry;
  private final Duration grace;
  private final FailureKind kind;

  private RegisteredTree(
      ProcessTree tree, ChildRegistry registry, Duration grace, FailureKind kind) {
    this.tree = tree;
    this.registry = registry;
    this.grace = grace;
    this.kind = kind;
  }

  /**
   * Registers {@code tree}; if that fails, stops it before passing the failure on.
   *
   * @param kind the failure kind reported if the tree cannot be stopped
   */
  static RegisteredTree register(
      ProcessTree tree, ChildRegistry registry, Duration grace, FailureKind kind) {
    try {
      registry.register(tree);
    } catch (RuntimeException e) {
      try {
        tree.stopTree(grace);
      } catch (RuntimeException stopFailure) {
        e.addSuppressed(stopFailure);
      }
      throw e;
    }
    return new RegisteredTree(tree, registry, grace, kind);
  }

  /**
   * Stops the tree, then removes it from the registry. A tree that could not be stopped stays
   * registered, so that the next run tries again.
   */
  @Override
  public void close() {
    try {
      tree.stopTree(grace);
    } catch (IllegalStateException e) {
      throw new SlipwayException(
          kind,
          "PROCESS_STOP_FAILED",
          "`"
              + tree.commandSummary()
              + "` could not be stopped; stop the processes named below before deploying again",
          e.getMessage(),
          "they are recorded in " + registry.file() + " and the next installer run stops them too");
    }
    registry.unregister(tree);
  }
}
