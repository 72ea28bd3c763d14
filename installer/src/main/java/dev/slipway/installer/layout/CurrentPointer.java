package dev.slipway.installer.layout;

import java.io.IOException;

/**
 * How {@code ROOT/current} is made to name a release (issue #25, item 1): a symbolic link renamed
 * over the old one on Linux ({@link CurrentLink#switchTo}), a directory junction on Windows
 * ({@code platform.JunctionCurrent}), which needs no privilege where a symbolic link
 * needs "Create symbolic links" or Developer Mode. Reading it is the same on both
 * ({@link CurrentLink#liveReleaseId} understands a junction).
 */
@FunctionalInterface
public interface CurrentPointer {

  /** Call while holding the root's lock. */
  void switchTo(ReleaseRoot root, String releaseId) throws IOException;
}
