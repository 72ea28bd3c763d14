package dev.slipway.installer.doctor;

import dev.slipway.process.CapturedCommand;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Recorded {@code npm ls --omit=dev --all --json --long} outputs (npm 11) of hand-made trees,
 * judged as the dependencies check judges them (issue #17).
 */
class NpmLsReportTest {
  private static String recorded(String name) throws IOException {
    try (InputStream in = NpmLsReportTest.class.getResourceAsStream("npm-ls/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static CheckResult judged(String name) throws IOException {
    return DependenciesCheck.judge(new CapturedCommand.Output(Optional.of(1), recorded(name), false));
  }

  @Test
  void peerRangesThatNpmCiAcceptedAreWarningsNotFailures() throws IOException {
    NpmLsReport report = NpmLsReport.parse(recorded("peer-ranges-only.json"));

    assertThat(report.broken()).isEmpty();
    assertThat(report.notable()).containsExactlyInAnyOrder(
        "peer range: react-dom@19.0.0 does not satisfy \"^16.8.0 || ^17 || ^18\" of old-carousel@2.1.0"
            + " (npm ci accepted it: legacy-peer-deps or overrides)",
        "peer range: react@19.0.0 does not satisfy \"^16.8.0 || ^17 || ^18\" of old-carousel@2.1.0"
            + " (npm ci accepted it: legacy-peer-deps or overrides)");
    CheckResult result = judged("peer-ranges-only.json");
    assertThat(result.verdict()).isEqualTo(Verdict.WARN);
    assertThat(result.detail()).startsWith("node_modules holds every production dependency;");
    assertThat(result.fix()).doesNotContain("install the archive again");
  }

  @Test
  void aMissingTransitiveDependencyFails() throws IOException {
    NpmLsReport report = NpmLsReport.parse(recorded("transitive-missing.json"));

    assertThat(report.broken()).containsExactly("missing: tiny@^1.0.0, required by old-carousel@2.1.0");
    assertThat(report.notable()).hasSize(2);
    CheckResult result = judged("transitive-missing.json");
    assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(result.detail()).isEqualTo("npm ls --omit=dev --all: missing: tiny@^1.0.0, required by old-carousel@2.1.0;"
        + " and 2 findings npm ci accepted");
    assertThat(result.fix()).contains("install the archive again");
  }

  @Test
  void aMissingDirectDependencyAndADirectOneOutOfRangeFailWhilePeersAndTransitiveRangesWarn() throws IOException {
    NpmLsReport report = NpmLsReport.parse(recorded("missing-and-direct-out-of-range.json"));

    assertThat(report.broken()).containsExactlyInAnyOrder(
        "missing: absent@^2.0.0, required by site@1.0.0",
        "missing: gone@^1.0.0, required by lib-needs-dep@1.0.0",
        "invalid: react-dom@19.0.0 is outside package.json's range \"^18.0.0\"");
    assertThat(report.notable()).containsExactlyInAnyOrder(
        "peer ghost@^1 of lib-needs-dep@1.0.0 is not installed (npm ci with legacy-peer-deps skips peers)",
        "peer range: react@18.3.1 does not satisfy \"^19.0.0\" of react-dom@19.0.0 (npm ci accepted it: legacy-peer-deps or overrides)",
        "peer range: react@18.3.1 does not satisfy \"^17.0.0\" of old-lib@1.0.0 (npm ci accepted it: legacy-peer-deps or overrides)",
        "invalid: react@18.3.1 does not satisfy \"^16.0.0\" of node_modules/lib-needs-dep (the lockfile installed it so; npm ci accepted it)");
    assertThat(judged("missing-and-direct-out-of-range.json").evidence().lines()).hasSize(7).last().isEqualTo("(and 1 more)");
  }

  @Test
  void npmsOwnFailureIsNamed() {
    CheckResult result = DependenciesCheck.judge(new CapturedCommand.Output(Optional.of(1),
        "{\"error\":{\"code\":\"EJSONPARSE\",\"summary\":\"Invalid package.json\",\"detail\":\"\"}}", false));

    assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(result.detail()).endsWith("printed no readable tree: EJSONPARSE Invalid package.json");
  }
}
