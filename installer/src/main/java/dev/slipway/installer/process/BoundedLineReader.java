package dev.slipway.installer.process;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads lines, keeping at most {@code maxLength} characters of each and skipping the rest.
 *
 * <p>{@link java.io.BufferedReader#readLine()} would hold a whole line in memory, and logs of Node
 * apps have huge ones: for an uncaught exception Node prints the offending source line, which in a
 * minified Next.js server bundle can be megabytes long.
 */
final class BoundedLineReader {

  private final Reader in;
  private final int maxLength;
  private final char[] buffer = new char[8192];
  private int position;
  private int limit;

  BoundedLineReader(Reader in, int maxLength) {
    this.in = in;
    this.maxLength = maxLength;
  }

  /**
   * The next line without its terminator (\n, \r\n or \r), shortened to end in "…"; null at the
   * end.
   */
  String readLine() throws IOException {
    StringBuilder line = new StringBuilder();
    boolean truncated = false;
    boolean sawAny = false;
    while (true) {
      if (position == limit) {
        limit = in.read(buffer, 0, buffer.length);
        position = 0;
        if (limit <= 0) {
          limit = 0;
          return sawAny ? finish(line, truncated) : null;
        }
      }
      char c = buffer[position++];
      sawAny = true;
      if (c == '\n') {
        return finish(line, truncated);
      }
      if (c == '\r') {
        if (position == limit) {
          limit = Math.max(0, in.read(buffer, 0, buffer.length));
          position = 0;
        }
        if (position < limit && buffer[position] == '\n') {
          position++;
        }
        return finish(line, truncated);
      }
      if (line.length() < maxLength) {
        line.append(c);
      } else {
        truncated = true;
      }
    }
  }

  private static String finish(StringBuilder line, boolean truncated) {
    return truncated ? line.append('…').toString() : line.toString();
  }
}
