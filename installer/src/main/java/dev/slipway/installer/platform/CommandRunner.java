package dev.slipway.installer.platform;

import java.io.IOException;
import java.util.List;

/**
 * Runs one external command to completion and returns its exit code and output: how the Windows
 * side asks {@code appcmd}, {@code reg} and {@code cmd /c mklink} (issue #25). A seam, so that the
 * exact command lines can be recorded and checked on a host that has none of these programs.
 */
@FunctionalInterface
public interface CommandRunner {

  /** @param exitCode the command's exit code, or -1 when it timed out and was stopped */
  record Result(int exitCode, String output) {
    public boolean succeeded() {
      return exitCode == 0;
    }
  }

  /**
   * @throws IOException when the program cannot be started (not found, not executable)
   * @throws InterruptedException when interrupted; the command has been stopped
   */
  Result run(List<String> command) throws IOException, InterruptedException;
}
