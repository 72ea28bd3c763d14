package dev.slipway.installer.platform;

import dev.slipway.installer.layout.CurrentPointer;
import dev.slipway.installer.layout.InUseRetry;

/**
 * Windows (issue #25): {@code current} is a directory junction, a file in use is retried before
 * retention gives up on it, paths stay under {@value PathLimit#WINDOWS_LIMIT} characters unless
 * long paths are enabled, and a process tree is its descendants (no process groups).
 */
public final class WindowsPlatform implements Platform {
  private final CommandRunner runner;
  private final InUseRetry inUse;

  public WindowsPlatform(CommandRunner runner, InUseRetry inUse) {
    this.runner = runner;
    this.inUse = inUse;
  }

  @Override
  public String name() {
    return "windows";
  }

  @Override
  public CurrentPointer current() {
    return new JunctionCurrent(new CmdJunctionOps(runner));
  }

  @Override
  public InUseRetry inUse() {
    return inUse;
  }

  @Override
  public PathLimit pathLimit() throws InterruptedException {
    return PathLimit.windows(LongPaths.enabled(runner));
  }

  @Override
  public TreeStop treeStop() {
    return TreeStop.DESCENDANTS;
  }

  public CommandRunner runner() {
    return runner;
  }
}
