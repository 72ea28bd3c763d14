package dev.slipway.installer.platform;

import dev.slipway.installer.layout.CurrentLink;
import dev.slipway.installer.layout.CurrentPointer;
import dev.slipway.installer.layout.InUseRetry;

/** Linux (and other Unix), as before issue #25: every part is the behaviour the suite proves. */
public final class LinuxPlatform implements Platform {

  @Override
  public String name() {
    return "linux";
  }

  /** A symbolic link created under a temporary name and renamed over {@code current} (rename(2)). */
  @Override
  public CurrentPointer current() {
    return CurrentLink::switchTo;
  }

  /** An open file can be renamed and deleted on Unix: one attempt. */
  @Override
  public InUseRetry inUse() {
    return InUseRetry.ONCE;
  }

  @Override
  public PathLimit pathLimit() {
    return PathLimit.NONE;
  }

  @Override
  public TreeStop treeStop() {
    return TreeStop.GROUP_AND_DESCENDANTS;
  }
}
