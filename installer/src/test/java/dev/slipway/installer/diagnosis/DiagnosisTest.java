package dev.slipway.installer.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.format.FailureKind;
import dev.slipway.format.FailureText;
import dev.slipway.format.SlipwayException;
import org.junit.jupiter.api.Test;

class DiagnosisTest {

  @Test
  void the_failure_names_the_cause_first_quotes_the_exception_second_and_gives_the_fix_last() {
    Diagnosis d = new Classifier().classify(Source.APP, Corpus.log("app-window.log"), Context.empty());

    SlipwayException failure = d.toException(FailureKind.SMOKE_FAILED);

    assertThat(failure.kind()).isEqualTo(FailureKind.SMOKE_FAILED);
    assertThat(failure.causeCode()).isEqualTo("BROWSER_API_ON_SERVER");
    assertThat(FailureText.lines(failure)).containsExactly(
        "error: BROWSER_API_ON_SERVER: code that runs during server rendering uses window, which exists only in the browser",
        "  ⨯ ReferenceError: window is not defined",
        "      at CartBadge (/var/www/shop/releases/20260301T101502Z-Yx9kQ2/.next/server/app/page.js:1:5123)",
        "fix: " + d.fix());
  }

  @Test
  void without_an_exception_the_failure_is_the_cause_and_the_fix() {
    Diagnosis d = new Diagnosis("UNKNOWN", "nothing matched", null, "read the log");

    assertThat(FailureText.lines(d.toException(FailureKind.NPM_FAILED)))
        .containsExactly("error: UNKNOWN: nothing matched", "fix: read the log");
  }
}
