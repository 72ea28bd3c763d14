package dev.slipway.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProcessesTest {
  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void killEverythingStarted() {
    started.forEach(p -> Processes.destroyTree(p.toHandle(), Duration.ofSeconds(5)));
  }

  @Test
  void descendantsOfListsChildrenAndGrandchildren() throws Exception {
    // sh -> (sleep, sh -> sleep): the inner sh runs two commands so it cannot exec into sleep.
    Process root = start("sh", "-c", "sleep 300 & sh -c 'sleep 300; true' & wait");
    long pid = root.pid();

    Set<Long> descendants = awaitDescendants(pid, 3);

    assertThat(descendants).hasSize(3).doesNotContain(pid);
    assertThat(descendants)
        .anySatisfy(
            d -> {
              long parent = ProcessHandle.of(d).flatMap(ProcessHandle::parent).orElseThrow().pid();
              assertThat(parent).as("a grandchild's parent").isNotEqualTo(pid);
            });
  }

  @Test
  void descendantsOfAProcessThatIsGoneIsEmpty() throws Exception {
    Process p = start("true");
    p.waitFor();

    assertThat(Processes.descendantsOf(p.pid())).isEmpty();
  }

  @Test
  void destroyTreeKillsTheRootAndItsDescendants() throws Exception {
    Process root = start("sh", "-c", "sleep 300 & sh -c 'sleep 300; true' & wait");
    Set<Long> descendants = awaitDescendants(root.pid(), 3);

    Processes.destroyTree(root.toHandle(), Duration.ofSeconds(5));

    assertThat(root.isAlive()).isFalse();
    for (long d : descendants) {
      assertThat(ProcessHandle.of(d).map(ProcessHandle::isAlive).orElse(false))
          .as("descendant %d alive", d)
          .isFalse();
    }
  }

  @Test
  void findByCommandLineContainingFindsAProcessByItsArguments() throws Exception {
    String token = uniqueSleepArgument();
    Process p = start("sleep", "300", token);

    List<ProcessHandle> found = awaitFound(token);

    assertThat(found).extracting(ProcessHandle::pid).containsExactly(p.pid());
  }

  @Test
  void findByCommandLineContainingFindsAProcessThatRenamedItselfLikeNextServer() throws Exception {
    // next start sets process.title = "next-server (vX)"; the JDK then reports only the node
    // executable as its command line. The title must still be findable.
    String title = "slipway-test-" + UUID.randomUUID().toString().substring(0, 8);
    Process p =
        start("node", "-e", "process.title = '" + title + "'; setTimeout(() => {}, 300000) // pad");

    List<ProcessHandle> found = awaitFound(title);

    assertThat(found).extracting(ProcessHandle::pid).containsExactly(p.pid());
  }

  @Test
  void findByCommandLineContainingDoesNotReportThisJvm() {
    String myCommandLine = ProcessHandle.current().info().commandLine().orElse("java");

    assertThat(Processes.findByCommandLineContaining(myCommandLine))
        .extracting(ProcessHandle::pid)
        .doesNotContain(ProcessHandle.current().pid());
  }

  @Test
  void awaitNoneMatchingReturnsOnceTheProcessHasExited() throws Exception {
    String token = uniqueSleepArgument();
    // Exits on its own after about a second: awaitNoneMatching must wait for that, not return
    // at once and not time out.
    start("sleep", "0.8", token);
    awaitFound(token);

    Processes.awaitNoneMatching(token, Duration.ofSeconds(10));

    assertThat(Processes.findByCommandLineContaining(token)).isEmpty();
  }

  @Test
  void awaitNoneMatchingFailsListingTheSurvivors() throws Exception {
    String token = uniqueSleepArgument();
    Process p = start("sleep", "300", token);
    awaitFound(token);

    assertThatThrownBy(() -> Processes.awaitNoneMatching(token, Duration.ofMillis(300)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("pid " + p.pid())
        .hasMessageContaining(token);
  }

  /** A second duration for sleep(1), which adds up its arguments: 0.000NNNNNNNN seconds. */
  private static String uniqueSleepArgument() {
    return String.format("0.000%09d", ThreadLocalRandom.current().nextInt(1_000_000_000));
  }

  private Process start(String... command) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    started.add(p);
    return p;
  }

  private static Set<Long> awaitDescendants(long pid, int count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    Set<Long> d = Processes.descendantsOf(pid);
    while (d.size() < count && System.nanoTime() < deadline) {
      Thread.sleep(50);
      d = Processes.descendantsOf(pid);
    }
    return d;
  }

  private static List<ProcessHandle> awaitFound(String needle) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    List<ProcessHandle> found = Processes.findByCommandLineContaining(needle);
    while (found.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(50);
      found = Processes.findByCommandLineContaining(needle);
    }
    return found;
  }
}
