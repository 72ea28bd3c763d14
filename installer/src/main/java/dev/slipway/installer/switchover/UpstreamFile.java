package dev.slipway.installer.switchover;

import dev.slipway.installer.layout.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The nginx include that names the live slot (issue #21): one {@code upstream} block with one
 * loopback server. The installer is its only writer, and it is the truth of which slot serves:
 * a run killed anywhere leaves it naming the old slot or the new one, both running (the old one is
 * stopped only after the switch), and the next run reads it back to repair the slots.
 */
final class UpstreamFile {
  private static final Pattern SERVER = Pattern.compile("(?m)^\\s*server\\s+127\\.0\\.0\\.1:(\\d{1,5})\\b");

  private UpstreamFile() {}

  /**
   * The block. {@code keepalive} keeps connections to the instance open between requests; the
   * server block {@code installer nginx-conf} writes sends HTTP/1.1 without {@code Connection:
   * close} so that it can.
   */
  static String render(String upstreamName, int port) {
    return "# Written by the Slipway installer (blue/green, docs/blue-green.md): the live slot. Do not edit;\n"
        + "# install and rollback rewrite it and reload nginx.\n"
        + "upstream " + upstreamName + " {\n"
        + "    server 127.0.0.1:" + port + ";\n"
        + "    keepalive 16;\n"
        + "}\n";
  }

  /** The port the file names; empty when there is no file yet (the first switch). */
  static OptionalInt livePort(Path file) throws IOException {
    return read(file).map(UpstreamFile::portIn).orElse(OptionalInt.empty());
  }

  static Optional<String> read(Path file) throws IOException {
    try {
      return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  static OptionalInt portIn(String text) {
    Matcher m = SERVER.matcher(text);
    return m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
  }

  /** Temporary file, fsync, rename: nginx reading it mid-write sees the old block or the new one. */
  static void write(Path file, String upstreamName, int port) throws IOException {
    AtomicFiles.write(file, render(upstreamName, port).getBytes(StandardCharsets.UTF_8));
  }

  /** Puts back what the file held before ({@code previous}), or removes it when there was none. */
  static void restore(Path file, Optional<String> previous) throws IOException {
    if (previous.isPresent()) {
      AtomicFiles.write(file, previous.get().getBytes(StandardCharsets.UTF_8));
    } else {
      Files.deleteIfExists(file);
    }
  }
}
