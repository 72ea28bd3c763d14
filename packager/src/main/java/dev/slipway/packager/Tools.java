package dev.slipway.packager;

import dev.slipway.format.FailureKind;
import dev.slipway.format.SlipwayException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.zeroturnaround.exec.ProcessExecutor;
import org.zeroturnaround.exec.ProcessResult;

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
   * Output of an optional command run in {@code dir}, trimmed; empty when it is missing, fails or
   * takes longer than {@code timeout}, since the caller then has a fallback.
   */
  public static Optional<String> outputIfAny(List<String> command, Path dir, Duration timeout) {
    try {
      ProcessResult result =
          new ProcessExecutor()
              .command(command)
              .directory(dir.toFile())
              .readOutput(true)
              .redirectErrorStream(false)
              .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
              .destroyOnExit()
              .execute();
      String output = new String(result.output(), StandardCharsets.UTF_8).strip();
      return result.getExitValue() == 0 && !output.isEmpty() ? Optional.of(output) : Optional.empty();
    } catch (IOException | TimeoutException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Output of a command that must succeed within 60 s, trimmed. */
  public static String output(List<String> command) {
    try {
      ProcessResult result =
          new ProcessExecutor()
              .command(command)
              .readOutput(true)
              .redirectErrorStream(false)
              .timeout(60, TimeUnit.SECONDS)
              .destroyOnExit()
              .execute();
      if (result.getExitValue() != 0) {
        throw new IOException("exit " + result.getExitValue());
      }
      return new String(result.output(), StandardCharsets.UTF_8).strip();
    } catch (IOException | TimeoutException e) {
      throw new SlipwayException(
          FailureKind.USAGE,
          "TOOL_NOT_FOUND",
          "cannot run `" + String.join(" ", command) + "`: " + e.getMessage(),
          null,
          "install Node.js 20+ with npm and put them on PATH, or pass --node / --npm");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
