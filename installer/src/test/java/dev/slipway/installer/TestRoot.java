package dev.slipway.installer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.testkit.ExampleApp;
import dev.slipway.testkit.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A fresh ROOT for one test, with an env file that sets the example's required GREETING, and the
 * npm cache linked to one shared cache so that repeated npm ci runs do not download everything.
 */
public record TestRoot(Path path) {
  static TestRoot create(Path dir) throws IOException {
    Path shared = Files.createDirectories(dir.resolve("shared"));
    Files.writeString(shared.resolve(".env.production"), "GREETING=hello from the env file\n");
    Path cache = Files.createDirectories(ExampleApp.repoRoot().resolve("target/testkit/npm-cache"));
    Files.createSymbolicLink(shared.resolve("npm-cache"), cache);
    return new TestRoot(dir);
  }

  Optional<String> live() throws IOException {
    Path current = path.resolve("current");
    return Files.isSymbolicLink(current) ? Optional.of(Files.readSymbolicLink(current).getFileName().toString()) : Optional.empty();
  }

  List<String> releases() throws IOException {
    try (Stream<Path> list = Files.list(path.resolve("releases"))) {
      return list.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  void assertNoStagingLeft() throws IOException {
    try (Stream<Path> list = Files.list(path)) {
      assertThat(list.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith(".staging"));
    }
  }

  public static void assertNoChildProcessesLeft() {
    assertThat(Processes.descendantsAliveAfter(Duration.ofSeconds(5)))
        .as("processes started by the installer and still running").isEmpty();
  }
}
