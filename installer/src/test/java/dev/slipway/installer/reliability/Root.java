package dev.slipway.installer.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.format.Sha256;
import dev.slipway.installer.layout.ReleaseRoot;
import dev.slipway.installer.layout.RootLock;
import dev.slipway.testkit.ExampleApp;
import dev.slipway.testkit.Http;
import dev.slipway.testkit.Processes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An installer root as a test sees it from outside: what {@code current} points to, which releases
 * and staging folders exist, whether a release is complete, whether it serves, and which processes
 * still run inside it.
 */
record Root(Path path) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * A fresh root whose npm cache is the run's shared cache (as {@code TestRoot} does), so npm ci
   * never downloads.
   */
  static Root create(Path dir) throws IOException {
    Path shared = Files.createDirectories(dir.resolve("shared"));
    Path cache = Files.createDirectories(ExampleApp.repoRoot().resolve("target/testkit/npm-cache"));
    Files.createSymbolicLink(shared.resolve("npm-cache"), cache);
    return new Root(dir.toAbsolutePath());
  }

  /** A copy (cp -a: links stay links) of this root, to start each test from the same state cheaply. */
  Root copyTo(Path dir) throws IOException, InterruptedException {
    Process cp = new ProcessBuilder("cp", "-a", path.toString(), dir.toString()).inheritIO().start();
    assertThat(cp.waitFor()).as("cp -a " + path + " " + dir).isZero();
    return new Root(dir.toAbsolutePath());
  }

  String arg() {
    return path.toString();
  }

  /** The release id {@code current} links to; empty when there is no link. */
  Optional<String> live() {
    Path current = path.resolve("current");
    try {
      return Files.isSymbolicLink(current)
          ? Optional.of(Files.readSymbolicLink(current).getFileName().toString())
          : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String requireLive() {
    return live().orElseThrow(() -> new AssertionError(path + "/current is not a link"));
  }

  List<String> releases() {
    return names(path.resolve("releases"), "");
  }

  /** ROOT/.staging-* folders. */
  List<String> stagingDirs() {
    return names(path, ".staging-");
  }

  private static List<String> names(Path dir, String prefix) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> list = Files.list(dir)) {
      return list.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@code releases/ID} is a complete release: a real folder holding every file its manifest lists
   * with the listed size and SHA-256, and the record npm ci (or reuse) writes when it is done.
   */
  void assertComplete(String id) {
    Path release = path.resolve("releases").resolve(id);
    assertThat(Files.isDirectory(release, LinkOption.NOFOLLOW_LINKS)).as(release + " is a folder").isTrue();
    try {
      JsonNode manifest = JSON.readTree(release.resolve(".deploy/manifest.json").toFile());
      for (JsonNode file : manifest.get("files")) {
        Path f = release.resolve(file.get("path").asText());
        assertThat(f).as("release " + id + " is complete").isRegularFile();
        assertThat(Files.size(f)).as(f + " size").isEqualTo(file.get("size").asLong());
        assertThat(Sha256.of(f)).as(f + " SHA-256").isEqualTo(file.get("sha256").asText());
      }
      assertThat(release.resolve(".deploy/install.json")).as("dependencies installed in " + id).isRegularFile();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Starts {@code node server.js} in {@code current} as the service would, requires GET / to answer
   * 200 and returns the body; the server is stopped before returning.
   */
  String serveCurrent(Path logDir) throws IOException {
    int port = Http.freePort();
    Files.createDirectories(logDir);
    ProcessBuilder builder = new ProcessBuilder("node", "server.js")
        .directory(path.resolve("current").toFile())
        .redirectErrorStream(true)
        .redirectOutput(logDir.resolve("serve-" + port + ".log").toFile());
    builder.environment().put("PORT", Integer.toString(port));
    builder.environment().put("HOSTNAME", "127.0.0.1");
    Process server = builder.start();
    try {
      return Http.awaitStatus("http://127.0.0.1:" + port + "/", 200, Duration.ofSeconds(30)).body();
    } finally {
      Processes.destroyTree(server.toHandle(), Duration.ofSeconds(10));
    }
  }

  /**
   * Processes that run inside this root: their working folder, or an argument of their command
   * line, is (under) ROOT. That covers npm ci and its scripts, the smoke-started server and what it
   * spawned (they run in staging), and an installer working on the root. Zombies are not counted.
   */
  List<String> processes() {
    return OsProcesses.under(path);
  }

  /** Polls until no process runs inside the root; fails naming them after {@code timeout}. */
  void awaitNoProcesses(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<String> left = processes();
    while (!left.isEmpty()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("still running inside " + path + " after " + timeout + ":\n  " + String.join("\n  ", left));
      }
      Cli.sleep(100);
      left = processes();
    }
  }

  /** Cleanup after a test (also a failed one): SIGKILL what the test's installers left inside the root. */
  void killProcesses() {
    OsProcesses.pidsUnder(path).forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
  }

  /** No installer holds the root's lock: this JVM can take it (and gives it back at once). */
  void assertLockFree() throws IOException {
    try (RootLock lock = RootLock.acquire(ReleaseRoot.open(path, false), "reliability test probe", Duration.ZERO)) {
      assertThat(lock.holder().pid()).isEqualTo(ProcessHandle.current().pid());
    }
  }

  /** history.jsonl, one node per line. */
  List<JsonNode> history() throws IOException {
    Path file = path.resolve("history.jsonl");
    List<JsonNode> entries = new ArrayList<>();
    if (Files.exists(file)) {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          entries.add(JSON.readTree(line));
        }
      }
    }
    return entries;
  }

  /** The one line an attempt added to history.jsonl, which held {@code linesBefore} lines before it. */
  JsonNode addedHistoryLine(int linesBefore) throws IOException {
    List<JsonNode> entries = history();
    assertThat(entries).as("one history line for the attempt").hasSize(linesBefore + 1);
    return entries.get(entries.size() - 1);
  }

  /** Asserts the fields of a history line ({@code failedStep} is not checked when null). */
  static void assertHistoryLine(JsonNode line, String action, String result, String failedStep, String causeCode) {
    assertThat(line.path("action").asText()).as(line.toString()).isEqualTo(action);
    assertThat(line.path("result").asText()).as(line.toString()).isEqualTo(result);
    if (failedStep != null) {
      assertThat(line.path("failedStep").asText()).as(line.toString()).isEqualTo(failedStep);
    }
    assertThat(line.path("causeCode").asText()).as(line.toString()).isEqualTo(causeCode);
  }

  void touch(String name) throws IOException {
    Files.writeString(path.resolve(name), "");
  }

  void delete(String name) throws IOException {
    Files.deleteIfExists(path.resolve(name));
  }
}
