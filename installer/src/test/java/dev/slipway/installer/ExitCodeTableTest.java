package dev.slipway.installer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.format.FailureKind;
import dev.slipway.installer.diagnosis.CauseTable;
import dev.slipway.testkit.ReferenceDocs;
import org.junit.jupiter.api.Test;

/**
 * Scripts branch on exit codes and operators read cause codes: docs/reference/ must say exactly what
 * the code does (issue #19 moved these tables there from the README).
 */
class ExitCodeTableTest {
  @Test
  void theReferenceListsEveryFailureKindWithItsCodeAndMeaning() {
    String table = ReferenceDocs.read("exit-codes.md");
    for (FailureKind kind : FailureKind.values()) {
      assertThat(table).contains("| " + kind.exitCode() + " | `" + kind.name() + "` | " + kind.meaning() + " |");
    }
  }

  @Test
  void theReferenceListsEveryCauseOfTheClassifierWithItsFix() {
    assertThat(ReferenceDocs.read("causes.md")).contains(CauseTable.markdown().strip());
  }
}
