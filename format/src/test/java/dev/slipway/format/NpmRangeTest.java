package dev.slipway.format;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NpmRangeTest {

  // Every expected value below is node-semver 7.x's answer to semver.satisfies(version, range)
  // (the matcher npm uses), so a disagreement here is a disagreement with npm.
  @ParameterizedTest(name = "{1} in \"{0}\" is {2}")
  @CsvSource(
      delimiter = ';',
      value = {
        "^0.2.3;              0.2.5;               true",
        "^0.2.3;              0.3.0;               false",
        "^0.0.3;              0.0.4;               false",
        "^0.x;                0.9.0;               true",
        "^0.x;                1.0.0;               false",
        "~1.2;                1.2.4;               true",
        "~1.2;                1.3.0;               false",
        "1.x;                 1.9.9;               true",
        "1.x;                 2.0.0;               false",
        "*;                   1.0.0;               true",
        "'';                  1.0.0;               true",
        "x;                   3.0.0;               true",
        "x.x;                 0.0.0;               true",
        "<x;                  1.0.0;               false",
        ">=1 <2 || ^3;        1.2.3;               true",
        ">=1 <2 || ^3;        2.3.4;               false",
        ">=1 <2 || ^3;        3.1.0;               true",
        ">=1 <2 || ^3;        4.0.0;               false",
        "1.2.3 - 2.3.4;       2.3.4;               true",
        "1.2.3 - 2.3.4;       2.3.5;               false",
        "1 - 2;               2.9.9;               true",
        "1 - 2;               3.0.0;               false",
        "^1.0.0 ^1.0.1;       1.0.0;               false",
        "^1.0.0 ^1.0.1;       1.0.1;               true",
        ">= 1.0.0 < 2;        1.9.9;               true",
        ">= 1.0.0 < 2;        2.0.0;               false",
        "~> 1.2;              1.2.3;               true",
        "~> 1.2;              1.3.0;               false",
        "=v1.2.3;             1.2.3;               true",
        "^1.0.0 ||;           4.0.0;               true",
        "^15.0.0;             14.2.3;              false",
        "^15.0.0;             15.0.4;              true",
        // prereleases: only a set that names a prerelease of the same x.y.z admits one
        "*;                   2.0.0-beta.1;        false",
        "^1.2.3;              1.2.4-beta.1;        false",
        "^15.0.0;             15.0.0-canary.1;     false",
        "^1.2.3-beta.1;       1.2.3-beta.2;        true",
        "^1.2.3-beta.1;       1.2.4-beta.1;        false",
        "^1.2.3-beta.1;       1.9.9;               true",
        ">=1.2.3-beta.1 <1.2.4; 1.2.3-rc.1;        true",
        "^15.0.4-canary.0;    15.0.4-canary.1;     true",
        "<1.2;                1.2.0;               false",
        "<1.2;                1.2.3-beta.1;        false",
      })
  void matchesLikeNodeSemver(String range, String version, boolean expected) {
    NpmRange parsed = NpmRange.parse(range).orElseThrow();

    assertThat(parsed.isSatisfiedBy(version)).isEqualTo(expected);
  }

  // node-semver's validRange() returns null for each of these: npm reads them as dist-tags.
  @ParameterizedTest
  @ValueSource(
      strings = {
        "latest",
        "canary",
        "next",
        "beta",
        "rc",
        "^1.0.0 foo",
        "1.2.3foo",
        "1.2.3.4",
        "01.2.3",
        "^01.2.3",
        "[1.0,2.0)",
        "- 1.2.3",
        "*-0"
      })
  void whatNpmCallsATagIsNotARange(String spec) {
    assertThat(NpmRange.parse(spec)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"not-a-version", "1.0", ""})
  void aLockedValueThatIsNotAVersionSatisfiesNothing(String version) {
    assertThat(NpmRange.parse("*").orElseThrow().isSatisfiedBy(version)).isFalse();
  }
}
