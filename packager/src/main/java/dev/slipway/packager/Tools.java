package dev.slipway.packager;

import dev.slipway.format.FailureKind;
import dev.slipway.format.SlipwayException;
import dev.slipway.process.BaseEnvironment;
import dev.slipway.process.CapturedCommand;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Runs short-lived node / npm queries (versions, platform) and knows their names per OS. */
public final class Tools {
  private Tools() {}

  public static boolean windows() {
    return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows");
  }

  /** npm is a .cmd shim on Windows, which ProcessBuilder does not find as plain "npm". */
  public static String defaultNpm() {
    return windows() ? "npm.cmd" : "npm";
  }

  /**
   * Output of an optional command run in {@code dir}, its last line; empty when it is missing,
   * fails or takes longer than {@code timeout}, since the caller then has a fallback.
   */
  public static Optional<String> outputIfAny(List<String> command, Path dir, Duration timeout) {
    try {
      CapturedCommand.Output result = capture(command, dir, timeout);
      String answer = lastLine(result.output());
      return result.exitCode().equals(Optional.of(0)) && !answer.isEmpty() ? Optional.of(answer) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The last line of a command that must succeed within 60 s. */
  public static String output(List<String> command) {
    CapturedCommand.Output result;
    try {
      result = capture(command, Path.of("").toAbsolutePath(), Duration.ofSeconds(60));
      if (result.exitCode().isEmpty()) {
        throw new IOException("no answer within 60 s");
      }
      if (result.exitCode().get() != 0) {
        throw new IOException("exit " + result.exitCode().get());
      }
    } catch (IOException e) {
      throw new SlipwayException(
          FailureKind.USAGE,
          "TOOL_NOT_FOUND",
          "cannot run `" + String.join(" ", command) + "`: " + e.getMessage(),
          null,
          "install Node.js 20+ with npm and put them on PATH, or pass --node / --npm");
    }
    return lastLine(result.output());
  }

  /**
   * Through the one process runner (issue #19): the command and all it starts are stopped on a
   * time-out. Its stdout and stderr come interleaved; the answer is the last line, since what a
   * tool warns about on stderr (an npm config notice, a Node deprecation) comes before it. The
   * whole environment is passed on: on a build machine these are the operator's own tools.
   */
  private static CapturedCommand.Output capture(List<String> command, Path dir, Duration timeout) throws IOException {
    try {
      return CapturedCommand.run(command, dir, BaseEnvironment.wholeOfThisProcess(), timeout, CapturedCommand.DEFAULT_MAX_OUTPUT, Optional.empty());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  static String lastLine(String output) {
    List<String> lines = output.strip().lines().filter(line -> !line.isBlank()).toList();
    return lines.isEmpty() ? "" : lines.get(lines.size() - 1).strip();
  }
}
