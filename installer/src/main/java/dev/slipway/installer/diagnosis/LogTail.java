package dev.slipway.installer.diagnosis;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The start of a log, bounded: the classifier looks at the first 2 MiB, never the whole file. */
final class LogTail {
  static final int MAX_BYTES = 2 * 1024 * 1024;

  private LogTail() {}

  static String read(Path log) throws IOException {
    if (!Files.isRegularFile(log)) {
      return "";
    }
    try (InputStream in = Files.newInputStream(log)) {
      return new String(in.readNBytes(MAX_BYTES), StandardCharsets.UTF_8);
    }
  }
}
