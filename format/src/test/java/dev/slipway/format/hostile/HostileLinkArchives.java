package dev.slipway.format.hostile;

import static dev.slipway.format.hostile.HostileArchives.A;
import static dev.slipway.format.hostile.HostileArchives.HELLO;
import static dev.slipway.format.hostile.HostileArchives.gz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.format.ArchiveLayout;
import dev.slipway.format.Manifest;
import java.util.function.UnaryOperator;

/**
 * Attacks through the manifest's links (format version 2, issue #16). The tar never holds a link:
 * the installer creates each listed link after {@code npm ci}, so a hostile link is one that would
 * point outside the release's {@code node_modules/}, or sit over a file, or be reached through
 * another link. The {@link Manifest.Link} record refuses all of them, so the JSON is edited by hand
 * and the links are placed before the files, as the packager writes them.
 */
public final class HostileLinkArchives {
  static final String LINKED = ".next/node_modules/node-cron-850d997d12dc4759";
  static final String CHUNK = ".next/server/chunk.js";

  private HostileLinkArchives() {}

  /** A manifest of version 2 listing {@code path -> target} pairs, then the chunk and a.txt. */
  static byte[] withLinks(String... pathAndTarget) {
    return withLinksAndFiles(pathAndTarget, CHUNK, "require()", A, HELLO);
  }

  /** The same with other files, given as path, content, ... in sorted order, each in the tar too. */
  static byte[] withLinksAndFiles(String[] pathAndTarget, String... pathAndContent) {
    TarBuilder tar = new TarBuilder()
        .file(ArchiveLayout.MANIFEST, HostileArchives.editedManifestJson(links(2, pathAndTarget), pathAndContent));
    for (int i = 0; i < pathAndContent.length; i += 2) {
      tar.file(pathAndContent[i], pathAndContent[i + 1]);
    }
    return gz(tar);
  }

  static UnaryOperator<ObjectNode> links(int formatVersion, String... pathAndTarget) {
    return tree -> {
      tree.put("formatVersion", formatVersion);
      JsonNode files = tree.remove("files");
      ArrayNode links = tree.putArray("links");
      for (int i = 0; i < pathAndTarget.length; i += 2) {
        links.addObject().put("path", pathAndTarget[i]).put("target", pathAndTarget[i + 1]);
      }
      tree.set("files", files);
      return tree;
    };
  }

  /** What every attack departs from: one good link, accepted. */
  public static byte[] control() {
    return withLinks(LINKED, "../../node_modules/node-cron");
  }

  /** Inside the release, but at the build instead of a dependency: the app's own code under another name. */
  public static byte[] linkEscapesNodeModules() {
    return withLinks(LINKED, "../../.next/server");
  }

  public static byte[] absoluteTarget() {
    return withLinks(LINKED, "/etc");
  }

  /** Climbs above the release to a sibling folder (another release, the root's shared files). */
  public static byte[] linkToAFolderOutsideTheRelease() {
    return withLinks(LINKED, "../../../outside");
  }

  /** Looks inside node_modules on paper; the operating system resolves '..' after a link through it. */
  public static byte[] dotDotAfterAName() {
    return withLinks(LINKED, "../../node_modules/evil/../../../outside");
  }

  /** A link inside another: the installer would create the second through the first. */
  public static byte[] chainOfLinks() {
    return withLinks(LINKED, "../../node_modules/node-cron", LINKED + "/lib", "../../../node_modules/other");
  }

  /** A link whose target is another link. */
  public static byte[] linkToALink() {
    return withLinks(".next/node_modules/a-1", "../../node_modules/a", ".next/node_modules/b-2", "a-1");
  }

  /** A link where the manifest also has a file: the installer would replace the release's file. */
  public static byte[] linkOverAFile() {
    return withLinksAndFiles(new String[] {LINKED, "../../node_modules/node-cron"}, LINKED, "module.exports = 1", A, HELLO);
  }

  /** A link where the manifest has a folder with a file in it. */
  public static byte[] linkOverAFolder() {
    return withLinksAndFiles(
        new String[] {LINKED, "../../node_modules/node-cron"}, LINKED + "/index.js", "module.exports = 1", A, HELLO);
  }

  /** A link outside .next/node_modules: over the app's own code. */
  public static byte[] linkOutsideTheLinkFolder() {
    return withLinks("server.js", "node_modules/evil/index.js");
  }

  public static byte[] sameLinkTwice() {
    return withLinks(LINKED, "../../node_modules/node-cron", LINKED, "../../node_modules/evil");
  }

  /** Links in a version 1 manifest: an older installer would drop them silently, so the version must say so. */
  public static byte[] linksInVersion1() {
    return gz(new TarBuilder()
        .file(ArchiveLayout.MANIFEST,
            HostileArchives.editedManifestJson(links(1, LINKED, "../../node_modules/node-cron"), A, HELLO))
        .file(A, HELLO));
  }

  /** Links after the files: the streaming reader would have checked the files before knowing them. */
  public static byte[] linksAfterFiles() {
    UnaryOperator<ObjectNode> edit = tree -> {
      tree.put("formatVersion", 2);
      tree.putArray("links").addObject().put("path", LINKED).put("target", "../../node_modules/node-cron");
      return tree;
    };
    return gz(new TarBuilder()
        .file(ArchiveLayout.MANIFEST, HostileArchives.editedManifestJson(edit, A, HELLO)).file(A, HELLO));
  }

}
