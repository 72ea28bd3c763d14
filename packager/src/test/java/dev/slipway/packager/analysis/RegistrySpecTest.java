package dev.slipway.packager.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RegistrySpecTest {

  @Test
  void aPlainRangeInstallsThePackageOfThatName() {
    RegistrySpec spec = RegistrySpec.of("next", "^15.0.0").orElseThrow();

    assertThat(spec.packageName()).isEqualTo("next");
    assertThat(spec.range().isSatisfiedBy("15.2.0")).isTrue();
  }

  @Test
  void anAliasInstallsTheAliasedPackageAndChecksTheAliasedRange() {
    RegistrySpec spec = RegistrySpec.of("react18", "npm:react@^18.2.0").orElseThrow();

    assertThat(spec.packageName()).isEqualTo("react");
    assertThat(spec.range().isSatisfiedBy("18.3.1")).isTrue();
    assertThat(spec.range().isSatisfiedBy("19.0.0")).isFalse();
  }

  @Test
  void aScopedAliasKeepsItsScope() {
    RegistrySpec spec = RegistrySpec.of("types", "npm:@types/node@~20.1").orElseThrow();

    assertThat(spec.packageName()).isEqualTo("@types/node");
    assertThat(spec.range().isSatisfiedBy("20.1.7")).isTrue();
    assertThat(spec.range().isSatisfiedBy("20.2.0")).isFalse();
  }

  @Test
  void anAliasWithoutRangeAcceptsAnyVersion() {
    RegistrySpec spec = RegistrySpec.of("r", "npm:@scope/pkg").orElseThrow();

    assertThat(spec.packageName()).isEqualTo("@scope/pkg");
    assertThat(spec.range().isSatisfiedBy("0.0.1")).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "github:vercel/next.js",
        "vercel/next.js#canary",
        "git+https://github.com/a/b.git#v1.0.0",
        "git+ssh://git@github.com/a/b.git",
        "git://github.com/a/b.git",
        "https://example.com/pkg-1.0.0.tgz",
        "file:../shared",
        "./vendor/pkg",
        "../pkg",
        "~/pkg",
        "/opt/pkg",
        "link:../pkg",
        "workspace:*",
        "workspace:^1.0.0",
        "latest",
        "canary",
        "npm:react@latest",
        "npm:react@github:facebook/react"
      })
  void specsThatAreNotRegistryRangesAreNotCompared(String spec) {
    assertThat(RegistrySpec.of("dep", spec)).isEmpty();
  }
}
