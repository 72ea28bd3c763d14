package dev.slipway.installer.release;

import dev.slipway.format.SlipwayException;
import dev.slipway.installer.env.Redactor;
import dev.slipway.installer.layout.ReleaseRoot;
import dev.slipway.installer.layout.StateFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A refused attempt's logs (npm-ci.log, smoke.log) outlive its staging folder: they move to
 * ROOT/.slipway/failed/&lt;attempt&gt;/ so the operator can read them after the refusal.
 */
final class FailedLogs {
  private FailedLogs() {}

  /** Moves the logs, redacting them with {@code redactor} on the way (folder 0700, files 0600: issue #20). */
  public static SlipwayException keep(
      ReleaseRoot root, Path staging, String releaseId, SlipwayException failure, Redactor redactor) {
    if (staging == null) {
      return failure;
    }
    Path logs = KeptLogs.dirOf(staging);
    if (!Files.isDirectory(logs)) {
      return failure;
    }
    String attempt = releaseId != null ? releaseId : staging.getFileName().toString().replaceFirst("^\\.", "");
    Path kept = root.stateDir().resolve("failed").resolve(attempt);
    try {
      // Redacted while still in staging: if that fails, the staging folder goes, and no
      // unredacted copy is kept.
      KeptLogs.redact(logs, redactor);
      StateFiles.privateFolder(kept.getParent());
      StateFiles.refuseLink(kept);
      Files.move(logs, kept);
      System.err.println("note: logs of this attempt are kept in " + kept);
    } catch (IOException | SlipwayException e) {
      // Not worth hiding the failure for (a planted link among the kept logs included).
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
    return Redactor.rewrite(failure, text -> text == null ? null : text.replace(old, now));
  }
}
