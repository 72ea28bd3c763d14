package dev.slipway.installer;

import dev.slipway.format.SlipwayException;
import dev.slipway.installer.layout.ReleaseRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A refused attempt's logs (npm-ci.log, smoke.log) outlive its staging folder: they move to
 * ROOT/.slipway/failed/&lt;attempt&gt;/ so the operator can read them after the refusal.
 */
final class FailedLogs {
  private FailedLogs() {}

  static SlipwayException keep(ReleaseRoot root, Path staging, String releaseId, SlipwayException failure) {
    if (staging == null) {
      return failure;
    }
    Path logs = Installer.logsDir(staging);
    if (!Files.isDirectory(logs)) {
      return failure;
    }
    String attempt = releaseId != null ? releaseId : staging.getFileName().toString().replaceFirst("^\\.", "");
    Path kept = root.stateDir().resolve("failed").resolve(attempt);
    try {
      Files.createDirectories(kept.getParent());
      Files.move(logs, kept);
      System.err.println("note: logs of this attempt are kept in " + kept);
    } catch (IOException e) {
      // Not worth hiding the failure for.
    }
    return failure;
  }
}
