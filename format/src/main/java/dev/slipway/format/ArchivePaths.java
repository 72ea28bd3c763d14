package dev.slipway.format;

import java.util.Optional;

/**
 * The rules every path inside an archive obeys. Both sides apply them: the packager never writes a
 * name that breaks them, and the installer refuses any entry or manifest record that does (issue #6).
 *
 * <p>A path is relative, uses '/' only, has no empty, '.' or '..' segment, no drive letter or
 * backslash (which Windows would treat as a separator: {@code ..\evil}), no control characters, and
 * bounded lengths, so it is safe to resolve under a staging folder on Linux and Windows alike.
 */
public final class ArchivePaths {
  /** Longest path we accept; Windows' classic MAX_PATH minus room for the release root. */
  public static final int MAX_PATH_LENGTH = 1024;

  public static final int MAX_SEGMENT_LENGTH = 255;

  private ArchivePaths() {}

  /** Why {@code path} is unsafe, or empty when it is safe. */
  public static Optional<String> problem(String path) {
    if (path == null || path.isEmpty()) {
      return Optional.of("empty path");
    }
    if (path.length() > MAX_PATH_LENGTH) {
      return Optional.of("path longer than " + MAX_PATH_LENGTH + " characters");
    }
    if (path.startsWith("/")) {
      return Optional.of("absolute path");
    }
    if (path.indexOf('\\') >= 0) {
      return Optional.of("backslash in path (a Windows separator)");
    }
    if (path.length() >= 2 && path.charAt(1) == ':') {
      return Optional.of("drive-letter path");
    }
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        return Optional.of("control character in path");
      }
      if (c == ':' || c == '*' || c == '?' || c == '"' || c == '<' || c == '>' || c == '|') {
        return Optional.of("character '" + c + "' is not allowed in a file name on Windows");
      }
      // A lone surrogate has no UTF-8 form: it would be written as '?', another name (review).
      if (Character.isHighSurrogate(c) && i + 1 < path.length() && Character.isLowSurrogate(path.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return Optional.of("unpaired UTF-16 surrogate in path");
      }
    }
    // Segment by segment without String.split: this runs twice for every entry of an archive (issue #7).
    for (int start = 0, end; start <= path.length(); start = end + 1) {
      end = path.indexOf('/', start);
      if (end < 0) {
        end = path.length();
      }
      int length = end - start;
      if (length == 0) {
        return Optional.of("empty path segment");
      }
      if (path.charAt(start) == '.' && (length == 1 || (length == 2 && path.charAt(start + 1) == '.'))) {
        return Optional.of("'" + path.substring(start, end) + "' segment");
      }
      if (length > MAX_SEGMENT_LENGTH) {
        return Optional.of("a path segment longer than " + MAX_SEGMENT_LENGTH + " characters");
      }
    }
    return Optional.empty();
  }

  /**
   * Why a Windows file system cannot hold {@code path} (a safe one, see {@link #problem}) under the
   * name it has, or empty. Device names (CON, PRN, AUX, NUL, COM0-9, LPT0-9, in any case and with
   * any extension: {@code nul.txt} is the device too) open the device instead of a file, and a
   * trailing dot or space is dropped, so {@code a.} and {@code a} would be one file. Linux holds
   * these names fine, so only Windows targets refuse them: the packager for an IIS archive, the
   * installer on Windows.
   */
  public static Optional<String> windowsProblem(String path) {
    for (int start = 0, end; start < path.length(); start = end + 1) {
      end = path.indexOf('/', start);
      if (end < 0) {
        end = path.length();
      }
      String segment = path.substring(start, end);
      char last = segment.charAt(segment.length() - 1);
      if (last == '.' || last == ' ') {
        return Optional.of("'" + segment + "' ends with a " + (last == '.' ? "dot" : "space")
            + ", which Windows drops from a name");
      }
      int dot = segment.indexOf('.');
      String base = (dot < 0 ? segment : segment.substring(0, dot)).stripTrailing().toUpperCase(java.util.Locale.ROOT);
      if (isDeviceName(base)) {
        return Optional.of("'" + segment + "' is the device " + base + " on Windows, whatever its extension");
      }
    }
    return Optional.empty();
  }

  private static boolean isDeviceName(String base) {
    return switch (base.length()) {
      case 3 -> base.equals("CON") || base.equals("PRN") || base.equals("AUX") || base.equals("NUL");
      case 4 -> (base.startsWith("COM") || base.startsWith("LPT"))
          && ((base.charAt(3) >= '0' && base.charAt(3) <= '9') || "\u00b9\u00b2\u00b3".indexOf(base.charAt(3)) >= 0);
      default -> false;
    };
  }

  public static String requireSafe(String path) {
    Optional<String> why = problem(path);
    if (why.isPresent()) {
      throw new IllegalArgumentException("unsafe archive path '" + printable(path) + "': " + why.get());
    }
    return path;
  }

  /** A path quoted for a message: controls and bidi characters escaped ({@link TerminalText}) so a hostile name cannot forge output lines. */
  public static String printable(String path) {
    if (path == null) {
      return "<null>";
    }
    String escaped = TerminalText.escape(path.length() > 300 ? path.substring(0, 300) : path);
    return path.length() > 300 ? escaped + "..." : escaped;
  }
}
