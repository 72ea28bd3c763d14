package dev.slipway.installer;

import dev.slipway.format.Reporter;
import dev.slipway.format.SafeArchiveReader;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Step 3: stream the archive into a staging folder through the safe reader. */
final class Unpacker {
  private Unpacker() {}

  static SafeArchiveReader.Result unpack(Path archive, Path staging, Reporter reporter) throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(archive), 256 * 1024)) {
      return SafeArchiveReader.extract(in, staging, reporter::progress);
    }
  }
}
