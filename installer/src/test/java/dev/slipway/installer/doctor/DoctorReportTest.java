package dev.slipway.installer.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.format.FailureKind;
import dev.slipway.format.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class DoctorReportTest {
  static final DoctorReport MIXED = new DoctorReport("20261127T163000Z-b1", "hello-next 1.0.0", List.of(
      CheckResult.ok("node", "v20.20.2 satisfies engines.node \">=20 <23\""),
      CheckResult.fail("env", "required GREETING is not set", "add GREETING to /srv/shared/.env.production"),
      CheckResult.warn("logs", "iisnode/x.txt shows an exception", null).withEvidence("Error: boom\n    at x (y.js:1:1)"),
      CheckResult.fail("native-modules", "1 of 2 native modules fail to load", "npm rebuild")));

  @Test
  void printsOneAlignedVerdictLinePerCheckWithItsFixAndEvidenceIndentedBelow() {
    assertThat(MIXED.lines()).containsExactly(
        "doctor: live release 20261127T163000Z-b1 (hello-next 1.0.0)",
        "ok    node            v20.20.2 satisfies engines.node \">=20 <23\"",
        "FAIL  env             required GREETING is not set — fix: add GREETING to /srv/shared/.env.production",
        "warn  logs            iisnode/x.txt shows an exception",
        "        Error: boom",
        "            at x (y.js:1:1)",
        "FAIL  native-modules  1 of 2 native modules fail to load — fix: npm rebuild",
        "doctor: 1 ok, 1 warn, 2 FAIL");
  }

  @Test
  void aReleaseNameOrLogLineHoldingEscapeSequencesIsPrintedEscaped() {
    // Issue #20: the heading comes from a release manifest in ROOT, the evidence from the app's log.
    DoctorReport report = new DoctorReport("20261127T163000Z-b1", "shop\u001b]0;pwned\u0007 1.0.0", List.of(
        CheckResult.warn("logs", "the log shows an exception", null)
            .withEvidence("Error: \u001b]52;c;ZXZpbA==\u0007\u001b[2J\nok    forged")));

    assertThat(report.lines()).containsExactly(
        "doctor: live release 20261127T163000Z-b1 (shop\\x1b]0;pwned\\x07 1.0.0)",
        "warn  logs            the log shows an exception",
        "        Error: \\x1b]52;c;ZXZpbA==\\x07\\x1b[2J",
        "        ok    forged",
        "doctor: 0 ok, 1 warn, 0 FAIL");
  }

  @Test
  void failsWithExit29NamingHowManyChecksFailed() {
    assertThat(MIXED.ok()).isFalse();
    assertThat(MIXED.failure()).hasValueSatisfying(e -> {
      assertThat(e.kind()).isEqualTo(FailureKind.DOCTOR_FAILED);
      assertThat(e.kind().exitCode()).isEqualTo(29);
      assertThat(e.getMessage()).isEqualTo("2 of 4 checks failed: env, native-modules");
    });
  }

  @Test
  void warningsAloneDoNotFail() {
    DoctorReport report = new DoctorReport("20261127T163000Z-b1", "x", List.of(CheckResult.warn("logs", "old crash", null)));

    assertThat(report.ok()).isTrue();
    assertThat(report.failure()).isEmpty();
  }

  @Test
  void jsonHasOkAndOneObjectPerCheck() throws Exception {
    var json = Json.mapper().readTree(Json.line(MIXED.json()));

    assertThat(json.get("ok").asBoolean()).isFalse();
    assertThat(json.get("release").asText()).isEqualTo("20261127T163000Z-b1");
    assertThat(json.get("checks")).hasSize(4);
    assertThat(json.get("checks").get(1).get("check").asText()).isEqualTo("env");
    assertThat(json.get("checks").get(1).get("verdict").asText()).isEqualTo("fail");
    assertThat(json.get("checks").get(1).get("fix").asText()).startsWith("add GREETING");
    assertThat(json.get("checks").get(2).get("evidence").asText()).startsWith("Error: boom");
  }
}
