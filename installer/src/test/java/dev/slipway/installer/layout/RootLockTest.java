package dev.slipway.installer.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.format.FailureKind;
import dev.slipway.format.SlipwayException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootLockTest {

  private static final long OUR_PID = ProcessHandle.current().pid();

  @TempDir Path tmp;
  private ReleaseRoot root;
  private final List<Process> children = new ArrayList<>();

  @BeforeEach
  void setUp() throws IOException {
    root = ReleaseRoot.open(tmp, true);
  }

  @AfterEach
  void killChildren() throws InterruptedException {
    for (Process child : children) {
      child.destroyForcibly();
      child.waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void holderIsWrittenWhileHeldAndRemovedOnClose() throws IOException {
    Path holderFile = root.stateDir().resolve("lock.holder");
    try (RootLock lock = RootLock.acquire(root, "install app.tar.gz", Duration.ZERO)) {
      RootLock.Holder holder = RootLock.readHolder(root).orElseThrow();
      assertThat(holder).isEqualTo(lock.holder());
      assertThat(holder.pid()).isEqualTo(OUR_PID);
      assertThat(holder.command()).isEqualTo("install app.tar.gz");
      assertThat(holder.host()).isNotBlank();
      assertThat(Files.readString(holderFile)).contains("\"pid\":" + OUR_PID);
    }
    assertThat(holderFile).doesNotExist();
    assertThat(root.stateDir().resolve("lock")).exists(); // never deleted, see RootLock
  }

  @Test
  void secondAcquireFailsFastNamingTheHolder() throws IOException {
    try (RootLock first = RootLock.acquire(root, "install app.tar.gz", Duration.ZERO)) {
      assertThatThrownBy(() -> RootLock.acquire(root, "rollback", Duration.ZERO))
          .isInstanceOfSatisfying(
              SlipwayException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(FailureKind.LOCKED);
                assertThat(e.causeCode()).isEqualTo("ROOT_LOCKED");
                assertThat(e.getMessage())
                    .startsWith("another installer holds the lock on " + root + ": pid " + OUR_PID)
                    .contains(" since " + first.holder().since())
                    .endsWith("running \"install app.tar.gz\"");
                assertThat(e.fix()).isEqualTo("wait for it to finish, or pass --wait SECONDS");
              });
    }
  }

  @Test
  void lockCanBeTakenAgainAfterClose() throws IOException {
    RootLock first = RootLock.acquire(root, "install a", Duration.ZERO);
    first.close();
    first.close(); // idempotent
    try (RootLock second = RootLock.acquire(root, "install b", Duration.ZERO)) {
      assertThat(RootLock.readHolder(root)).contains(second.holder());
    }
  }

  @Test
  void waitingAcquireSucceedsOnceTheHolderLetsGo() throws Exception {
    RootLock first = RootLock.acquire(root, "install a", Duration.ZERO);
    CompletableFuture<RootLock> second =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return RootLock.acquire(root, "install b", Duration.ofSeconds(30));
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    // Still waiting while the first holds it...
    assertThat(awaitDone(second, Duration.ofMillis(300))).isFalse();
    first.close();
    // ...and gets it soon after it is released.
    try (RootLock acquired = second.get(10, TimeUnit.SECONDS)) {
      assertThat(acquired.holder().command()).isEqualTo("install b");
    }
  }

  @Test
  void waitingAcquireGivesUpAtTheDeadline() throws IOException {
    try (RootLock first = RootLock.acquire(root, "install a", Duration.ZERO)) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> RootLock.acquire(root, "install b", Duration.ofMillis(300)))
          .isInstanceOfSatisfying(
              SlipwayException.class,
              e -> {
                assertThat(e.causeCode()).isEqualTo("ROOT_LOCKED");
                assertThat(e.getMessage()).contains("after waiting 300ms").contains("install a");
                assertThat(e.fix()).contains("longer --wait");
              });
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(
          Duration.ofMillis(300));
    }
  }

  @Test
  void aHolderThatFinishesWhileBeingNamedLeavesTheRootToTheWaiter() throws Exception {
    // A holder that has not written lock.holder (yet) cannot be named; it is looked for for up to
    // 2 s, and when it lets go meanwhile the waiter takes the free root instead of refusing it.
    Path lockFile = tmp.resolve(".slipway/lock");
    Files.createDirectories(lockFile.getParent());
    FileChannel raw = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock held = raw.lock();
    CompletableFuture<Void> letGo = CompletableFuture.runAsync(() -> {
      try {
        Thread.sleep(300);
        held.release();
        raw.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    try (RootLock acquired = RootLock.acquire(root, "install b", Duration.ZERO)) {
      assertThat(acquired.holder().command()).isEqualTo("install b");
    } finally {
      letGo.get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void negativeWaitIsRejected() {
    assertThatThrownBy(() -> RootLock.acquire(root, "x", Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anotherProcessIsNamedAndKill9ReleasesItsLock() throws Exception {
    Process holder = startChild("hold", root.path().toString(), "install other.tar.gz");
    assertThat(firstLine(holder)).isEqualTo("HOLDING " + holder.pid());

    assertThatThrownBy(() -> RootLock.acquire(root, "install mine.tar.gz", Duration.ZERO))
        .isInstanceOfSatisfying(
            SlipwayException.class,
            e ->
                assertThat(e.getMessage())
                    .contains("pid " + holder.pid() + " on ")
                    .contains("running \"install other.tar.gz\""));

    holder.destroyForcibly(); // SIGKILL: no shutdown hook, no close(), only the OS cleans up
    assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();

    try (RootLock mine = RootLock.acquire(root, "install mine.tar.gz", Duration.ZERO)) {
      // The dead holder's file was left behind and is now replaced by ours.
      assertThat(RootLock.readHolder(root).orElseThrow().pid()).isEqualTo(OUR_PID);
    }
  }

  @Test
  void aFailedAttemptInThisJvmDoesNotUnlockTheRootForOthers() throws Exception {
    // Closing a second channel on the lock file would drop this process's POSIX lock: the failed
    // attempt must not touch the file at all.
    try (RootLock held = RootLock.acquire(root, "install a", Duration.ZERO)) {
      assertThatThrownBy(() -> RootLock.acquire(root, "install b", Duration.ZERO))
          .isInstanceOf(SlipwayException.class);

      Process probe = startChild("probe", root.path().toString());
      assertThat(firstLine(probe)).startsWith("LOCKED ").contains("pid " + OUR_PID);
    }
    Process probe = startChild("probe", root.path().toString());
    assertThat(firstLine(probe)).isEqualTo("ACQUIRED");
  }

  private Process startChild(String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-XX:TieredStopAtLevel=1"); // a short-lived JVM: start fast
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(LockChild.class.getName());
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    children.add(p);
    return p;
  }

  /** The child's first line of output, within a deadline (a JVM start takes well under 30 s). */
  private static String firstLine(Process p) throws Exception {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<String> line =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return out.readLine();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    return line.get(30, TimeUnit.SECONDS);
  }

  private static boolean awaitDone(CompletableFuture<?> f, Duration d) {
    long deadline = System.nanoTime() + d.toNanos();
    while (System.nanoTime() < deadline) {
      if (f.isDone()) {
        return true;
      }
      Thread.onSpinWait();
    }
    return f.isDone();
  }
}
