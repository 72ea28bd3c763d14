package dev.slipway.packager.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Turns byte offsets of a UTF-8 file into the 0-based line and UTF-16 column that source maps
 * count in (a JavaScript string's units): the scanner finds reads by byte, maps locate by column.
 */
final class Utf16Positions {
  private Utf16Positions() {}

  /**
   * The line and column of each offset, as {@code {line, column}} pairs.
   *
   * @param offsets byte offsets in increasing order
   */
  static int[][] of(Path file, long[] offsets) throws IOException {
    int[][] positions = new int[offsets.length][];
    int next = 0;
    int line = 0;
    int column = 0;
    long offset = 0;
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n = in.read(buffer); n > 0 && next < offsets.length; n = in.read(buffer)) {
        for (int i = 0; i < n && next < offsets.length; i++, offset++) {
          while (next < offsets.length && offsets[next] == offset) {
            positions[next++] = new int[] {line, column};
          }
          int b = buffer[i] & 0xFF;
          if (b == '\n') {
            line++;
            column = 0;
          } else if ((b & 0xC0) != 0x80) {
            // A lead byte or ASCII starts a character; a 4-byte one is a surrogate pair in UTF-16.
            column += (b & 0xF8) == 0xF0 ? 2 : 1;
          }
        }
      }
    }
    return positions;
  }
}
