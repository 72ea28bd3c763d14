package dev.slipway.installer.doctor;

import dev.slipway.installer.process.ProcessSpec;
import dev.slipway.installer.process.ProcessTree;
import dev.slipway.installer.process.RunAs;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.io.IOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a short command ({@code npm ls}) in a given folder to completion, with a timeout that stops
 * its whole tree, and returns its output up to a bound. Unlike {@code CapturedCommand}, whose
 * 64 KiB would be filled by {@code npm ls --all --json --long} of a large tree, the output goes to
 * a private temporary file (deleted afterwards) and is read whole up to {@code maxBytes}.
 */
final class ShortCommand {
  private static final Duration STOP_GRACE = Duration.ofSeconds(1);

  /**
   * @param exitCode empty when the command timed out and was stopped
   * @param text the output (stdout and stderr), decoded as UTF-8
   * @param truncated the output was longer than asked for; {@code text} is its beginning
   */
  record Output(Optional<Integer> exitCode, String text, boolean truncated) {}

  private ShortCommand() {}

  /**
   * @param runAs the service user it runs as (issue #20), as every command that touches the release
   * @throws IOException if the program cannot be started
   * @throws InterruptedException if interrupted; the command has been stopped
   */
  static Output run(List<String> command, Path workingDir, Map<String, String> env, Duration timeout, int maxBytes,
      Optional<RunAs> runAs) throws IOException, InterruptedException {
    Path out = Files.createTempFile("slipway-doctor", ".log"); // opened by this process: the user needs no access
    try {
      Optional<Integer> exit;
      try (ProcessTree tree = ProcessTree.start(new ProcessSpec(command, workingDir, env, out, runAs))) {
        boolean finished = tree.waitFor(timeout);
        tree.stopTree(STOP_GRACE);
        exit = finished ? tree.exitCode() : Optional.empty();
      }
      byte[] bytes;
      try (InputStream in = Files.newInputStream(out)) {
        bytes = in.readNBytes(maxBytes + 1);
      }
      boolean truncated = bytes.length > maxBytes;
      var decoder = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE);
      String text = decoder.decode(ByteBuffer.wrap(bytes, 0, Math.min(bytes.length, maxBytes))).toString();
      return new Output(exit, text, truncated);
    } finally {
      Files.deleteIfExists(out);
    }
  }
}
