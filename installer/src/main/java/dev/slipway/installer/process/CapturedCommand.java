package dev.slipway.installer.process;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a short command ({@code node -p ...}, {@code npm -v}) to completion and captures its output,
 * with a timeout that stops its whole tree.
 *
 * <p>Output goes through a private temporary file rather than a pipe: nothing to drain on another
 * thread, and a command that prints without end cannot fill memory (only the first {@value
 * #MAX_OUTPUT} bytes are read).
 */
public final class CapturedCommand {

  private static final int MAX_OUTPUT = 64 * 1024;
  private static final Duration STOP_GRACE = Duration.ofSeconds(1);

  /**
   * @param exitCode the exit code; empty if the command timed out and was stopped
   * @param output stdout and stderr, interleaved, at most the first 64 KiB
   */
  public record Output(Optional<Integer> exitCode, String output) {}

  private CapturedCommand() {}

  /**
   * Runs {@code command} in this JVM's working directory with {@link BaseEnvironment} plus {@code
   * env}.
   *
   * @throws IOException if the program cannot be started
   * @throws InterruptedException if interrupted; the command has been stopped
   */
  public static Output run(List<String> command, Map<String, String> env, Duration timeout)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile("slipway-command", ".log"); // owner-only on POSIX
    try {
      try (ProcessTree tree =
          ProcessTree.start(new ProcessSpec(command, Path.of("").toAbsolutePath(), env, out))) {
        boolean finished = tree.waitFor(timeout);
        tree.stopTree(STOP_GRACE);
        Optional<Integer> exit = finished ? tree.exitCode() : Optional.empty();
        return new Output(exit, read(out));
      }
    } finally {
      Files.deleteIfExists(out);
    }
  }

  private static String read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return new String(in.readNBytes(MAX_OUTPUT), StandardCharsets.UTF_8);
    }
  }
}
