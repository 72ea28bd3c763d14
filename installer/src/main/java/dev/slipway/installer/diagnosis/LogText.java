package dev.slipway.installer.diagnosis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A captured log as the classifier reads it: at most {@link #MAX_CHARS} characters, line ends
 * made {@code \n}, terminal escape codes removed, and node's echo of the throwing source line
 * blanked (it quotes code, such as {@code throw new Error(`Missing ... ${key}`)}, not output).
 * Blanked lines stay as empty lines, so line numbers still count lines of the log.
 */
final class LogText {
  /** Only the first 2 MB of a log are read: a crash is printed at start-up, not after hours. */
  static final int MAX_CHARS = 2 * 1024 * 1024;
  /** What is kept of one line of a log file: far more than any message or frame. */
  static final int MAX_LINE_CHARS = 16 * 1024;

  private static final Pattern ANSI =
      Pattern.compile("\u001B\\[[0-?]*[ -/]*[@-~]|\u001B\\][^\u0007\u001B]*(?:\u0007|\u001B\\\\)|\u001B[@-Z\\\\-_]");
  private static final Pattern CARET_LINE = Pattern.compile("^\\s*\\^+\\s*$");
  private static final Pattern LOCATION_LINE = Pattern.compile("^\\S.*:\\d+$");

  private final List<String> lines;
  private final String text;
  private final int[] lineStarts;

  private LogText(List<String> lines) {
    this.lines = List.copyOf(lines);
    this.text = String.join("\n", lines);
    this.lineStarts = new int[lines.size()];
    int offset = 0;
    for (int i = 0; i < lines.size(); i++) {
      lineStarts[i] = offset;
      offset += lines.get(i).length() + 1;
    }
  }

  static LogText of(String raw) {
    if (raw == null || raw.isEmpty()) {
      return new LogText(List.of());
    }
    String capped = raw.length() > MAX_CHARS ? raw.substring(0, MAX_CHARS) : raw;
    String clean = ANSI.matcher(capped).replaceAll("").replace("\r\n", "\n").replace('\r', '\n');
    List<String> lines = new ArrayList<>(Arrays.asList(clean.split("\n", -1)));
    if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    blankSourceEchoes(lines);
    return new LogText(lines);
  }

  /** Reads the first {@link #MAX_CHARS} bytes of a log file; bytes that are not UTF-8 become U+FFFD. */
  static LogText read(Path log) throws IOException {
    return read(log, 0);
  }

  /**
   * Reads a log file from byte {@code fromByte} on (what one run wrote to a log kept across runs:
   * npm's, the smoke-start's), keeping at most {@link #MAX_CHARS} characters and the first {@link
   * #MAX_LINE_CHARS} of each line: node echoes the throwing source line above an exception, and
   * for minified code that one line can be megabytes, which would otherwise use up the budget
   * before the exception itself. Bytes that are not UTF-8 become U+FFFD.
   */
  static LogText read(Path log, long fromByte) throws IOException {
    StringBuilder kept = new StringBuilder();
    try (InputStream in = Files.newInputStream(log)) {
      in.skipNBytes(Math.min(fromByte, Files.size(log)));
      CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE);
      Reader reader = new BufferedReader(new InputStreamReader(in, decoder));
      int lineLength = 0;
      for (int c = reader.read(); c >= 0 && kept.length() < MAX_CHARS; c = reader.read()) {
        if (c == '\n' || c == '\r') {
          lineLength = 0;
          kept.append((char) c);
        } else if (lineLength++ < MAX_LINE_CHARS) {
          kept.append((char) c);
        }
      }
    }
    return of(kept.toString());
  }

  /**
   * node prints {@code file:line}, the source line and a caret line above an uncaught exception.
   * The source line is code, not output, so it must not match a signature.
   */
  private static void blankSourceEchoes(List<String> lines) {
    for (int i = 1; i < lines.size(); i++) {
      if (CARET_LINE.matcher(lines.get(i)).matches()) {
        lines.set(i, "");
        lines.set(i - 1, "");
        if (i >= 2 && LOCATION_LINE.matcher(lines.get(i - 2)).matches()) {
          lines.set(i - 2, "");
        }
      }
    }
  }

  List<String> lines() {
    return lines;
  }

  int size() {
    return lines.size();
  }

  String line(int index) {
    return lines.get(index);
  }

  /** The whole cleaned log, lines joined with {@code \n}: what signatures are matched against. */
  String text() {
    return text;
  }

  /** Index of the line holding the character at {@code offset} of {@link #text()}. */
  int lineAt(int offset) {
    int found = Arrays.binarySearch(lineStarts, offset);
    return found >= 0 ? found : -found - 2;
  }
}
