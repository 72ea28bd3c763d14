package dev.slipway.installer.platform;

import dev.slipway.installer.layout.ReleaseRoot;
import java.io.IOException;

/**
 * How {@code ROOT/current} is made to name a release (issue #25, item 1): a symbolic link renamed
 * over the old one on Linux ({@link dev.slipway.installer.layout.CurrentLink}), a directory
 * junction on Windows ({@link JunctionCurrent}), which needs no privilege where a symbolic link
 * needs "Create symbolic links" or Developer Mode. Reading it is the same on both
 * ({@code CurrentLink.liveReleaseId} understands a junction).
 */
@FunctionalInterface
public interface CurrentPointer {

  /** Call while holding the root's lock. */
  void switchTo(ReleaseRoot root, String releaseId) throws IOException;
}
