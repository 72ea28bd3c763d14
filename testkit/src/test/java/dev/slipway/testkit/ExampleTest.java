package dev.slipway.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The cheap parts of {@link Example}: where each corpus app lives and where its build goes. */
class ExampleTest {

  @Test
  void everyCorpusAppHasSourcesAndItsOwnCacheFolder() {
    Path root = ExampleApp.repoRoot();
    for (String name : ExampleApp.CORPUS) {
      Example example = ExampleApp.named(name);
      assertThat(example.sourceDir()).isEqualTo(root.resolve("examples").resolve(name));
      assertThat(example.sourceDir().resolve("package.json")).isRegularFile();
      assertThat(example.sourceDir().resolve("package-lock.json")).isRegularFile();
      assertThat(example.cachedBuild().target()).isEqualTo(root.resolve("target/testkit/" + name + "-built"));
    }
  }

  @Test
  void helloNextShortcutsAreTheNamedExample() {
    assertThat(ExampleApp.named("hello-next").sourceDir()).isEqualTo(ExampleApp.sourceDir());
    assertThat(ExampleApp.named("hello-next").cachedBuild().target())
        .isEqualTo(ExampleApp.cachedBuild().target())
        .isEqualTo(ExampleApp.repoRoot().resolve("target/testkit/hello-next-built"));
  }

  @Test
  void aNameThatIsNotAPlainFolderNameIsRefused() {
    for (String bad : new String[] {"../hello-next", "a/b", "", ".hidden", "Hello"}) {
      assertThatThrownBy(() -> ExampleApp.named(bad)).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
