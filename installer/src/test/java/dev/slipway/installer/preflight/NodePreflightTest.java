package dev.slipway.installer.preflight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.slipway.format.FailureKind;
import dev.slipway.format.SlipwayException;
import org.assertj.core.api.ThrowableAssertAlternative;
import org.junit.jupiter.api.Test;

class NodePreflightTest {

  private static final NodeRuntime NODE_20 = new NodeRuntime("20.20.2", 20, "115", "linux", "x64");
  private static final NodeRuntime NODE_18 = new NodeRuntime("18.19.0", 18, "108", "linux", "x64");
  private static final NodeRuntime NODE_22 = new NodeRuntime("22.3.0", 22, "127", "linux", "x64");

  private static ThrowableAssertAlternative<SlipwayException> refusal(
      NodeRuntime host, String range, String built, boolean allowMajorMismatch, String causeCode) {
    return org.assertj.core.api.Assertions.assertThatExceptionOfType(SlipwayException.class)
        .isThrownBy(() -> NodePreflight.check(host, range, built, allowMajorMismatch))
        .satisfies(
            e -> {
              assertThat(e.kind()).isEqualTo(FailureKind.NODE_PREFLIGHT);
              assertThat(e.causeCode()).isEqualTo(causeCode);
            });
  }

  @Test
  void hostInRangeWithTheBuildsMajorPasses() {
    assertThat(NodePreflight.check(NODE_20, ">=20 <23", "20.11.1", false)).isEmpty();
    assertThat(NodePreflight.check(NODE_20, "18.x || 20.x", "v20.11.1", false)).isEmpty();
    assertThat(NodePreflight.check(NODE_20, null, "20.11.1", false)).isEmpty();
    assertThat(NodePreflight.check(NODE_20, "  ", "20.11.1", false)).isEmpty();
  }

  @Test
  void hostOutsideEnginesIsRefusedNamingBothVersionsAndTheRange() {
    refusal(NODE_18, ">=20 <23", "20.11.1", false, "NODE_ENGINES_MISMATCH")
        .withMessage(
            "Node.js 18.19.0 on this host does not satisfy engines.node \">=20 <23\" of the release"
                + " (built with Node.js 20.11.1); install a matching Node.js")
        .satisfies(
            e -> {
              assertThat(e.fix()).contains("preferably 20.x", "built with 20.11.1");
              assertThat(e.evidence())
                  .contains("18.19.0 (modules ABI 108, linux-x64)", "built with: Node.js 20.11.1");
            });
  }

  @Test
  void enginesIsNotWaivedByTheMajorMismatchFlag() {
    refusal(NODE_20, "^18", "18.19.0", true, "NODE_ENGINES_MISMATCH");
  }

  @Test
  void hostWithAnotherMajorIsRefusedEvenInsideEngines() {
    refusal(NODE_22, ">=20", "20.11.1", false, "NODE_MAJOR_MISMATCH")
        .withMessage(
            "Node.js 22.3.0 on this host is not the major version the release was built with"
                + " (20.11.1), though it satisfies engines.node \">=20\"; install Node.js 20.x or"
                + " rebuild the archive with Node.js 22")
        .satisfies(
            e ->
                assertThat(e.fix())
                    .startsWith(
                        "install Node.js 20.x (the release was built with 20.11.1) or rebuild the"
                            + " archive with this host's Node.js 22.3.0"));
    refusal(NODE_18, null, "20.11.1", false, "NODE_MAJOR_MISMATCH");
  }

  @Test
  void allowingMajorMismatchPassesWithAWarning() {
    assertThat(NodePreflight.check(NODE_22, ">=20", "20.11.1", true))
        .hasValueSatisfying(w -> assertThat(w).contains("22.3.0", "20.11.1", "waived"));
  }

  @Test
  void invalidEnginesRangeIsRefusedSayingWhatIsWrong() {
    refusal(NODE_20, "node >= 20", "20.11.1", false, "NODE_ENGINES_INVALID")
        .withMessageStartingWith(
            "engines.node \"node >= 20\" in the release's package.json is not a valid semver range"
                + " (\"node\" is not a version")
        .satisfies(e -> assertThat(e.fix()).contains("\">=20 <21\"", "\"20.x\""));
  }

  @Test
  void invalidBuildVersionIsAProgrammingError() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> NodePreflight.check(NODE_20, null, "twenty", false));
  }
}
