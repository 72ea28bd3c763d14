package dev.slipway.process;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a short command ({@code node -p ...}, {@code npm -v}, doctor's {@code npm ls}) to
 * completion and captures its output, with a timeout that stops its whole tree: the one way the
 * installer runs a command for its answer (issue #19).
 *
 * <p>Output goes through a private temporary file rather than a pipe: nothing to drain on another
 * thread, and a command that prints without end cannot fill memory (only the first {@code
 * maxBytes} are read). The file is this process's, so a command run as the service user needs no
 * access to it.
 */
public final class CapturedCommand {

  /** Enough for any version or probe answer. */
  public static final int DEFAULT_MAX_OUTPUT = 64 * 1024;
  private static final Duration STOP_GRACE = Duration.ofSeconds(1);

  /**
   * @param exitCode the exit code; empty if the command timed out and was stopped
   * @param output stdout and stderr, interleaved, decoded as UTF-8, at most the bytes asked for
   * @param truncated the output was longer than asked for; {@code output} is its beginning
   */
  public record Output(Optional<Integer> exitCode, String output, boolean truncated) {}

  private CapturedCommand() {}

  /**
   * Runs {@code command} in this JVM's working directory with {@link BaseEnvironment} plus {@code
   * env}, as the installer, keeping the first {@value #DEFAULT_MAX_OUTPUT} bytes of its output.
   *
   * @throws IOException if the program cannot be started
   * @throws InterruptedException if interrupted; the command has been stopped
   */
  public static Output run(List<String> command, Map<String, String> env, Duration timeout)
      throws IOException, InterruptedException {
    return run(command, Path.of("").toAbsolutePath(), env, timeout, DEFAULT_MAX_OUTPUT, Optional.empty());
  }

  /**
   * Runs {@code command} in {@code workingDir}, as {@code runAs} when given (issue #20: whatever
   * touches a release's code runs as the service user), keeping the first {@code maxBytes} of its output.
   *
   * @throws IOException if the program cannot be started
   * @throws InterruptedException if interrupted; the command has been stopped
   */
  public static Output run(List<String> command, Path workingDir, Map<String, String> env, Duration timeout,
      int maxBytes, Optional<RunAs> runAs) throws IOException, InterruptedException {
    Path out = Files.createTempFile("slipway-command", ".log"); // owner-only on POSIX
    try {
      Optional<Integer> exit;
      try (ProcessTree tree = ProcessTree.start(new ProcessSpec(command, workingDir, env, out, runAs))) {
        boolean finished = tree.waitFor(timeout);
        tree.stopTree(STOP_GRACE);
        exit = finished ? tree.exitCode() : Optional.empty();
      }
      return read(out, exit, maxBytes);
    } finally {
      Files.deleteIfExists(out);
    }
  }

  private static Output read(Path file, Optional<Integer> exit, int maxBytes) throws IOException {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(maxBytes + 1);
    }
    var decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPLACE)
        .onUnmappableCharacter(CodingErrorAction.REPLACE);
    String text = decoder.decode(ByteBuffer.wrap(bytes, 0, Math.min(bytes.length, maxBytes))).toString();
    return new Output(exit, text, bytes.length > maxBytes);
  }
}
