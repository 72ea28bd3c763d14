package dev.slipway.packager.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretFilesTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        ".env",
        ".env.local",
        ".env.production",
        ".env.production.local",
        ".env.sample",
        "config/.env",
        "public/.env.development",
        ".ENV.Local",
        ".envrc",
        ".npmrc",
        "deploy/.npmrc",
        "certs/server.pem",
        "tls/private.key",
        ".key",
        "certs/client.p12",
        "certs/client.PFX",
        "android/release.keystore",
        "signing/app.jks",
        "id_rsa",
        ".ssh/id_ed25519",
        "keys/id_ecdsa_deploy",
        "ID_DSA",
        "windows\\dir\\.env.local"
      })
  void credentialFilesLookSecret(String path) {
    assertThat(SecretFiles.looksSecret(path)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        ".env.example",
        ".env.production.example",
        ".ENV.EXAMPLE",
        "public/robots.txt",
        "package.json",
        "next.config.mjs",
        ".environment.js",
        "env.ts",
        ".env/readme.md",
        "public/keyboard.svg",
        "monkey",
        "id_rsa.pub",
        ".ssh/id_ed25519.PUB",
        "public/",
        "docs/pem-files.md"
      })
  void ordinaryFilesAndTemplatesDoNotLookSecret(String path) {
    assertThat(SecretFiles.looksSecret(path)).isFalse();
  }
}
