package dev.slipway.installer.reliability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A small tmpfs mounted in a private mount namespace (util-linux {@code unshare -m}), to fill a
 * disk without touching the host's mounts: the mount exists only for processes started in that
 * namespace ({@link #nsenter()}) and vanishes with the last of them. The namespace is held by a
 * {@code cat} reading this JVM's pipe, so it also ends when the test JVM dies; nothing is left
 * mounted. The test itself sees the tmpfs through {@code /proc/PID/root} ({@link #view(String)}).
 */
final class PrivateTmpfs implements AutoCloseable {
  private final Process holder;
  private final Path mountPoint;

  private PrivateTmpfs(Process holder, Path mountPoint) {
    this.holder = holder;
    this.mountPoint = mountPoint;
  }

  /** Mounts a tmpfs of {@code size} ({@code 4m}) at {@code dir} in a new namespace; aborts the test where that is not allowed. */
  static PrivateTmpfs mount(Path dir, String size) throws IOException {
    Path mountPoint = Files.createDirectories(dir).toAbsolutePath();
    Process holder = new ProcessBuilder("unshare", "-m", "--propagation", "private", "sh", "-c",
        "mount -t tmpfs -o size=\"$1\" tmpfs \"$2\" && echo mounted && exec cat >/dev/null", "sh", size, mountPoint.toString())
        .redirectErrorStream(true).start();
    String first;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
      first = out.readLine();
      if (!"mounted".equals(first)) {
        holder.destroyForcibly();
        Assumptions.abort("cannot mount a tmpfs in a private mount namespace: " + first);
      }
    }
    return new PrivateTmpfs(holder, mountPoint);
  }

  /** Where the tmpfs is mounted, as a process inside the namespace names it. */
  Path mountPoint() {
    return mountPoint;
  }

  /** {@code relative} on the tmpfs, as this JVM (outside the namespace) reaches it. */
  Path view(String relative) {
    return Path.of("/proc", Long.toString(holder.pid()), "root").resolve(mountPoint.toString().substring(1)).resolve(relative);
  }

  /** The command prefix that runs a program inside the namespace. */
  List<String> nsenter() {
    return List.of("nsenter", "-t", Long.toString(holder.pid()), "-m", "--");
  }

  @Override
  public void close() throws IOException {
    holder.getOutputStream().close();
    try {
      if (!holder.waitFor(10, TimeUnit.SECONDS)) {
        holder.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
