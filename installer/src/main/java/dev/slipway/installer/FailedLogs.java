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
      return failure;
    }
    return pointedAt(failure, logs, kept);
  }

  /**
   * The failure with every mention of the staging logs folder replaced by the kept one: npm ci's
   * and the smoke-start's messages name their log while it is still in staging, which is gone by
   * the time the operator reads them (issue #17).
   */
  static SlipwayException pointedAt(SlipwayException failure, Path from, Path to) {
    String old = from.toString();
    String now = to.toString();
    SlipwayException moved = new SlipwayException(failure.kind(), failure.causeCode(), replace(failure.getMessage(), old, now),
        replace(failure.evidence(), old, now), replace(failure.fix(), old, now));
    if (failure.getCause() != null) {
      moved.initCause(failure.getCause());
    }
    moved.setStackTrace(failure.getStackTrace());
    return moved;
  }

  private static String replace(String text, String from, String to) {
    return text == null ? null : text.replace(from, to);
  }
}
