package dev.slipway.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code engines.node} as the installer checks it. Expected answers are node-semver 7.8's (npm 11):
 * satisfies(v, range, {includePrerelease: true}).
 */
class NpmRangeEnginesTest {

  @ParameterizedTest(name = "{1} satisfies \"{0}\": {2}")
  @CsvSource(
      delimiter = ';',
      value = {
        ">=20 <23; 20.20.2; true",
        ">=20 <23; 23.0.0; false",
        "^18; 18.19.0; true",
        "^18; 20.20.2; false",
        "18.x || 20.x; 20.20.2; true",
        "18.x || 20.x; 22.3.0; false",
        "^18.18.0 || ^19.8.0 || >= 20.0.0; 22.3.0; true",
        "^18.18.0 || ^19.8.0 || >= 20.0.0; 18.17.0; false",
        ">= 20; 20.0.0; true",
        "20 - 22; 22.9.9; true",
        "~20.11; 20.20.2; false",
        "v20; 20.20.2; true",
        "*; 16.20.2; true",
        // semver4j alone reads a bare x as <0.0.0
        "x; 20.20.2; true",
        "x || 18; 20.20.2; true",
        ">=x.x; 20.20.2; true",
        "<*; 20.20.2; false",
        ">x || 20; 20.20.2; true",
        // an empty alternative is any version
        ">=22 ||; 20.20.2; true",
        // npm's engines check includes prereleases
        ">=20; 21.0.0-nightly20230801; true",
      })
  void matchesLikeNpm(String range, String version, boolean expected) {
    assertThat(NpmRange.parseStrictly(range.strip()).isSatisfiedByIncludingPrereleases(version))
        .isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "banana",
        "=>20",
        ">=abc",
        "latest",
        "lts",
        "foo || 20",
        "node >= 20",
        "20.0.0.0",
        ">=20,<23",
        "!20",
        ">=020"
      })
  void rejectsWhatNpmRejects(String range) {
    // semver4j alone accepts "latest" and "foo || 20", and lets "banana" match nothing
    assertThatIllegalArgumentException()
        .isThrownBy(() -> NpmRange.parseStrictly(range))
        .withMessageContaining("is not a version or a comparator");
  }
}
