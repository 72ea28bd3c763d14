package dev.slipway.installer.layout;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * {@code chattr +i}: a file or folder even root cannot rename or delete, the Linux stand-in for a
 * Windows file in use (issue #25). Permissions would not stop root, which the tests run as.
 */
public final class ImmutableFlag {
  private ImmutableFlag() {}

  /** @return false where the file system has no immutable flag (the caller skips its test) */
  public static boolean set(Path path) throws InterruptedException {
    return chattr("+i", path);
  }

  public static boolean clear(Path path) throws InterruptedException {
    return chattr("-i", path);
  }

  private static boolean chattr(String flag, Path path) throws InterruptedException {
    try {
      Process p = new ProcessBuilder("chattr", flag, path.toString()).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return false;
      }
      return p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    }
  }
}
