package dev.slipway.format;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules the manifest's links follow together and with its files (issue #16): sorted by path
 * and unique, also when case is ignored; no link inside another (a chain, which the installer
 * would create through the first); no target inside a link; no file at or below a link (the link
 * would be created over a file or a folder of the release), nor at a folder a link is in. Case is ignored throughout, as the
 * file list does: Windows and macOS file systems would make one name of two.
 *
 * <p>Files are checked one at a time, so the list of 50k files is never held (issue #7); only
 * paths in {@code .next} can meet a link, so the others cost one comparison.
 *
 * <p>Throws {@link LinkRefusal} (an {@link IllegalArgumentException}) on the first that breaks a rule.
 */
final class LinkListCheck {
  /** The first folder of every link's path. */
  private static final String LINK_ROOT = ".next";
  /** Every link by its path in lower case. */
  private final Map<String, Manifest.Link> byFoldedPath = new HashMap<>();
  /** Every folder a link is in (.next, .next/node_modules, ...), in lower case, with one of its links. */
  private final Map<String, Manifest.Link> foldersOfLinks = new HashMap<>();

  LinkListCheck(List<Manifest.Link> links) {
    String previous = null;
    for (Manifest.Link link : links) {
      if (previous != null && previous.compareTo(link.path()) >= 0) {
        throw conflict(link, previous.equals(link.path())
            ? "listed twice"
            : "links must be sorted by path; it comes after '" + ArchivePaths.printable(previous) + "'");
      }
      Manifest.Link other = byFoldedPath.put(fold(link.path()), link);
      if (other != null) {
        throw conflict(link, "differs only in case from link '" + ArchivePaths.printable(other.path()) + "'");
      }
      previous = link.path();
      String folded = fold(link.path());
      for (int slash = folded.lastIndexOf('/'); slash > 0; slash = folded.lastIndexOf('/', slash - 1)) {
        foldersOfLinks.putIfAbsent(folded.substring(0, slash), link);
      }
    }
    for (Manifest.Link link : links) {
      Manifest.Link outer = enclosing(fold(link.path()), false);
      if (outer != null) {
        throw conflict(link, "lies inside link '" + ArchivePaths.printable(outer.path()) + "' (a chain of links)");
      }
      Manifest.Link through = enclosing(fold(link.resolved()), true);
      if (through != null) {
        throw conflict(link, "its target lies inside link '" + ArchivePaths.printable(through.path()) + "' (a chain of links)");
      }
    }
  }

  /** Refuses a file of the manifest at or below a link's path, or where a link needs a folder. */
  void acceptFile(String path) {
    // Every link is below .next/node_modules/: no other file can meet one.
    if (byFoldedPath.isEmpty() || !path.regionMatches(true, 0, LINK_ROOT, 0, LINK_ROOT.length())) {
      return;
    }
    String folded = fold(path);
    Manifest.Link needsFolder = foldersOfLinks.get(folded);
    if (needsFolder != null) {
      throw conflict(needsFolder, "the manifest lists the file '" + ArchivePaths.printable(path)
          + "' where the link needs a folder");
    }
    Manifest.Link link = folded.startsWith(LinkRules.LINK_FOLDER) ? enclosing(folded, true) : null;
    if (link != null) {
      throw conflict(link, "the manifest also lists the file '" + ArchivePaths.printable(path)
          + "' " + (folded.equals(fold(link.path())) ? "at" : "below") + " its path (a link over a file or folder)");
    }
  }

  /** The link at {@code folded} (when {@code self}) or at one of its folders, or null. */
  private Manifest.Link enclosing(String folded, boolean self) {
    if (self && byFoldedPath.containsKey(folded)) {
      return byFoldedPath.get(folded);
    }
    for (int slash = folded.lastIndexOf('/'); slash > 0; slash = folded.lastIndexOf('/', slash - 1)) {
      Manifest.Link link = byFoldedPath.get(folded.substring(0, slash));
      if (link != null) {
        return link;
      }
    }
    return null;
  }

  private static String fold(String path) {
    return NameFold.fold(path);
  }

  private static LinkRefusal conflict(Manifest.Link link, String why) {
    return new LinkRefusal(LinkRefusal.LINK_CONFLICT, link.path(), link.target(), why);
  }
}
