package dev.slipway.installer.layout;

import dev.slipway.format.SlipwayException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A second JVM for {@link RootLockTest}: {@code hold ROOT COMMAND} takes the lock, prints {@code
 * HOLDING <pid>} and keeps it until stdin closes (the test ends or dies, so no orphan outlives it)
 * or two minutes pass; {@code probe ROOT} tries once and prints {@code ACQUIRED} or {@code LOCKED
 * <message>}.
 */
public final class LockChild {

  private LockChild() {}

  public static void main(String[] args) throws Exception {
    ReleaseRoot root = ReleaseRoot.open(Path.of(args[1]), true);
    if (args[0].equals("hold")) {
      try (RootLock lock = RootLock.acquire(root, args[2], Duration.ZERO)) {
        System.out.println("HOLDING " + ProcessHandle.current().pid());
        System.out.flush();
        Thread watchdog = new Thread(() -> sleepThenExit(Duration.ofMinutes(2)));
        watchdog.setDaemon(true);
        watchdog.start();
        while (System.in.read() != -1) {
          // keep holding until the parent closes our stdin
        }
      }
    } else {
      try (RootLock lock = RootLock.acquire(root, "probe", Duration.ZERO)) {
        System.out.println("ACQUIRED");
      } catch (SlipwayException e) {
        System.out.println("LOCKED " + e.getMessage());
      }
    }
  }

  private static void sleepThenExit(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    System.exit(3);
  }
}
