package dev.slipway.format;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The one spelling two paths share when a file system would hold them as one file: macOS and
 * Windows ignore case, and macOS also treats the precomposed and decomposed spellings of a
 * character (NFC "café" and NFD "cafe\u0301") as the same name (issue #20). Archives must not hold
 * such twins: unpacked there, one would overwrite the other.
 */
final class NameFold {
  private NameFold() {}

  /** Lower case, in Unicode normal form C; {@code path} itself when that changes nothing. */
  static String fold(String path) {
    String composed = isAscii(path) ? path : Normalizer.normalize(path, Normalizer.Form.NFC);
    // toLowerCase returns the same string when nothing changes, as for most paths of a build.
    return composed.toLowerCase(Locale.ROOT);
  }

  /** Most paths of a build are ASCII: they need no normalising, and this check is cheap. */
  static boolean isAscii(String path) {
    for (int i = 0; i < path.length(); i++) {
      if (path.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }
}
