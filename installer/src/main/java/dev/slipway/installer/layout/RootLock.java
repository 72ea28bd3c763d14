package dev.slipway.installer.layout;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.format.FailureKind;
import dev.slipway.format.Json;
import dev.slipway.format.SlipwayException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Makes sure two installers (install and install, or install and rollback) never work on one root
 * at the same time.
 *
 * <p>The lock is an OS file lock ({@link FileChannel#tryLock()}) on {@code ROOT/.slipway/lock},
 * not a marker file: the OS drops it when the process dies, however it dies (kill -9, OOM killer,
 * power cut), so a crashed installer never leaves the root locked. The lock file itself is never
 * deleted: deleting a lock file while another process has it open would let two processes lock two
 * different inodes of the "same" file.
 *
 * <p>So that a second installer can say who is in the way, the holder writes its pid, host, start
 * time and command into a separate file, {@code ROOT/.slipway/lock.holder} (JSON, replaced
 * atomically). Separate because Windows locks are mandatory: other processes cannot read the
 * bytes of a locked file. It is only read when the lock is taken, so a stale one left by a crashed run is
 * never shown: the next holder overwrites it.
 *
 * <p>Use with try-with-resources; {@link #close()} removes the holder file and releases the lock.
 */
public final class RootLock implements AutoCloseable {

  /** Who holds the lock, as written to {@code ROOT/.slipway/lock.holder}. */
  public record Holder(long pid, String host, String since, String command) {
    public Holder {
      if (pid <= 0) {
        throw new IllegalArgumentException("pid must be positive: " + pid);
      }
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(command, "command");
      Instant.parse(Objects.requireNonNull(since, "since")); // must be an ISO-8601 instant
    }

    static Holder ofThisProcess(String command) {
      return new Holder(
          ProcessHandle.current().pid(),
          hostName(),
          Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
          command);
    }

    /** {@code pid 123 on web1 since 2026-11-27T16:30:00Z, running "install app.tar.gz"}. */
    public String describe() {
      return "pid " + pid + " on " + host + " since " + since + ", running \"" + command + "\"";
    }
  }

  /** How often a waiting acquire retries: short next to an install, long next to a syscall. */
  private static final Duration POLL = Duration.ofMillis(100);

  /**
   * Lock files this JVM holds a RootLock on. Static on purpose: POSIX record locks belong to the
   * process, and closing <em>any</em> channel on the file releases <em>all</em> of the process's
   * locks on it (see {@link FileLock}). A second attempt from this JVM must therefore not even open
   * the file, or its failure would silently unlock the first holder for other processes. The
   * JDK's own lock table is JVM-wide for the same reason.
   */
  private static final Set<Path> HELD_BY_THIS_JVM = ConcurrentHashMap.newKeySet();

  private final Path key;
  private final FileChannel channel;
  private final FileLock lock;
  private final Path holderFile;
  private final Holder holder;
  private final AtomicBoolean closed = new AtomicBoolean();

  private RootLock(Path key, FileChannel channel, FileLock lock, Path holderFile, Holder holder) {
    this.key = key;
    this.channel = channel;
    this.lock = lock;
    this.holderFile = holderFile;
    this.holder = holder;
  }

  /**
   * Takes the lock on {@code root}.
   *
   * @param command what this installer is doing, shown to anyone who has to wait (e.g. {@code
   *     install app-1.4.0.tar.gz})
   * @param wait zero to fail at once when the lock is taken; otherwise how long to keep retrying
   * @throws SlipwayException LOCKED {@code ROOT_LOCKED}, naming the holder, when the lock is still
   *     taken at the deadline (also when this JVM holds it already)
   * @throws InterruptedIOException when the thread is interrupted while waiting (the interrupt
   *     flag is set again)
   */
  public static RootLock acquire(ReleaseRoot root, String command, Duration wait)
      throws IOException {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(command, "command");
    if (wait.isNegative()) {
      throw new IllegalArgumentException("wait must not be negative: " + wait);
    }
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      Optional<RootLock> acquired = tryAcquire(root, command);
      if (acquired.isPresent()) {
        return acquired.get();
      }
      long remaining = deadline - System.nanoTime();
      if (remaining <= 0) {
        Optional<Holder> holder = liveHolder(root);
        if (holder.isEmpty()) {
          // Naming the holder polls up to 2 s; one that finished meanwhile has freed the root, and
          // refusing a free root made a deploy fail for nothing.
          Optional<RootLock> late = tryAcquire(root, command);
          if (late.isPresent()) {
            return late.get();
          }
        }
        throw locked(root, wait, holder);
      }
      try {
        Thread.sleep(Math.max(1, Math.min(POLL.toMillis(), remaining / 1_000_000)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting for the lock on " + root);
      }
    }
  }

  private static Optional<RootLock> tryAcquire(ReleaseRoot root, String command)
      throws IOException {
    StateFiles.createStateFolder(root.stateDir());
    Path lockFile = root.stateDir().resolve("lock");
    // The real path, so that two spellings of one root are one key.
    Path key = root.stateDir().toRealPath().resolve("lock");
    if (!HELD_BY_THIS_JVM.add(key)) {
      return Optional.empty();
    }
    FileChannel channel = null;
    try {
      // NOFOLLOW_LINKS: a link planted as the lock must not make us create or open its target (issue #20).
      channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          java.nio.file.LinkOption.NOFOLLOW_LINKS);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        // Locked by code in this JVM that does not go through RootLock: treat as held.
        lock = null;
      }
      if (lock == null) {
        channel.close();
        HELD_BY_THIS_JVM.remove(key);
        return Optional.empty();
      }
      Holder holder = Holder.ofThisProcess(command);
      Path holderFile = holderFile(root);
      AtomicFiles.write(holderFile, Json.mapper().writeValueAsBytes(holder));
      return Optional.of(new RootLock(key, channel, lock, holderFile, holder));
    } catch (IOException | RuntimeException e) {
      if (channel != null) {
        try {
          channel.close(); // releases the lock if we got it
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      HELD_BY_THIS_JVM.remove(key);
      throw e;
    }
  }

  /**
   * The holder, once its file names a running process. A SIGKILLed run leaves its file behind; the
   * new holder overwrites it just after taking the lock, so a dead pid is re-read for a moment
   * rather than named (found by the reliability suite).
   */
  private static Optional<Holder> liveHolder(ReleaseRoot root) {
    long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
    while (true) {
      Optional<Holder> holder = readHolder(root);
      boolean alive = holder.flatMap(h -> ProcessHandle.of(h.pid())).map(ProcessHandle::isAlive).orElse(false);
      if (alive || System.nanoTime() > deadline) {
        return alive ? holder : Optional.empty();
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
    }
  }

  /**
   * The holder as last written to {@code lock.holder}; empty when there is none or it cannot be
   * read. Meaningful only while the lock is taken (see the class comment).
   */
  public static Optional<Holder> readHolder(ReleaseRoot root) {
    try {
      return Optional.of(Json.mapper().readValue(holderFile(root).toFile(), Holder.class));
    } catch (IOException | RuntimeException e) {
      // Absent (released a moment ago, or not yet written by a holder that just got the lock) or
      // unreadable: either way we cannot name the holder.
      return Optional.empty();
    }
  }

  private static Path holderFile(ReleaseRoot root) {
    return root.stateDir().resolve("lock.holder");
  }

  private static SlipwayException locked(ReleaseRoot root, Duration waited, Optional<Holder> holder) {
    String who =
        holder
            .map(Holder::describe)
            .orElse("it has not written its name to " + holderFile(root) + " (yet)");
    boolean didWait = !waited.isZero();
    String message =
        (didWait
                ? "another installer still holds the lock on "
                    + root
                    + " after waiting "
                    + describe(waited)
                : "another installer holds the lock on " + root)
            + ": "
            + who;
    String fix =
        didWait
            ? "wait for it to finish, or pass a longer --wait SECONDS"
            : "wait for it to finish, or pass --wait SECONDS";
    return new SlipwayException(FailureKind.LOCKED, "ROOT_LOCKED", message, null, fix);
  }

  private static String describe(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }

  /**
   * The machine's name without asking DNS: {@code InetAddress.getLocalHost()} resolves the name
   * and can stall for seconds on a host with a broken resolver, on every install.
   */
  private static String hostName() {
    try {
      String kernel = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim(); // Linux
      if (!kernel.isEmpty()) {
        return kernel;
      }
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    String windows = System.getenv("COMPUTERNAME");
    if (windows != null && !windows.isBlank()) {
      return windows;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException | RuntimeException e) {
      return "unknown-host";
    }
  }

  /** Who we said we are. */
  public Holder holder() {
    return holder;
  }

  /**
   * Removes the holder file, then releases the lock. In that order: once the lock is released the
   * next holder may already have written its own file, which we must not delete. Idempotent.
   */
  @Override
  public void close() throws IOException {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      Files.deleteIfExists(holderFile);
    } finally {
      try {
        // Closing the channel releases its lock. No lock.release() first: on an interrupted thread
        // (a SIGTERM at the end of a run) it throws ClosedByInterruptException, which turned a
        // finished install into a failed one (InstallSignalIT).
        channel.close();
      } finally {
        HELD_BY_THIS_JVM.remove(key);
      }
    }
  }
}
