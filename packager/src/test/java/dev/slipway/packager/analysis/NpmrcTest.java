package dev.slipway.packager.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NpmrcTest {
  @Test
  void settingsWithoutCredentialsAreClean() {
    Npmrc npmrc = Npmrc.parse("legacy-peer-deps=true\nregistry=https://registry.npmjs.org/\n; _authToken=commented\n");

    assertThat(npmrc.literalCredentialKeys()).isEmpty();
    assertThat(npmrc.requiredEnv()).isEmpty();
  }

  @Test
  void findsLiteralCredentialsAloneOrAfterARegistryPrefixAndNamesOnlyTheKey() {
    Npmrc npmrc = Npmrc.parse("""
        //registry.npmjs.org/:_authToken=npm_abcdef123
        //npm.pkg.github.com/:_auth = "dXNlcjpwYXNz"
        _password=cGFzcw==
        //nexus.example.com/repository/npm/:password=hunter2
        //nexus.example.com/repository/npm/:username=ci
        """);

    assertThat(npmrc.literalCredentialKeys()).containsExactly(
        "//registry.npmjs.org/:_authToken", "//npm.pkg.github.com/:_auth", "_password",
        "//nexus.example.com/repository/npm/:password");
    assertThat(npmrc.toString()).doesNotContain("npm_abcdef123", "hunter2", "dXNlcjpwYXNz");
  }

  @Test
  void envReferencesAreNoCredentialAndBecomeRequiredNames() {
    Npmrc npmrc = Npmrc.parse("""
        //registry.npmjs.org/:_authToken=${NPM_TOKEN}
        //${PRIVATE_HOST}/:_authToken="${PRIVATE_TOKEN}" ; the CI token
        //npm.pkg.github.com/:_authToken=${GITHUB_TOKEN?}
        //empty.example.com/:_authToken=
        """);

    assertThat(npmrc.literalCredentialKeys()).isEmpty();
    assertThat(npmrc.requiredEnv()).containsExactly("NPM_TOKEN", "PRIVATE_HOST", "PRIVATE_TOKEN");
    assertThat(npmrc.optionalEnv()).containsExactly("GITHUB_TOKEN");
  }

  @Test
  void aValueMixingALiteralWithAReferenceIsStillALiteralCredential() {
    assertThat(Npmrc.parse("_authToken=abc${SUFFIX}\n").literalCredentialKeys()).containsExactly("_authToken");
  }
}
