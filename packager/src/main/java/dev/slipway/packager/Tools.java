package dev.slipway.packager;

import dev.slipway.format.FailureKind;
import dev.slipway.format.SlipwayException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
