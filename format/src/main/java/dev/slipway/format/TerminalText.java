package dev.slipway.format;

/**
 * Text from an archive, a release's manifest or a log, made safe to print on a terminal (issue
 * #20): an {@code app.name} holding {@code \e]0;title\a} retitled the operator's terminal, OSC 52
 * wrote to the clipboard, {@code \e[2J} cleared the screen and {@code \nok: forged line} printed a
 * line Slipway never said. Every character that a terminal acts on instead of showing is written
 * out as a visible escape, so the text still says what was there:
 *
 * <ul>
 *   <li>C0 controls (but tab), ESC, DEL and C1 controls (U+0080 to U+009F, which some terminals
 *       read as ESC sequences too) as {@code \xNN};
 *   <li>the bidirectional overrides and isolates (U+202A to U+202E, U+2066 to U+2069), marks
 *       (U+200E, U+200F, U+061C) and the line and paragraph separators (U+2028, U+2029) as
 *       {@code \\uNNNN}: they reorder or break what follows ("Trojan Source").
 * </ul>
 *
 * A backslash is left as it is: the output is for reading, not for parsing back (--json output,
 * escaped by Jackson, is for that).
 */
public final class TerminalText {
  private TerminalText() {}

  /** {@code text} with every control and bidi character escaped; "null" for null, like string concatenation. */
  public static String escape(String text) {
    if (text == null) {
      return "null";
    }
    int i = 0;
    while (i < text.length() && !needsEscape(text.charAt(i))) {
      i++;
    }
    if (i == text.length()) {
      return text; // the usual case: nothing to copy
    }
    StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, i);
    for (; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!needsEscape(c)) {
        out.append(c);
      } else if (c < 0x100) {
        out.append(String.format("\\x%02x", (int) c));
      } else {
        out.append(String.format("\\u%04x", (int) c));
      }
    }
    return out.toString();
  }

  static boolean needsEscape(char c) {
    return (c < 0x20 && c != '\t')
        || (c >= 0x7f && c <= 0x9f)
        || (c >= 0x202a && c <= 0x202e)
        || (c >= 0x2066 && c <= 0x2069)
        || c == 0x200e
        || c == 0x200f
        || c == 0x061c
        || c == 0x2028
        || c == 0x2029;
  }
}
