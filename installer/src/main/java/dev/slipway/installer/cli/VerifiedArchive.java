package dev.slipway.installer.cli;

import dev.slipway.format.TerminalText;
import dev.slipway.installer.archive.ArchiveVerifier;
import java.util.LinkedHashMap;
import java.util.Map;

/** What {@code verify} and {@code unpack} print about the archive they checked. */
final class VerifiedArchive {
  private VerifiedArchive() {}

  static Map<String, Object> json(ArchiveVerifier.Result result) {
    var manifest = result.contents().manifest();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("ok", true);
    out.put("sha256", result.sha256());
    out.put("app", manifest.app());
    out.put("buildId", manifest.buildId());
    out.put("fileCount", result.contents().fileCount());
    out.put("bytes", result.contents().bytes());
    out.put("signedBy", result.signedBy()); // a key id, "unsigned" (--allow-unsigned), or null: no key trusted (issue #22)
    return out;
  }

  /** "NAME VERSION (build ID), N files, B bytes, sha256 HEX[, signed by KEYID]". */
  static String summary(ArchiveVerifier.Result result) {
    var manifest = result.contents().manifest();
    // The reader refuses controls in these fields (ManifestText); escaping again costs nothing and keeps the rule local.
    return TerminalText.escape(manifest.app().name() + " " + manifest.app().version() + " (build " + manifest.buildId() + ")") + ", "
        + result.contents().fileCount() + " files, " + result.contents().bytes() + " bytes, sha256 " + result.sha256()
        + (result.signedBy() == null ? "" : ", signed by " + result.signedBy());
  }
}
