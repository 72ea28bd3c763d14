package dev.slipway.format;

import java.io.EOFException;
import java.io.IOException;
import java.util.Locale;

/**
 * The refusals {@link SafeArchiveReader} raises about one entry, each with its stable cause code
 * and a message that names the entry escaped (a hostile name cannot repaint the terminal). Kept
 * apart from the reader so that the reader reads as the order of its checks.
 */
final class EntryRefusals {
  private EntryRefusals() {}

  /** An entry that does not sort after the one before it: a duplicate, or out of the manifest's order. */
  static SlipwayException outOfPlace(String raw, String name, String key, String previousKey, FileListCheck listed) {
    // Every listed file up to the previous entry was matched, so a listed one here is a second copy.
    if (name.equals(ArchiveLayout.MANIFEST) || key.equals(previousKey) || listed.mayHoldFile(name)) {
      return ArchiveRefusal.of("DUPLICATE_ENTRY", raw, "appears twice in the archive");
    }
    if (differsOnlyInCase(name, listed)) {
      return caseCollision(raw);
    }
    return ArchiveRefusal.of("OUT_OF_ORDER", raw,
        "comes after '" + ArchivePaths.printable(previousKey) + "'; entries must be in the manifest's sorted order");
  }

  /** An entry in sorted order that is not the manifest's next file (or a folder before it). */
  static SlipwayException unexpected(String raw, String name, boolean folder, ListedFile next, FileListCheck listed) {
    boolean listedHere = folder ? listed.mayHoldFolder(name) : listed.mayHoldFile(name);
    if (listedHere && next != null && next.path().compareTo(name) < 0) {
      return missing(next); // the archive went past the next listed file
    }
    if (differsOnlyInCase(name, listed)) {
      return caseCollision(raw);
    }
    return ArchiveRefusal.of("NOT_IN_MANIFEST", raw, folder ? "folder holds no file of the manifest" : "is not listed in the manifest");
  }

  /** Not a listed file or folder itself, but one of them when case is ignored. */
  static boolean differsOnlyInCase(String name, FileListCheck listed) {
    return !listed.mayHoldFile(name) && !listed.mayHoldFolder(name) && listed.mayHoldIgnoringCase(name);
  }

  static SlipwayException caseCollision(String raw) {
    return ArchiveRefusal.of(
        "CASE_COLLISION", raw, "differs only in case from a path of the manifest (they collide on Windows and macOS)");
  }

  static SlipwayException missing(ListedFile file) {
    return ArchiveRefusal.of("MISSING_FILE", file.path(),
        "is listed in the manifest but not in the archive (entries must come in the manifest's order)");
  }

  /** A failure while reading the archive (not while writing staging): truncated or corrupt input. */
  static SlipwayException readFailure(String entry, IOException e) {
    String message = String.valueOf(e.getMessage());
    if (e instanceof EOFException || message.toLowerCase(Locale.ROOT).contains("truncated")) {
      return ArchiveRefusal.of("TRUNCATED", entry, ArchiveLayout.MANIFEST.equals(entry)
          ? "the archive ends inside the manifest (truncated?)"
          : "the archive ends inside this file (truncated?)");
    }
    return ArchiveRefusal.of("CORRUPT_TAR", entry, "cannot be read: " + ArchivePaths.printable(message));
  }

  static SlipwayException unknownFormatVersion(int version) {
    return new SlipwayException(
        FailureKind.INTEGRITY,
        "UNKNOWN_FORMAT_VERSION",
        "archive refused: manifest format version " + version + " is not supported (this installer reads versions "
            + Manifest.FORMAT_VERSION + " to " + Manifest.NEWEST_FORMAT_VERSION + ")",
        null,
        "use an installer of the same Slipway version as the packager that built the archive");
  }

  /** BAD_MANIFEST for a manifest (or env manifest) that is not valid JSON or not a valid record. */
  static SlipwayException badManifest(String entry, Exception e) {
    if (e instanceof SlipwayException refusal) {
      return refusal;
    }
    if (e instanceof LinkRefusal link) {
      return link.refusal(); // its own cause code: a hostile link, not a damaged manifest (issue #16)
    }
    if (e instanceof ManifestText.Refusal text) {
      return text.refusal(); // its own cause code: text meant for a terminal, not a damaged manifest (issue #20)
    }
    if (e instanceof com.fasterxml.jackson.core.JsonProcessingException json) {
      return ArchiveRefusal.of("BAD_MANIFEST", entry, "is not valid JSON: " + firstLine(json.getOriginalMessage()));
    }
    if (e instanceof IOException || e instanceof IllegalArgumentException || e instanceof NullPointerException) {
      return ArchiveRefusal.of("BAD_MANIFEST", entry, "is invalid: " + firstLine(rootMessage(e)));
    }
    throw (RuntimeException) e;
  }

  static String rootMessage(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return String.valueOf(cause.getMessage());
  }

  static String firstLine(String message) {
    String text = String.valueOf(message);
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }
}
