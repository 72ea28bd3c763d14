package dev.slipway.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cheap parts of {@link ExampleApp}: finding the repository. */
class ExampleAppTest {
  private final String saved = System.getProperty("slipway.repoRoot");

  @AfterEach
  void restoreProperty() {
    if (saved == null) {
      System.clearProperty("slipway.repoRoot");
    } else {
      System.setProperty("slipway.repoRoot", saved);
    }
  }

  @Test
  void repoRootIsFoundByWalkingUpToTheExample() {
    System.clearProperty("slipway.repoRoot");

    Path root = ExampleApp.repoRoot();

    assertThat(root.resolve("examples/hello-next/package.json")).isRegularFile();
    assertThat(root.resolve("testkit/pom.xml")).isRegularFile();
    assertThat(ExampleApp.sourceDir()).isEqualTo(root.resolve("examples/hello-next"));
  }

  @Test
  void repoRootFromTheSystemPropertyWins(@TempDir Path elsewhere) {
    System.setProperty("slipway.repoRoot", elsewhere.toString());

    assertThat(ExampleApp.repoRoot()).isEqualTo(elsewhere.toAbsolutePath().normalize());
  }
}
