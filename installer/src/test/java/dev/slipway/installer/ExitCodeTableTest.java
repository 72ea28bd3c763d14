package dev.slipway.installer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.format.FailureKind;
import dev.slipway.testkit.ExampleApp;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** Scripts branch on exit codes and operators read cause codes: the README must say exactly what the code does. */
class ExitCodeTableTest {
  @Test
  void readmeListsEveryFailureKindWithItsCodeAndMeaning() throws Exception {
    String readme = Files.readString(ExampleApp.repoRoot().resolve("README.md"));
    for (FailureKind kind : FailureKind.values()) {
      assertThat(readme).contains("| " + kind.exitCode() + " | `" + kind.name() + "` | " + kind.meaning() + " |");
    }
  }

  @Test
  void readmeListsEveryCauseOfTheClassifierWithItsFix() throws Exception {
    String readme = Files.readString(ExampleApp.repoRoot().resolve("README.md"));
    assertThat(readme).contains(dev.slipway.installer.diagnosis.CauseTable.markdown().strip());
  }
}
