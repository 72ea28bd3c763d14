package dev.slipway.installer;

import dev.slipway.installer.layout.FileTrees;
import java.io.IOException;
import java.nio.file.Path;

/** Removes a staging folder; never throws, so it cannot hide the failure that made it necessary. */
final class Staging {
  private Staging() {}

  static void remove(Path staging) {
    try {
      FileTrees.deleteRecursively(staging);
    } catch (IOException | RuntimeException e) {
      System.err.println("warning: could not remove " + staging + " (" + e.getMessage() + "); the next run removes it");
    }
  }
}
