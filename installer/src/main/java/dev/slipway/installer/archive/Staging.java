package dev.slipway.installer.archive;

import dev.slipway.installer.layout.FileTrees;
import dev.slipway.installer.process.StrayProcesses;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/** Removes a staging folder; never throws, so it cannot hide the failure that made it necessary. */
public final class Staging {
  private Staging() {}

  public static void remove(Path staging) {
    // A process npm ci or the smoke-start left rooted in staging (detached, no owner mark) would
    // run on in a deleted folder (issue #20): stop it first.
    StrayProcesses.stopAllInside(staging, Duration.ofSeconds(2))
        .forEach(p -> System.err.println("warning: stopped " + p + ", left running in " + staging.getFileName()));
    try {
      FileTrees.deleteRecursively(staging);
    } catch (IOException | RuntimeException e) {
      System.err.println("warning: could not remove " + staging + " (" + e.getMessage() + "); the next run removes it");
    }
  }
}
