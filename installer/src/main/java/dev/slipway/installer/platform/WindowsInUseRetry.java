package dev.slipway.installer.platform;

import dev.slipway.installer.layout.InUseRetry;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.List;

/**
 * Windows: a delete or rename refused because a file is in use (ERROR_SHARING_VIOLATION and
 * ERROR_ACCESS_DENIED both surface as a {@link FileSystemException}) is tried again after a short
 * wait, a few times, since the holder is often an antivirus scan or the indexer that lets go within
 * a second. A file {@code node.exe} holds stays held; then the last failure is thrown, naming the
 * file, for retention to turn into a warning.
 */
public final class WindowsInUseRetry implements InUseRetry {
  /** The waits between attempts: about 1.5 s in all. */
  static final List<Duration> WAITS = List.of(Duration.ofMillis(100), Duration.ofMillis(300), Duration.ofMillis(1000));

  /** Waits; a seam so tests do not sleep. */
  @FunctionalInterface
  public interface Pause {
    void pause(Duration duration) throws InterruptedException;
  }

  private final Pause pause;

  public WindowsInUseRetry(Pause pause) {
    this.pause = pause;
  }

  public static WindowsInUseRetry sleeping() {
    return new WindowsInUseRetry(d -> Thread.sleep(d.toMillis()));
  }

  @Override
  public void attempt(Operation operation) throws IOException {
    for (int tried = 0; ; tried++) {
      try {
        operation.run();
        return;
      } catch (NoSuchFileException e) {
        throw e; // gone is not "in use"
      } catch (FileSystemException e) {
        if (tried == WAITS.size()) {
          FileSystemException inUse = new FileSystemException(e.getFile(), e.getOtherFile(),
              (e.getReason() == null ? "refused" : e.getReason()) + " (still refused after " + (tried + 1)
                  + " attempts: in use by a running node.exe, a scanner or an open window?)");
          inUse.initCause(e);
          throw inUse;
        }
        try {
          pause.pause(WAITS.get(tried));
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted while waiting for a file in use: " + e.getFile());
        }
      }
    }
  }
}
