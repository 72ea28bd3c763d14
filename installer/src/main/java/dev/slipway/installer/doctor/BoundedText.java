package dev.slipway.installer.doctor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a bounded part of a file that may be huge (a log appended to for months). */
final class BoundedText {
  /** What the classifier reads of a log, and what the doctor hands it. */
  static final int MAX_BYTES = 2 * 1024 * 1024;

  private BoundedText() {}

  /** The first {@code max} bytes; empty for a file that does not exist. */
  static String head(Path file, int max) throws IOException {
    if (!Files.isRegularFile(file)) {
      return "";
    }
    try (InputStream in = Files.newInputStream(file)) {
      return new String(in.readNBytes(max), StandardCharsets.UTF_8);
    }
  }

  /**
   * The last {@code max} bytes, starting at a line: when the file is longer, the partial first
   * line is dropped. Malformed UTF-8 (a cut character) is replaced, never an error.
   */
  static String tail(Path file, int max) throws IOException {
    try (SeekableByteChannel channel = Files.newByteChannel(file)) {
      long size = channel.size();
      long start = Math.max(0, size - max);
      channel.position(start);
      ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(max, size));
      while (buffer.hasRemaining() && channel.read(buffer) > 0) {
        // keep reading: a channel may return fewer bytes than asked for
      }
      String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
      if (start > 0) {
        int newline = text.indexOf('\n');
        text = newline < 0 ? "" : text.substring(newline + 1);
      }
      return text;
    }
  }
}
