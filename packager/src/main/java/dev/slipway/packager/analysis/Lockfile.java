package dev.slipway.packager.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;

/** The project's lockfile as a tree, for code outside the analyses: read within the same bounds (issue #20). */
public final class Lockfile {
  private Lockfile() {}

  /** @throws dev.slipway.format.SlipwayException LOCKFILE_TOO_LARGE or BAD_LOCKFILE (exit 11) */
  public static JsonNode read(Path lockfile) {
    return JsonFiles.readLockfile(lockfile);
  }
}
