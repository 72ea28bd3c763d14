package dev.slipway.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The manifest fields every command prints (issue #20): what real apps produce passes, what acts on a terminal does not. */
class ManifestTextTest {

  @ParameterizedTest
  @ValueSource(strings = {"my-app", "@team/my-app", "Legacy.App_2", "hello-next", "a~b"})
  void realAppNamesAreAccepted(String name) {
    assertThat(new Manifest.App(name, "1.0.0").name()).isEqualTo(name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.0.0", "1.2.3-rc.1+sha.5114f85", "v1.2-3-gabc1234-dirty", "0.0.0+Xy_12-ab", "abc1234", "2024.01.05"})
  void realVersionsIncludingGitDescribeAndTheBuildIdFallbackAreAccepted(String version) {
    assertThat(new Manifest.App("app", version).version()).isEqualTo(version);
  }

  @ParameterizedTest
  @ValueSource(strings = {"demo\u001b]0;t\u0007", "a b", "app\n", "x\u202e", "<script>", "a;b"})
  void namesATerminalWouldActOnAreRefusedWithTheValueEscaped(String name) {
    assertThatThrownBy(() -> new Manifest.App(name, "1.0.0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("app.name '")
        .satisfies(e -> assertThat(e.getMessage().chars().filter(c -> c < 0x20 || c == 0x202e)).isEmpty());
  }

  @org.junit.jupiter.api.Test
  void aNameLongerThanNpmAllowsIsRefused() {
    assertThatThrownBy(() -> new Manifest.App("a".repeat(215), "1.0.0")).hasMessageContaining("at most 214");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.0.0\nok: forged line", "\u001b[2J", "1.0 beta", "1/2"})
  void versionsWithControlsOrSpacesAreRefused(String version) {
    assertThatThrownBy(() -> new Manifest.App("app", version)).hasMessageStartingWith("app.version '");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Hq1dR4_xZ-3kq9", "5114f85a9c", "1.2.3", "build-1"})
  void nextBuildIdsAndCommitHashesPass(String buildId) {
    assertThat(ManifestText.buildIdProblem(buildId)).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"id\u001b]0;x\u0007", "a/b", "two words", "x\u0085"})
  void buildIdsOutsideTheSetAreRefused(String buildId) {
    assertThat(ManifestText.buildIdProblem(buildId)).startsWith("build id '");
    assertThatThrownBy(() -> ManifestText.buildId(buildId)).hasMessageStartingWith("buildId '");
  }
}
